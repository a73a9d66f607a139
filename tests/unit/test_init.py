"""`audit init` and which personas and scenarios a run reads: a team's own (--personas-dir, ./personas,
EMPATHY_LAB_HOME) before the ones shipped with Empathy Lab."""

from __future__ import annotations

import yaml

from auditor.cli import main
from auditor.model.persona import load_personas
from auditor.model.scenario import load_scenario
from auditor.paths import is_shipped, personas_dir, scenarios_dir, shipped_personas_dir, shipped_scenarios_dir

SEVEN = {"ashleigh", "christopher", "claudia", "pawel", "ron", "saleem", "simone"}


def test_init_writes_a_starting_set_up_that_validates(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--url", "https://www.example.gov.uk/bins/start"]) == 0
    said = capsys.readouterr().out
    assert "wrote 10 files" in said and ".github/workflows/accessibility.yml" in said
    assert {p.stem for p in (tmp_path / "personas").glob("*.yaml")} == SEVEN
    for p in (tmp_path / "personas").glob("*.yaml"):
        assert p.read_bytes() == (shipped_personas_dir() / p.name).read_bytes()
    config = yaml.safe_load((tmp_path / "audit.yaml").read_text())
    assert config["urls"] == ["https://www.example.gov.uk/bins/start"] and config["fail_on"] == "serious"
    workflow = yaml.safe_load((tmp_path / ".github/workflows/accessibility.yml").read_text())
    uses = [s["uses"] for s in workflow["jobs"]["audit"]["steps"]]
    assert uses[-1].startswith("empathy-lab/empathy-lab@") and uses[0] == "actions/checkout@v6"
    assert main(["validate"]) == 0
    said = capsys.readouterr().out
    assert "your own personas (personas), your own scenarios (scenarios), ./audit.yaml" in said
    assert "all valid: 7 personas, 1 scenario, 1 config" in said


def test_init_never_overwrites_and_writes_nothing_when_a_file_is_there(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "ron.yaml").write_text("# ours\n")
    assert main(["init", "--ci", "gitlab"]) == 2
    err = capsys.readouterr().err
    assert "nothing written" in err and "personas/ron.yaml" in err
    assert (tmp_path / "personas" / "ron.yaml").read_text() == "# ours\n"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["ron.yaml"]


def test_init_for_gitlab_and_without_ci(tmp_path, monkeypatch, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert main(["init", "--ci", "gitlab", "--package", "empathy-lab==0.1.0"]) == 0
    job = yaml.safe_load((tmp_path / "a" / ".gitlab-ci.yml").read_text())["accessibility"]
    assert ".venv/bin/pip install \"empathy-lab==0.1.0\"" in job["before_script"][-1]
    assert job["artifacts"]["reports"]["junit"] == "reports/a11y/junit.xml"
    assert yaml.safe_load((tmp_path / "a" / "audit.yaml").read_text())["urls"] == []
    monkeypatch.chdir(tmp_path / "b")
    assert main(["init", "--ci", "none"]) == 0
    assert not (tmp_path / "b" / ".github").exists() and not (tmp_path / "b" / ".gitlab-ci.yml").exists()


def test_init_bad_options_are_usage_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--url", "www.example.gov.uk"]) == 2
    assert "'www.example.gov.uk' is not a web address" in capsys.readouterr().err
    assert main(["init", "--action", "checkout"]) == 2
    assert "--action: 'checkout' is not OWNER/REPO@REF" in capsys.readouterr().err
    assert main(["init", "--ci", "jenkins"]) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_teams_own_personas_come_before_the_shipped_ones(tmp_path, monkeypatch):
    monkeypatch.delenv("EMPATHY_LAB_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    assert is_shipped(personas_dir()) and is_shipped(scenarios_dir())
    assert set(load_personas()) == SEVEN
    own = tmp_path / "personas"
    own.mkdir()
    (own / "claudia.yaml").write_bytes((shipped_personas_dir() / "claudia.yaml").read_bytes())
    assert not is_shipped(personas_dir()) and set(load_personas()) == {"claudia"}
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "ron.yaml").write_bytes((shipped_personas_dir() / "ron.yaml").read_bytes())
    assert set(load_personas(other)) == {"ron"}                # --personas-dir wins over ./personas
    home = tmp_path / "home" / "personas"
    home.mkdir(parents=True)
    (home / "saleem.yaml").write_bytes((shipped_personas_dir() / "saleem.yaml").read_bytes())
    monkeypatch.setenv("EMPATHY_LAB_HOME", str(tmp_path / "home"))     # EMPATHY_LAB_HOME wins over ./personas
    assert set(load_personas()) == {"saleem"}


def test_a_teams_own_scenarios_do_not_hide_the_shipped_ones_by_id(tmp_path, monkeypatch):
    monkeypatch.delenv("EMPATHY_LAB_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").mkdir()
    ours = (shipped_scenarios_dir() / "missed-bin-quick.yaml").read_text().replace("id: missed-bin-quick", "id: ours")
    (tmp_path / "scenarios" / "ours.yaml").write_text(ours)
    assert not is_shipped(scenarios_dir())
    assert load_scenario("ours").id == "ours" and load_scenario("missed-bin").id == "missed-bin"
