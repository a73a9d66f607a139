"""``audit init``: start a team's or a facilitator's own set-up in the working folder.

Writes ``audit.yaml``, the seven personas (``personas/``), one example scenario (``scenarios/``) and a CI
workflow (GitHub Actions or GitLab CI), all to be edited. Refuses to overwrite anything: when one of the files
is already there it writes nothing and says which (exit 2). Says what it wrote.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from auditor.commands.args import check_url
from auditor.errors import UsageError
from auditor.model.persona import yaml_files
from auditor.paths import shipped_personas_dir, shipped_scenarios_dir

FILES = Path(__file__).with_name("init_files")
EXAMPLE_SCENARIO = "missed-bin-quick"
REPOSITORY = "empathy-lab/empathy-lab"  # where the Action and the package come from (docs/ci.md)
CI_FILES = {"github": ".github/workflows/accessibility.yml", "gitlab": ".gitlab-ci.yml", "none": None}


def release_ref() -> str:
    try:
        return "v" + version("empathy-lab")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout without an install
        return "main"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="audit init",
                                description="Write a starting audit.yaml, the seven personas, an example scenario "
                                            "and a CI workflow into the working folder, to edit. Never overwrites.")
    p.add_argument("--ci", choices=tuple(CI_FILES), default="github",
                   help="which CI workflow to write: github (default: .github/workflows/accessibility.yml, using "
                        "Empathy Lab's GitHub Action), gitlab (.gitlab-ci.yml) or none")
    p.add_argument("--url", action="append", default=[], metavar="URL",
                   help="a page to audit (may be repeated); without it audit.yaml lists none yet")
    p.add_argument("--action", metavar="OWNER/REPO@REF",
                   help=f"the GitHub Action to use (default {REPOSITORY}@{release_ref()})")
    p.add_argument("--package", metavar="SPEC",
                   help="what GitLab CI installs with pip (default Empathy Lab from its repository at this version)")
    return p


def planned(args) -> dict[Path, str | Path]:
    """{file to write: its text, or the shipped file to copy}."""
    urls = [check_url(u) for u in args.url]
    listed = "".join(f"\n  - {u}" for u in urls) if urls else \
        " []   # your pages, one a line:\n#  - https://www.example.gov.uk/bins/start"
    text = (FILES / "audit.yaml").read_text("utf-8").replace("__URLS__", listed)
    plan: dict[Path, str | Path] = {Path("audit.yaml"): text}
    for persona in yaml_files(shipped_personas_dir()):
        plan[Path("personas") / persona.name] = persona
    example = shipped_scenarios_dir() / f"{EXAMPLE_SCENARIO}.yaml"
    plan[Path("scenarios") / example.name] = (
        "# An example task, written by `audit init`: it runs on Empathy Lab's demo service (`audit serve-demo`).\n"
        "# For your own service, change start to your first page's URL, allowed_hosts to its host, and the steps\n"
        "# to your task in plain words (press, fill, select, choose, check, expect text). `audit validate`\n"
        "# checks it; `audit --scenario " + EXAMPLE_SCENARIO + "` performs it as each persona.\n"
        + example.read_text("utf-8"))
    ci_file = CI_FILES[args.ci]
    if ci_file:
        ref = release_ref()
        template = (FILES / ("github-workflow.yaml" if args.ci == "github" else "gitlab-ci.yaml")).read_text("utf-8")
        plan[Path(ci_file)] = (template.replace("__ACTION__", args.action or f"{REPOSITORY}@{ref}")
                               .replace("__PACKAGE__", args.package or
                                        f"empathy-lab @ git+https://github.com/{REPOSITORY}@{ref}"))
    return plan


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.action is not None and ("@" not in args.action or "/" not in args.action.split("@")[0]):
        raise UsageError(f"--action: '{args.action}' is not OWNER/REPO@REF (for example {REPOSITORY}@main)")
    plan = planned(args)
    there = [str(path) for path in plan if path.exists() or path.is_symlink()]
    if there:
        raise UsageError("init: nothing written, these are already here (audit init never overwrites; move them "
                         "away or edit them): " + ", ".join(there))
    for path, content in plan.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, path)
        else:
            path.write_text(content, "utf-8")
    people = sum(1 for p in plan if p.parts[0] == "personas")
    rows = [("audit.yaml", "what to audit and when to fail (add your pages under urls)"),
            (f"personas/ ({people} files)", "the personas: edit them, or delete those you do not need"),
            (f"scenarios/{EXAMPLE_SCENARIO}.yaml", "an example task on the demo service, to rewrite for yours")]
    ci_file = CI_FILES[args.ci]
    if ci_file:
        rows.append((ci_file, f"{'GitHub Actions' if args.ci == 'github' else 'GitLab CI'}: the audit on every change"))
    width = max(len(name) for name, _ in rows)
    print(f"wrote {len(plan)} files in {Path.cwd()}:")
    for name, what in rows:
        print(f"  {name:<{width}}  {what}")
    print("next: `audit validate` checks them; `audit` runs the audit (`audit --help` for more)")
    return 0
