"""The probe registry is the one list of probes: every probe describes itself, the facilitators' table of checks
is generated from it, and what each probe says about personas agrees with the persona files."""

from __future__ import annotations

import shutil

from auditor.cli import main
from auditor.model.persona import load_personas, probe_claims
from auditor.paths import personas_dir
from auditor.probes import checks_table, registry, with_checks_table


def test_every_probe_describes_itself():
    for pid, module in registry().items():
        meta = module.META
        assert meta.summary.strip() and meta.title.strip() and meta.failure_title.strip() and meta.fix.strip(), pid
        assert (meta.wcag or pid == "axe") and meta.personas, pid   # axe: criteria per rule
        assert set(meta.why) <= set(meta.personas), pid


def test_the_facilitators_table_of_checks_is_current():
    """Run `python -m auditor.probes` when this fails: it rewrites the table from the probes' META."""
    readme = (personas_dir() / "README.md").read_text("utf-8")
    assert with_checks_table(readme) == readme
    assert checks_table().count("\n| `") == len(registry())


def test_the_probes_and_the_shipped_personas_agree():
    """Each probe's META.personas is exactly the shipped personas whose audit.probes list it."""
    personas = load_personas()
    assert probe_claims(personas) == []
    for pid, module in registry().items():
        assert set(module.META.personas) == {p for p, persona in personas.items() if pid in persona.audit.probes}, pid


def test_validate_notes_a_persona_file_that_disagrees_with_a_probe(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "personas"
    folder.mkdir()
    text = (personas_dir() / "claudia.yaml").read_text("utf-8")
    assert "probes: [axe, reflow, " in text
    (folder / "claudia.yaml").write_text(text.replace("probes: [axe, reflow, ", "probes: [axe, timing, "), "utf-8")
    shutil.copy(personas_dir() / "pawel.yaml", folder / "pawel.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(folder)]) == 0   # notes do not fail: the persona file decides what runs
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines() == [
        "all valid: 2 personas; 2 notes",
        "personas/claudia.yaml:20: audit.probes: note: does not list 'reflow', which says why it matters to them "
        "(auditor/probes/reflow.py); its findings will not be shown as hurting Claudia",
        "personas/claudia.yaml:20: audit.probes: note: lists 'timing', which does not name claudia among its "
        "personas (auditor/probes/timing.py, META.personas)",
    ]


def test_the_task_modes_a_persona_may_name_are_the_journeys_actors():
    """The persona model cannot import the journey (it drives a browser), so the two lists are held equal here."""
    from auditor.journey.runner import ACTORS
    from auditor.model.persona import AUDIT_SCHEMA, TASK_MODES

    assert tuple(ACTORS) == TASK_MODES == AUDIT_SCHEMA["task_mode"].options()
    assert all(actor.mode == mode for mode, actor in ACTORS.items())
