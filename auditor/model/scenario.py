"""Scenarios: a task on a service, in plain-language steps (shared by the kiosk and the auditor).

Steps name things the way a person sees or hears them, by accessible name, never by CSS selector::

    - go to /start
    - press "Start now"
    - fill "Postcode" with "E8 1DY"
    - choose "Garden waste"
    - check "The bin was not put back"
    - select "Tuesday" in "Collection day"
    - expect text "Check your answers"
    - wait 2

``scenarios/README.md`` explains every key and verb for the people who write scenarios.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from auditor.errors import UsageError
from auditor.model.persona import ID_PATTERN, yaml_files
from auditor.model.schema import Field, check_document, check_id_matches_file, nearest, validate_files
from auditor.model.yamlsrc import Problem, Source

Q = r'"([^"]*)"'
# verb -> (pattern of the whole step, how it is written)
VERBS: dict[str, tuple[str, str]] = {
    "go to": (r"go to\s+(\S+)", "go to /path (or a full URL)"),
    "press": (rf"press\s+{Q}", 'press "NAME" (a button or link)'),
    "fill": (rf"fill\s+{Q}\s+with\s+{Q}", 'fill "NAME" with "VALUE"'),
    "choose": (rf"choose\s+{Q}", 'choose "NAME" (a radio button)'),
    "check": (rf"check\s+{Q}", 'check "NAME" (a check box)'),
    "uncheck": (rf"uncheck\s+{Q}", 'uncheck "NAME" (a check box)'),
    "select": (rf"select\s+{Q}\s+in\s+{Q}", 'select "OPTION" in "NAME" (a drop-down list)'),
    "expect text": (rf"expect\s+text\s+{Q}", 'expect text "TEXT"'),
    "expect url": (r"expect\s+url\s+(\S+)", "expect url /path"),
    "wait": (r"wait\s+(\d+(?:\.\d+)?)(?:\s*(?:s|secs?|seconds?))?", "wait SECONDS (at most 60)"),
}

# Words people write for a verb: suggested, never silently accepted.
ALIASES = {"click": "press", "tap": "press", "activate": "press", "type": "fill", "enter": "fill",
           "tick": "check", "untick": "uncheck", "pick": "choose", "goto": "go to", "visit": "go to",
           "open": "go to", "see": "expect text", "expect": "expect text", "pause": "wait", "sleep": "wait"}


@dataclass(frozen=True)
class Step:
    verb: str
    target: str = ""        # the accessible name (or path for 'go to', text for 'expect text')
    value: str = ""         # 'fill ... with VALUE', 'select OPTION in ...' (OPTION is the value)
    text: str = ""          # the line as written
    line: int = 0

    @property
    def acts_on_control(self) -> bool:
        return self.verb in ("press", "fill", "choose", "check", "uncheck", "select")


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    brief: str
    start: str
    steps: tuple[Step, ...]
    allowed_hosts: tuple[str, ...] = ()
    done: dict | None = None
    path: str = ""

    def start_url(self, demo_base: str | None = None, origin: str | None = None, version: str | None = None) -> str:
        """The start as a URL: ``demo:`` starts go to the bundled service (``version`` swaps accessible and
        inaccessible); ``origin`` (a URL given on the command line) replaces the start's origin."""
        start = self.start
        if start.startswith("demo:"):
            rest = start[len("demo:"):].lstrip("/")
            if version:
                first, _, tail = rest.partition("/")
                if first in ("accessible", "inaccessible"):
                    rest = f"{version}/{tail}"
            if demo_base is None:
                raise UsageError(f"{self.path}: start: '{self.start}' needs the bundled demo service")
            start = demo_base.rstrip("/") + "/" + rest
        if origin:
            o = urlsplit(origin)
            s = urlsplit(start)
            start = s._replace(scheme=o.scheme, netloc=o.netloc).geturl()
        return start


def normalise_name(text: str) -> str:
    """How a person says a name: case, surrounding punctuation and runs of spaces don't matter."""
    text = " ".join(str(text).split()).casefold()
    return text.strip(string.punctuation + " \u2019\u2018\u201c\u201d\u2026*")


def names_match(wanted: str, actual: str) -> bool:
    return bool(actual) and normalise_name(wanted) == normalise_name(actual)


def parse_step(text: str) -> Step | str:
    """A Step, or a message saying what is wrong with the line (without the location)."""
    line = " ".join(str(text).split())
    for verb, (pattern, usage) in VERBS.items():
        m = re.fullmatch(pattern, line, flags=re.IGNORECASE)
        if m:
            groups = m.groups()
            if verb == "fill":
                return Step(verb, groups[0], groups[1], line)
            if verb == "select":
                return Step(verb, groups[1], groups[0], line)
            if verb == "wait":
                if float(groups[0]) > 60:
                    return f"'{line}' waits too long (expected {usage})"
                return Step(verb, "", groups[0], line)
            if verb in ("press", "choose", "check", "uncheck", "fill", "select") and not groups[0].strip():
                return f"'{line}' has an empty name (expected {usage})"
            return Step(verb, groups[0], "", line)
    # Not a known shape: find the verb they meant and say how it is written.
    words = line.lower().split()
    for verb, (_, usage) in VERBS.items():
        if words[: len(verb.split())] == verb.split():
            if '"' not in line and verb not in ("go to", "wait", "expect url"):
                return f"'{line}': put names and values in double quotes (expected {usage})"
            return f"'{line}' is not written the way this step is (expected {usage})"
    guess = (ALIASES.get(words[0]) if words else None) or nearest(" ".join(words[:2]), [v for v in VERBS if " " in v]) \
        or (nearest(words[0], list(VERBS)) if words else None)
    hint = f"did you mean '{guess}'? " if guess else ""
    return f"unknown step '{line}' ({hint}expected one of: {', '.join(VERBS)})"


def _steps_field() -> Field:
    return Field("list", "What to do, one plain-language line a step.", required=True, min_items=1, max_items=200,
                 items=Field("text", max_length=500))


SCENARIO_SCHEMA: dict[str, Field] = {
    "id": Field("text", "Short lowercase name used on the command line (--scenario missed-bin).", required=True,
                pattern=ID_PATTERN,
                pattern_doc="lowercase letters, digits, - or _, starting with a letter, at most 32 characters"),
    "title": Field("text", "The task's name, as the kiosk shows it.", required=True, max_length=120),
    "brief": Field("text", "The visitor's instructions, in plain words.", required=True, max_length=2000),
    "start": Field("text", "Where the task starts: a URL, or demo:accessible/PATH on the bundled service.",
                   required=True, pattern=r"(https?://\S+|demo:\S*)",
                   pattern_doc="a URL starting http:// or https://, or demo:accessible/PATH"),
    "allowed_hosts": Field("list", "Hosts the task may visit (default: the start's host).", default=list,
                           items=Field("text", pattern=r"[A-Za-z0-9.-]+(:\d+)?|\*\.[A-Za-z0-9.-]+",
                                       pattern_doc="a host name such as www.example.gov.uk")),
    "steps": _steps_field(),
    "done": Field("map", "When the task counts as done (default: when every step has succeeded).",
                  fields={"text": Field("text", "Text that shows on the page when the task is done.", max_length=500),
                          "url": Field("text", "A URL or path reached when the task is done.", max_length=500)}),
}


def check_scenario(src: Source) -> Scenario | None:
    before = len(src.problems)
    data = check_document(src, SCENARIO_SCHEMA)
    if data is None:
        return None
    steps: list[Step] = []
    for index, raw in enumerate(data.get("steps") or []):
        if raw is None:
            continue
        parsed = parse_step(raw)
        line = src.line(("steps", index))
        if isinstance(parsed, str):
            src.problem(("steps", index), parsed)
        else:
            steps.append(Step(parsed.verb, parsed.target, parsed.value, parsed.text, line))
    done = data.get("done")
    if isinstance(done, dict):
        done = {k: v for k, v in done.items() if v}
        if not done:
            src.problem(("done",), "is empty (expected text: \"...\" or url: \"...\")")
    check_id_matches_file(src, data)
    if len(src.problems) > before:
        return None
    return Scenario(id=data["id"], title=data["title"].strip(), brief=data["brief"].strip(), start=data["start"],
                    steps=tuple(steps), allowed_hosts=tuple(data.get("allowed_hosts") or ()),
                    done=done or None, path=src.file)


def validate_scenarios(paths: list[Path]) -> tuple[dict[str, Scenario], list[Problem]]:
    return validate_files(paths, "a scenario (id, title, brief, start, steps)", check_scenario)


def load_scenarios(directory: Path | str | None = None) -> dict[str, Scenario]:
    """Every scenario in the directory (default: the project's scenarios/). Raises UsageError on bad files."""
    from auditor.paths import scenarios_dir

    directory = Path(directory) if directory else scenarios_dir()
    if not directory.is_dir():
        raise UsageError(f"{directory}: no such directory (expected a folder of scenario files)")
    scenarios, problems = validate_scenarios(yaml_files(directory))
    if problems:
        raise UsageError("\n".join(str(p) for p in problems))
    return scenarios


def load_scenario(spec: str, directory: Path | str | None = None) -> Scenario:
    """``--scenario ID|PATH``: a shipped scenario's id, or a path to any scenario file."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.is_file():
            raise UsageError(f"--scenario: {spec}: no such file")
        scenarios, problems = validate_scenarios([path])
        if problems:
            raise UsageError("\n".join(str(p) for p in problems))
        return next(iter(scenarios.values()))
    scenarios = load_scenarios(directory)
    if spec not in scenarios and directory is None:  # a team's own scenarios/ does not hide the shipped ones
        from auditor.paths import shipped_scenarios_dir

        scenarios = {**load_scenarios(shipped_scenarios_dir()), **scenarios}
    if spec not in scenarios:
        guess = nearest(spec, list(scenarios))
        hint = f"; did you mean '{guess}'?" if guess else ""
        raise UsageError(f"--scenario: no scenario '{spec}' (expected a path to a .yaml file or one of: "
                         f"{', '.join(scenarios) or 'none'}{hint})")
    return scenarios[spec]
