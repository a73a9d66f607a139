"""Rehearsal scripts for ``kiosk --headless --script FILE --record DIR``: loading and checking.

A script is YAML::

    persona: christopher          # needed with scenario
    scenario: council-tax-demo    # optional: start at the live task; without it, start at the attract screen
    version: inaccessible         # accessible | inaccessible (the demo service's two versions)
    size: [1280, 800]             # optional window size
    expect_finished: true         # optional: the run exits 1 when the task's outcome differs
    events:
      - key: Tab                  # a key name, with modifiers: shift+Tab, ctrl+a
      - type: "E8 1DY"            # text typed one character at a time
      - click: [640, 400]         # a mouse click at window coordinates
      - wait: 0.5                 # seconds
      - wait_for: "Find your address"   # until the page's title or URL has it (a screen-reader persona:
                                  # until it has been spoken); at most 60 s
      - screenshot: after-tab     # DIR/after-tab.png

Every problem is reported at once as ``file:line: key: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import yaml_lines
from kiosk.config import VERSIONS
from kiosk.input import parse_key

EVENT_KINDS = ("key", "type", "click", "wait", "wait_for", "screenshot")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TOP = ("persona", "scenario", "version", "size", "expect_finished", "events")


@dataclass(frozen=True)
class ScriptEvent:
    kind: str
    value: Any
    line: int


@dataclass(frozen=True)
class Script:
    path: Path
    persona: str | None
    scenario: str | None
    version: str | None
    size: tuple[int, int]
    expect_finished: bool | None
    events: tuple[ScriptEvent, ...]
    lines: dict

    def line_of(self, key: str) -> int:
        return self.lines.get((key,), 1)


REHEARSALS = Path(__file__).with_name("rehearsals")  # the shipped rehearsals, installed with the package


def load_script(path: str | Path) -> Script:
    """A rehearsal script from a file, or a shipped rehearsal by name (``christopher-accessible``)."""
    path = Path(path)
    if not path.exists() and path.suffix not in (".yaml", ".yml") and (REHEARSALS / f"{path}.yaml").is_file():
        path = REHEARSALS / f"{path}.yaml"
    data, lines = yaml_lines.load(path)
    problems = yaml_lines.Problems(path, lines)
    if not isinstance(data, dict):
        problems.add((), "expected a mapping with persona, scenario, version and events")
        problems.raise_if_any()
    for key in data:
        if key not in _TOP:
            problems.add((key,), f"unknown key (known: {', '.join(_TOP)})")
    persona = data.get("persona")
    scenario = data.get("scenario")
    version = data.get("version")
    for key, value in (("persona", persona), ("scenario", scenario)):
        if value is not None and (not isinstance(value, str) or not value):
            problems.add((key,), "expected an id")
    if scenario is not None and persona is None:
        problems.add(("scenario",), "a script that starts at the live task needs a persona too")
    if version is not None and version not in VERSIONS:
        problems.add(("version",), f"expected accessible or inaccessible, not {version!r}")
    size = data.get("size", [1280, 800])
    if (not isinstance(size, list) or len(size) != 2 or not all(isinstance(n, int) and not isinstance(n, bool)
                                                                 for n in size)
            or not (640 <= size[0] <= 3840 and 480 <= size[1] <= 2160)):
        problems.add(("size",), "expected [width, height] in pixels, e.g. [1280, 800]")
        size = [1280, 800]
    expect = data.get("expect_finished")
    if expect is not None and not isinstance(expect, bool):
        problems.add(("expect_finished",), "expected true or false")
    events_data = data.get("events")
    events: list[ScriptEvent] = []
    if not isinstance(events_data, list) or not events_data:
        problems.add(("events",), "expected a list of events (key, type, click, wait, screenshot)")
        events_data = []
    shots: set[str] = set()
    for index, item in enumerate(events_data):
        at = ("events", index)
        line = lines.get(at, 1)
        if not isinstance(item, dict) or len(item) != 1:
            problems.add(at, f"expected one of {', '.join(k + ': ...' for k in EVENT_KINDS)}")
            continue
        (kind, value), = item.items()
        where = at + (kind,)
        if kind not in EVENT_KINDS:
            problems.add(where, f"unknown event (use {', '.join(EVENT_KINDS)})")
            continue
        message = _check_event(kind, value, shots)
        if message:
            problems.add(where, message)
            continue
        if kind == "click":
            value = (value[0], value[1])
        elif kind == "wait":
            value = float(value)
        elif kind == "key":
            value = str(value)
        events.append(ScriptEvent(kind, value, line))
    problems.raise_if_any()
    return Script(path=path, persona=persona, scenario=scenario, version=version, size=(size[0], size[1]),
                  expect_finished=expect, events=tuple(events), lines=lines)


def _check_event(kind: str, value: Any, shots: set[str]) -> str:
    if kind == "key":
        if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value) == "":
            return "expected a key name such as Tab, shift+Tab, Enter or a"
        try:
            parse_key(str(value))
        except ValueError as exc:
            return str(exc)
    elif kind == "type":
        if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value) == "":
            return 'expected text in quotes, e.g. "E8 1DY"'
    elif kind == "click":
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)):
            return "expected [x, y] in window pixels, e.g. [640, 400]"
    elif kind == "wait":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 60:
            return "expected a number of seconds from 0 to 60"
    elif kind == "wait_for":
        if not isinstance(value, str) or not value.strip():
            return 'expected text in quotes, e.g. "Find your address"'
    elif kind == "screenshot":
        if not isinstance(value, str) or not _NAME.match(value):
            return "expected a file name of letters, digits, '-', '_' or '.' (no folders)"
        if value in shots:
            return f"screenshot name {value!r} is used twice"
        shots.add(value)
    return ""
