"""Empathy Lab installed like any other tool: `python -m build` makes an sdist and a wheel cleanly (no deprecation
warnings, `twine check` passes); the wheel goes into a fresh virtual environment outside the checkout, and from
an empty folder there `audit validate`, `audit` on the demo, `audit serve-demo`, `audit init` and a kiosk
rehearsal all work. Then the repository's GitHub Action (action.yml) has its own shell steps run here, as a
runner would, against the demo service served by that installation.

The build and the install are done once for the module (about 2 minutes under load: see docs/ci.md); pip's
cache is reused, so no dependency is downloaded again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = [pytest.mark.browser, pytest.mark.kiosk]

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("EMPATHY_LAB_HOME", "PYTHONPATH", "VIRTUAL_ENV")}


def run(cmd, cwd, timeout=300, env=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env or ENV, capture_output=True, text=True,
                          timeout=timeout, **kw)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("dist")
    built = run([sys.executable, "-m", "build", "--outdir", out, ROOT], cwd=out, timeout=600)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel, = out.glob("empathy_lab-*.whl")
    sdist, = out.glob("empathy_lab-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist, "log": built.stdout + built.stderr}


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory, dist) -> Path:
    """A runner's temporary folder holding a fresh venv (where the Action keeps it) with the wheel installed."""
    temp = tmp_path_factory.mktemp("runner-temp")
    venv = temp / "empathy-lab"
    made = run([sys.executable, "-m", "venv", venv], cwd=temp)
    assert made.returncode == 0, made.stderr
    pip = run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               dist["wheel"]], cwd=temp, timeout=900)
    assert pip.returncode == 0, pip.stderr[-3000:]
    return temp


def test_the_build_is_clean_and_twine_check_passes(dist):
    noise = [line for line in dist["log"].splitlines()
             if re.search(r"deprecat|\w+Warning\b", line, re.I)]
    assert noise == []
    checked = run([sys.executable, "-m", "twine", "check", "--strict", dist["wheel"], dist["sdist"]], cwd=ROOT)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    import tarfile
    import zipfile

    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    for needed in ("auditor/shipped/personas/claudia.yaml", "auditor/shipped/personas/README.md",
                   "auditor/shipped/scenarios/missed-bin.yaml", "auditor/shipped/scenarios/demo/barriers.yaml",
                   "auditor/shipped/scenarios/demo/static/accessible.css",
                   "auditor/shipped/scenarios/demo/templates/accessible/base.html",
                   "auditor/reporters/templates/report.html.j2", "auditor/gatherers/js/common.js",
                   "auditor/commands/init_files/github-workflow.yaml", "kiosk/rehearsals/claudia-accessible.yaml",
                   "empathy_lab/pytest_plugin.py"):
        assert needed in names, needed
    scripts = {f"auditor/gatherers/js/{p.name}" for p in (ROOT / "auditor" / "gatherers" / "js").glob("*.js")}
    assert len(scripts) > 5 and scripts <= names, scripts - names       # every page script ships in the wheel
    root = dist["sdist"].name[:-len(".tar.gz")]
    members = set(tarfile.open(dist["sdist"]).getnames())
    assert {f"{root}/personas/ron.yaml", f"{root}/scenarios/demo/addresses.json", f"{root}/setup.py"} <= members


def test_the_installed_wheel_works_from_any_folder(runner_temp, tmp_path):
    bin_ = runner_temp / "empathy-lab" / "bin"
    here = tmp_path / "anywhere"
    here.mkdir()
    valid = run([bin_ / "audit", "validate"], cwd=here)
    assert valid.returncode == 0, valid.stderr
    assert "Empathy Lab's shipped personas" in valid.stdout and "all valid: 7 personas, 2 scenarios" in valid.stdout
    assert str(runner_temp) in valid.stdout and str(ROOT) not in valid.stdout

    demo = run([bin_ / "audit", "--persona", "claudia", "--format", "json,md", "--out", "demo"], cwd=here)
    assert demo.returncode == 1, demo.stderr[-2000:]          # the inaccessible version fails, by design
    report = yaml.safe_load((here / "demo" / "report.json").read_text())
    assert len(report["pages"]) >= 8 and all(p["status"] != "error" for p in report["pages"])
    assert "comparison" in report

    served = subprocess.Popen([bin_ / "audit", "serve-demo", "--port", "0"], cwd=here, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = served.stdout.readline().strip()
        import urllib.request

        with urllib.request.urlopen(url + "accessible/start", timeout=30) as page:
            assert b"Report a missed bin collection" in page.read()
    finally:
        served.terminate()
        served.wait(timeout=30)

    team = tmp_path / "team"
    team.mkdir()
    init = run([bin_ / "audit", "init"], cwd=team)
    assert init.returncode == 0, init.stderr
    assert (team / "personas" / "ashleigh.yaml").is_file() and (team / ".github/workflows/accessibility.yml").is_file()
    own = run([bin_ / "audit", "validate"], cwd=team)
    assert own.returncode == 0 and "your own personas (personas)" in own.stdout, own.stdout + own.stderr

    kiosk_env = {**ENV, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    rehearsal = run([bin_ / "kiosk", "--headless", "--script", "christopher-accessible", "--record", "rec"],
                    cwd=here, env=kiosk_env)
    assert rehearsal.returncode == 0, rehearsal.stderr[-2000:]
    assert "outcome done" in rehearsal.stdout + rehearsal.stderr
    assert (here / "rec" / "timings.json").is_file()


# --- the GitHub Action's own shell steps, run as a runner would -------------------------------------------------

def expression(text: str, context: dict) -> str:
    """${{ ... }} as the runner fills them in: a dotted name, or `a || b`."""
    def value(expr: str) -> str:
        for part in expr.split("||"):
            got = context.get(part.strip(), "")
            if got:
                return got
        return ""
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: value(m.group(1)), text)


def run_action(inputs: dict, runner_temp: Path, workspace: Path) -> tuple[dict, str, list[dict]]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    context = {f"inputs.{k}": str(v["default"]) for k, v in action["inputs"].items()}
    context.update({f"inputs.{k}": v for k, v in inputs.items()})
    context["github.action_path"] = str(ROOT)
    files = {name: workspace / f"_{name.lower()}" for name in
             ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
    for f in files.values():
        f.write_text("")
    ran = []
    for step in action["runs"]["steps"]:
        if "run" not in step:
            ran.append({"name": step["name"], "skipped": step["uses"]})
            continue
        env = {**ENV, "RUNNER_TEMP": str(runner_temp), **{k: str(v) for k, v in files.items()}}
        env.pop("EMPATHY_LAB_BROWSER", None)
        env["PATH"] = ":".join(files["GITHUB_PATH"].read_text().split()[::-1] + [env["PATH"]])
        for line in files["GITHUB_ENV"].read_text().splitlines():
            key, _, val = line.partition("=")
            env[key] = val
        env.update({k: expression(str(v), context) for k, v in (step.get("env") or {}).items()})
        before = files["GITHUB_OUTPUT"].read_text()
        script = workspace / "_step.sh"
        script.write_text(expression(step["run"], context))
        # as GitHub runs a composite action's `shell: bash` step
        done = run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=workspace, env=env, timeout=600)
        ran.append({"name": step["name"], "code": done.returncode, "out": done.stdout, "err": done.stderr})
        for line in files["GITHUB_OUTPUT"].read_text()[len(before):].splitlines():
            key, _, val = line.partition("=")
            context[f"steps.{step.get('id')}.outputs.{key}"] = val
    return context, files["GITHUB_STEP_SUMMARY"].read_text(), ran


def test_the_github_actions_shell_steps_audit_the_demo(runner_temp, dist, tmp_path):
    bin_ = runner_temp / "empathy-lab" / "bin"
    served = subprocess.Popen([bin_ / "audit", "serve-demo", "--port", "0"], cwd=tmp_path, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = served.stdout.readline().strip()
        inputs = {"urls": f"{base}accessible/start\n{base}inaccessible/start", "personas": "christopher,claudia",
                  "fail-on": "serious", "formats": "json,html", "out": "reports/a11y", "package": str(dist["wheel"])}
        context, summary, ran = run_action(inputs, runner_temp, tmp_path)
    finally:
        served.terminate()
        served.wait(timeout=30)
    install, audit, upload, verdict = ran
    assert install["code"] == 0, install["err"][-2000:]
    assert "Using /usr/bin/chromium" in install["out"]          # Debian's, found on PATH: no download
    assert audit["code"] == 0, audit["err"][-2000:]               # the step itself passes; the last one decides
    assert context["steps.audit.outputs.exit-code"] == "1"       # the inaccessible start page fails
    assert upload == {"name": "Upload the reports", "skipped": "actions/upload-artifact@v7"}
    assert verdict["code"] == 1 and "::error title=Empathy Lab::accessibility failures" in verdict["out"]
    written = {p.name for p in (tmp_path / "reports" / "a11y").iterdir()}
    assert {"report.json", "report.html", "summary.md"} <= written      # md is always added for the summary
    assert summary == (tmp_path / "reports" / "a11y" / "summary.md").read_text() and "Claudia" in summary

    context, summary, ran = run_action({"urls": "not-a-url", "package": str(dist["wheel"])}, runner_temp, tmp_path)
    assert context["steps.audit.outputs.exit-code"] == "2" and ran[-1]["code"] == 2
    assert "wrote no summary (audit exit code 2" in summary
