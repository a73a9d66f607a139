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

Read with the auditor's YAML loader and schema (as persona files are); every problem is reported at once as
``file:line: key: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.model import yamlsrc
from auditor.model.persona import ID_PATTERN
from auditor.model.schema import Field, check
from auditor.model.yamlsrc import Source
from kiosk.config import VERSIONS
from kiosk.input import parse_key

EVENT_KINDS = ("key", "type", "click", "wait", "wait_for", "screenshot")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


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

SCHEMA: dict[str, Field] = {
    "persona": Field("text", pattern=ID_PATTERN, pattern_doc="a persona id"),
    # an id, or the path to a scenario file: how a facilitator rehearses a team's own service (docs/lab.md)
    "scenario": Field("text", pattern=r"(%s)|(.*/.*)|(.*\.ya?ml)" % ID_PATTERN,
                      pattern_doc="a scenario id, or the path to a scenario file (.yaml)"),
    "version": Field("choice", choices=VERSIONS),
    "size": Field("list", min_items=2, max_items=2, items=Field("int", min=1, max=10000), default=lambda: [1280, 800]),
    "expect_finished": Field("bool"),
    "events": Field("list", required=True, min_items=1),
}


def _check_together(src: Source, data: dict) -> None:
    if data.get("scenario") is not None and data.get("persona") is None:
        src.problem(("scenario",), "a script that starts at the live task needs a persona too")
    size = data.get("size")
    if isinstance(size, list) and len(size) == 2 and None not in size and not (
            640 <= size[0] <= 3840 and 480 <= size[1] <= 2160):
        src.problem(("size",), "expected [width, height] in pixels from [640, 480] to [3840, 2160], e.g. [1280, 800]")


def load_script(path: str | Path) -> Script:
    """A rehearsal script from a file, or a shipped rehearsal by name (``christopher-accessible``), read and checked
    with auditor.model's YAML loader and schema; UsageError lists every problem."""
    path = Path(path)
    if not path.exists() and path.suffix not in (".yaml", ".yml") and (REHEARSALS / f"{path}.yaml").is_file():
        path = REHEARSALS / f"{path}.yaml"
    src = yamlsrc.load(path, expected="a rehearsal script")
    data = check(src, SCHEMA, extra_check=_check_together) if not src.problems else None
    data = data or {}
    events: list[ScriptEvent] = []
    shots: set[str] = set()
    for index, item in enumerate(data.get("events") or []):
        at = ("events", index)
        line = src.line(at)
        if not isinstance(item, dict) or len(item) != 1:
            src.problem(at, f"expected one of {', '.join(k + ': ...' for k in EVENT_KINDS)}")
            continue
        (kind, value), = item.items()
        where = at + (kind,)
        if kind not in EVENT_KINDS:
            src.problem(where, f"unknown event (use {', '.join(EVENT_KINDS)})")
            continue
        message = _check_event(kind, value, shots)
        if message:
            src.problem(where, message)
            continue
        if kind == "click":
            value = (value[0], value[1])
        elif kind == "wait":
            value = float(value)
        elif kind == "key":
            value = str(value)
        events.append(ScriptEvent(kind, value, line))
    if src.problems:
        raise UsageError("\n".join(str(p) for p in sorted(src.problems, key=lambda p: p.line or 0)))
    size = data["size"]
    return Script(path=path, persona=data["persona"], scenario=data["scenario"], version=data["version"],
                  size=(size[0], size[1]), expect_finished=data["expect_finished"], events=tuple(events),
                  lines=src.lines)


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
