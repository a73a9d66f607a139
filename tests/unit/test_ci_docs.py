"""docs/ci.md's pipeline files and the repository's GitHub Action (action.yml): each YAML block parses, every
`audit` command in them (and in the "Commands a pipeline uses" block, and those the Action builds from its
inputs) is accepted by the real command-line parsers, the files the jobs hand to each other line up, and every
CI file passes its CI system's published schema. No runner is started here (tests/browser/test_installed.py
runs the Action's shell steps)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from auditor.commands import compare, init, merge, run
from auditor.reporters import parse_formats

ROOT = Path(__file__).resolve().parents[2]
CI_MD = ROOT / "docs" / "ci.md"
PARSERS = {"merge": merge.parser, "compare": compare.parser}
# CI variables, as a runner would set them for the first job of the matrix
VARIABLES = {"${{ matrix.shard }}": "1", "$CI_NODE_INDEX": "1", "$CI_NODE_TOTAL": "4"}


def blocks(kind: str) -> dict[str, str]:
    """{section heading: text} of the ``` fenced blocks of one kind (yaml, or "" for plain ones)."""
    out, heading = {}, ""
    for m in re.finditer(r"^## ([^\n]+)$|^```(\w*)\n(.*?)^```$", CI_MD.read_text("utf-8"), re.M | re.S):
        if m.group(1):
            heading = m.group(1).strip()
        elif m.group(2) == kind:
            out[heading] = m.group(3)
    return out


def github() -> dict:
    return yaml.safe_load(blocks("yaml")["GitHub Actions"])


def gitlab() -> dict:
    return yaml.safe_load(blocks("yaml")["GitLab CI"])


def shell_lines() -> list[tuple[str, str]]:
    """(where, line) for every shell line the pipelines run, and the commands block."""
    lines = []
    for name, job in github()["jobs"].items():
        for step in job["steps"]:
            for line in str(step.get("run", "")).splitlines():
                lines.append((f"github {name}: {step.get('name', '')}", line))
    lab = gitlab()
    for name, job in lab.items():
        if isinstance(job, dict):
            for key in ("before_script", "script"):
                lines += [(f"gitlab {name}.{key}", line) for line in job.get(key) or []]
    lines += [("commands block", line) for line in blocks("")["Commands a pipeline uses"].splitlines()]
    return [(where, line.strip()) for where, line in lines if line.strip()]


ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))


def action_steps() -> list[tuple[str, dict]]:
    """(where, inputs) for each step of the GitHub example that uses Empathy Lab's own Action."""
    return [(f"github {name}: {step.get('name', '')}", step.get("with") or {})
            for name, job in github()["jobs"].items() for step in job["steps"]
            if step.get("uses", "").startswith("empathy-lab/empathy-lab@")]


def action_argv(inputs: dict) -> list[str]:
    """The audit command line action.yml's Audit step builds from its inputs (defaults filled in)."""
    given = {k: str(v["default"]) for k, v in ACTION["inputs"].items()} | {k: str(v) for k, v in inputs.items()}
    for name, value in VARIABLES.items():
        given = {k: v.replace(name, value) for k, v in given.items()}
    formats = given["formats"] if "md" in given["formats"].split(",") else given["formats"] + ",md"
    gate = ["--fail-on", given["fail-on"]] if given["fail-on"] else []
    if given["merge"]:
        return ["merge", *given["merge"].split(), *gate, "--format", formats, "--out", given["out"]]
    argv = given["urls"].split()
    for key in ("config", "personas-dir", "fail-on", "shard"):
        if given[key]:
            argv += [f"--{key}", given[key]]
    return argv + ["--persona", given["personas"], "--format", formats, "--out", given["out"]]


def audit_commands() -> list[tuple[str, list[str]]]:
    """(where, argv after `audit`) for each audit command, CI variables filled in and comments dropped."""
    found = []
    for where, line in shell_lines():
        for name, value in VARIABLES.items():
            line = line.replace(name, value)
        words = shlex.split(line, comments=True)
        for i, word in enumerate(words):
            if word in ("audit", ".venv/bin/audit"):
                argv = []
                for w in words[i + 1:]:
                    if w in ("&&", "||", ";", "|", ">>", ">"):
                        break
                    argv.append(w)
                found.append((where, argv))
    return found + [(where, action_argv(inputs)) for where, inputs in action_steps()]


def test_the_pipeline_files_parse_as_yaml():
    gh, gl = github(), gitlab()
    assert set(gh["jobs"]) == {"audit", "report"} and gh["jobs"]["report"]["needs"] == "audit"
    assert gh[True] if True in gh else gh["on"]           # YAML 1.1 reads the key `on` as true
    assert gl["stages"] == ["audit", "report"] and gl["audit"]["parallel"] == 4
    assert gl["accessibility-report"]["needs"] == ["audit"]


def test_every_audit_command_is_accepted_by_the_real_parsers():
    commands = audit_commands()
    assert len(commands) >= 8, commands
    for where, argv in commands:
        sub = argv[0] if argv and argv[0] in PARSERS else None
        try:
            args = (PARSERS[sub]() if sub else run.parser()).parse_args(argv[1:] if sub else argv)
        except SystemExit:
            pytest.fail(f"{where}: audit {' '.join(argv)} is refused by audit's own parser")
        if getattr(args, "format", None):
            parse_formats(args.format)                 # raises on an unknown format
        if getattr(args, "shard", None):
            index, total = run.parse_shard(args.shard)
            assert total == 4 and 1 <= index <= total, where


def test_a_wrong_flag_would_be_caught():
    # The check above is only worth something if a typo fails it.
    with pytest.raises(SystemExit):
        run.parser().parse_args(["--config", "audit.yaml", "--shards", "1/4"])
    with pytest.raises(SystemExit):
        merge.parser().parse_args(["shards/*/report.json", "--format", "json"])      # --out is required


def test_the_github_example_uses_the_action_with_its_real_inputs():
    steps = action_steps()
    assert [where.split(":")[0] for where, _ in steps] == ["github audit", "github report"]
    for where, inputs in steps:
        unknown = set(inputs) - set(ACTION["inputs"])
        assert not unknown, f"{where}: no such input of action.yml: {unknown}"
    assert ACTION["runs"]["using"] == "composite"


def test_the_jobs_hand_each_other_the_right_files():
    gh = github()["jobs"]
    (_, shard), (_, merging) = action_steps()
    download = next(s for s in gh["report"]["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert shard["artifact-name"].startswith(download["with"]["pattern"].rstrip("*"))
    assert shard["formats"] == "json" and shard["fail-on"] == "none"        # shards report; the merge gates
    merged = [argv for where, argv in audit_commands() if where.startswith("github report") and argv[0] == "merge"]
    assert merged and merged[0][1] == f"{download['with']['path']}/*/report.json"
    assert "sarif" in merged[0][merged[0].index("--format") + 1].split(",")
    steps = {s.get("uses", "").split("@")[0]: s for s in gh["report"]["steps"]}
    out = merging["out"]
    assert steps["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == f"{out}/report.sarif"
    assert steps["mikepenz/action-junit-report"]["with"]["report_paths"] == f"{out}/junit.xml"
    gl = gitlab()
    assert gl["audit"]["artifacts"]["paths"] == ["shard-*/report.json"]
    assert gl["accessibility-report"]["artifacts"]["reports"]["junit"] == "reports/a11y/junit.xml"
    shard_runs = [argv for where, argv in audit_commands() if where.startswith("gitlab audit")]
    assert shard_runs and shard_runs[0][shard_runs[0].index("--out") + 1] == "shard-1"


# --- every CI file Empathy Lab ships or documents passes the schema its CI system publishes (check-jsonschema's
# vendored copies, no network): action.yml, the examples above and the workflow files `audit init` writes; and
# every action they use is on a major version that runs on Node 24 (GitHub removes Node 20 from its runners).

CHECK = Path(sys.executable).with_name("check-jsonschema")

# The first major of each action that runs on Node 24 (runs.using: node24), from the actions' release notes.
NODE24_MAJOR = {
    "actions/checkout": 5, "actions/setup-python": 6, "actions/cache": 5, "actions/upload-artifact": 6,
    "actions/download-artifact": 7, "github/codeql-action/upload-sarif": 4, "mikepenz/action-junit-report": 6,
}


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, list[Path]]:
    """{check-jsonschema builtin schema: files}, the docs' examples and init's templates written out."""
    out = tmp_path_factory.mktemp("ci-files")
    github = out / "docs-github.yml"
    github.write_text(blocks("yaml")["GitHub Actions"])
    gitlab = out / "docs-gitlab-ci.yml"
    gitlab.write_text(blocks("yaml")["GitLab CI"])
    rendered = {}
    for name in ("github-workflow.yaml", "gitlab-ci.yaml"):
        rendered[name] = out / f"init-{name}"
        rendered[name].write_text((init.FILES / name).read_text().replace("__ACTION__", "empathy-lab/empathy-lab@v0.1.0")
                                  .replace("__PACKAGE__", "empathy-lab==0.1.0"))
    return {"vendor.github-actions": [ROOT / "action.yml"],
            "vendor.github-workflows": [github, rendered["github-workflow.yaml"]],
            "vendor.gitlab-ci": [gitlab, rendered["gitlab-ci.yaml"]]}


def check(schema: str, paths: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK, "--builtin-schema", schema, *map(str, paths)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("schema", ["vendor.github-actions", "vendor.github-workflows", "vendor.gitlab-ci"])
def test_each_ci_file_passes_its_systems_schema(files, schema):
    done = check(schema, files[schema])
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_would_catch_a_mistake(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(blocks("yaml")["GitHub Actions"].replace("runs-on:", "runs_on:", 1))
    assert check("vendor.github-workflows", [bad]).returncode == 1
    bad.write_text((ROOT / "action.yml").read_text().replace("using: composite", "using: node12"))
    assert check("vendor.github-actions", [bad]).returncode == 1


def uses(text: str) -> list[str]:
    return re.findall(r"^\s*(?:-\s+)?uses:\s*([^\s#]+)", text, re.M)


def test_every_action_used_runs_on_node_24():
    texts = {"action.yml": (ROOT / "action.yml").read_text(), "docs/ci.md": blocks("yaml")["GitHub Actions"],
             "audit init's workflow": (init.FILES / "github-workflow.yaml").read_text()}
    seen = set()
    for where, text in texts.items():
        for ref in uses(text):
            name, _, version = ref.partition("@")
            if name.startswith(("empathy-lab/", "__ACTION__")) or ref == "__ACTION__":
                continue
            assert name in NODE24_MAJOR, f"{where}: {ref}: add its first Node 24 major to NODE24_MAJOR"
            major = int(re.match(r"v(\d+)", version).group(1))
            assert major >= NODE24_MAJOR[name], f"{where}: {ref} runs on Node 20 (v{NODE24_MAJOR[name]} or newer)"
            seen.add(name)
    assert {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/download-artifact"} <= seen
