"""``audit validate [PATH...]``: check personas, scenarios and audit configs; report every error at once.

With no PATH it checks a team's own personas/ and scenarios/ (EMPATHY_LAB_HOME, or the working folder) where
there are any, else the ones shipped with Empathy Lab, and ./audit.yaml when present; it says which it checked.
A PATH may be a file or a folder. Which kind a file is comes from its folder (personas/, scenarios/), its
name (audit.yaml), or failing those, its keys. Exit 0 when everything is valid, 2 otherwise. Notes (a
probe's META naming a persona whose file does not run it, or the other way round) follow the verdict on
standard output and do not fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.config import validate_configs
from auditor.model import yamlsrc
from auditor.model.persona import probe_claims, validate_personas, yaml_files
from auditor.model.scenario import validate_scenarios
from auditor.model.yamlsrc import Problem
from auditor.paths import is_shipped, personas_dir, scenarios_dir

KINDS = ("persona", "scenario", "config")


def classify(path: Path) -> str:
    """persona, scenario or config, for a YAML file."""
    parts = [p.lower() for p in path.resolve().parts[:-1]]
    if path.name in ("audit.yaml", "audit.yml") or path.name.endswith((".audit.yaml", ".audit.yml")):
        return "config"
    if parts and parts[-1] == "personas":
        return "persona"
    if parts and parts[-1] == "scenarios":
        return "scenario"
    src = yamlsrc.load(path)
    data = src.data if isinstance(src.data, dict) else {}
    if "simulation" in data or "audit" in data and "conditions" in data:
        return "persona"
    if "steps" in data or "brief" in data:
        return "scenario"
    if "urls" in data or "sitemaps" in data or "thresholds" in data:
        return "config"
    return "persona" if "conditions" in data else "scenario" if "start" in data else "unknown"


def collect(paths: list[str]) -> tuple[dict[str, list[Path]], list[Problem]]:
    groups: dict[str, list[Path]] = {k: [] for k in KINDS}
    problems: list[Problem] = []
    targets = [Path(p) for p in paths] if paths else [personas_dir(), scenarios_dir()] + (
        [Path("audit.yaml")] if Path("audit.yaml").is_file() else [])
    for target in targets:
        shown = yamlsrc.display_path(target)
        if target.is_dir():
            files = yaml_files(target)
            if not files:
                problems.append(Problem(shown, None, "(folder)",
                                        "no YAML files here (expected persona, scenario or config files ending in .yaml)"))
            for f in files:
                kind = classify(f)
                if kind == "unknown":
                    problems.append(Problem(yamlsrc.display_path(f), 1, "(document)",
                                            "cannot tell what this file is (expected a persona with 'simulation' "
                                            "and 'audit', a scenario with 'steps', or an audit config with 'urls')"))
                else:
                    groups[kind].append(f)
        elif target.is_file():
            kind = classify(target)
            groups["persona" if kind == "unknown" else kind].append(target)
        else:
            problems.append(Problem(shown, None, "(file)", "no such file or folder"))
    return groups, problems


def validate(paths: list[str]) -> tuple[list[Problem], dict[str, int]]:
    problems, counts, _ = validate_with_notes(paths)
    return problems, counts


def validate_with_notes(paths: list[str]) -> tuple[list[Problem], dict[str, int], list[Problem]]:
    """Problems (errors), counts of files checked, and notes (where a probe and a persona file disagree)."""
    groups, problems = collect(paths)
    counts = {}
    personas, persona_problems = validate_personas(groups["persona"])
    notes = sorted(probe_claims(personas), key=lambda p: (p.file, p.line or 0, p.message))
    counts["personas"] = len(groups["persona"])
    scenarios, scenario_problems = validate_scenarios(groups["scenario"])
    counts["scenarios"] = len(groups["scenario"])
    problems += persona_problems + scenario_problems
    if groups["config"]:
        counts["configs"] = len(groups["config"])
        problems += validate_configs(groups["config"], personas or None, scenarios or None)
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return problems, counts, notes


def which_sets() -> str:
    """Which personas and scenarios `audit validate` with no PATH checks: a team's own, or the shipped ones."""
    parts = []
    for name, folder in (("personas", personas_dir()), ("scenarios", scenarios_dir())):
        whose = "Empathy Lab's shipped" if is_shipped(folder) else "your own"
        parts.append(f"{whose} {name} ({yamlsrc.display_path(folder)})")
    if Path("audit.yaml").is_file():
        parts.append("./audit.yaml")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="audit validate",
                                     description="Check persona, scenario and audit config files. "
                                                 "Every error is reported at once as file:line: key: message.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files or folders to check (default: personas/ and scenarios/, and ./audit.yaml)")
    args = parser.parse_args(argv)
    problems, counts, notes = validate_with_notes(args.paths)
    if not args.paths:
        print(f"checking {which_sets()}", file=sys.stderr if problems else sys.stdout)
    for problem in problems:
        print(problem, file=sys.stderr)
    checked = ", ".join(f"{n} {k}" if n != 1 else f"1 {k[:-1]}" for k, n in counts.items() if n)
    if notes:
        checked += f"; {len(notes)} note{'s' if len(notes) != 1 else ''}"
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} error{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''} "
              f"(checked {checked or 'nothing'})", file=sys.stderr)
    else:
        print(f"all valid: {checked}")
    for note in notes:   # after the verdict, on standard output: a note is not an error
        print(note)
    return 2 if problems else 0
