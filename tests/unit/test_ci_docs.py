"""docs/ci.md's pipeline files: each YAML block parses, every `audit` command in them (and in the "Commands a
pipeline uses" block) is accepted by the real command-line parsers, and the files the jobs hand to each other
line up. No runner is started: this checks what can be checked here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from auditor.commands import compare, merge, run

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
    return found


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
            run.parse_formats(args.format)                 # raises on an unknown format
        if getattr(args, "shard", None):
            index, total = run.parse_shard(args.shard)
            assert total == 4 and 1 <= index <= total, where


def test_a_wrong_flag_would_be_caught():
    # The check above is only worth something if a typo fails it.
    with pytest.raises(SystemExit):
        run.parser().parse_args(["--config", "audit.yaml", "--shards", "1/4"])
    with pytest.raises(SystemExit):
        merge.parser().parse_args(["shards/*/report.json", "--format", "json"])      # --out is required


def test_the_jobs_hand_each_other_the_right_files():
    gh = github()["jobs"]
    upload = next(s for s in gh["audit"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    download = next(s for s in gh["report"]["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    assert upload["with"]["path"] == "shard/report.json"
    assert upload["with"]["name"].startswith(download["with"]["pattern"].rstrip("*"))
    merged = [argv for where, argv in audit_commands() if where.startswith("github report") and argv[0] == "merge"]
    assert merged and merged[0][1] == f"{download['with']['path']}/*/report.json"
    steps = {s.get("uses", "").split("@")[0]: s for s in gh["report"]["steps"]}
    assert steps["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "reports/a11y/report.sarif"
    assert steps["mikepenz/action-junit-report"]["with"]["report_paths"] == "reports/a11y/junit.xml"
    gl = gitlab()
    assert gl["audit"]["artifacts"]["paths"] == ["shard-*/report.json"]
    assert gl["accessibility-report"]["artifacts"]["reports"]["junit"] == "reports/a11y/junit.xml"
    shard_runs = [argv for where, argv in audit_commands() if where.startswith("gitlab audit")]
    assert shard_runs and shard_runs[0][shard_runs[0].index("--out") + 1] == "shard-1"
    assert (ROOT / "pyproject.toml").is_file()                                   # the pip cache key's file
