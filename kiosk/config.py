"""Kiosk settings (``--config FILE``, YAML): facilitator PIN, the station's personas and task, idle timeout,
where observations are kept. Every problem is reported at once as ``file:line: key: message``.

Example::

    station: lobby-1
    pin: "4826"
    personas: [christopher, claudia, ashleigh]
    scenario: council-tax-demo        # an id, or a scenario file: lab/renew-permit.yaml
    version: inaccessible
    idle_timeout_s: 90
    idle_warning_s: 20
    data_dir: reports/lab
    findings_report: reports/latest/report.json
    voice: true
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.paths import project_root, reports_dir
from kiosk import yaml_lines

DEFAULT_PERSONAS = ("christopher", "claudia", "ashleigh")
DEFAULT_PIN = "0000"
VERSIONS = ("accessible", "inaccessible")


@dataclass(frozen=True)
class KioskConfig:
    station: str = field(default_factory=lambda: socket.gethostname())
    pin: str = DEFAULT_PIN
    personas: tuple[str, ...] = DEFAULT_PERSONAS
    scenario: str | None = None  # None: the first scenario on the bundled demo service
    version: str = "inaccessible"
    idle_timeout_s: float = 90.0
    idle_warning_s: float = 20.0  # "Are you still there?" this long before the idle timeout (0: none)
    data_dir: Path = field(default_factory=lambda: reports_dir() / "lab")
    findings_report: Path | None = None
    voice: bool = True
    path: Path | None = None
    lines: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def observations_path(self) -> Path:
        return self.data_dir / "observations.sqlite"

    @property
    def warning_s(self) -> float:
        """The idle warning's length as used: ``idle_warning_s``, or a third of a timeout that is not longer
        than it (the default 20 s with a 15 s timeout)."""
        return self.idle_warning_s if self.idle_warning_s < self.idle_timeout_s else self.idle_timeout_s / 3

    def line_of(self, key: str) -> int:
        return self.lines.get((key,), 1)

    def with_personas(self, personas: tuple[str, ...]) -> "KioskConfig":
        return replace(self, personas=tuple(personas))


def is_scenario_path(value: str) -> bool:
    """``scenario:`` names a file (a team's own task) rather than the id of one in the scenarios folder."""
    return value.endswith((".yaml", ".yml")) or "/" in value


_KNOWN = {"station", "pin", "personas", "scenario", "version", "idle_timeout_s", "idle_warning_s", "data_dir",
          "findings_report", "voice"}


def load_config(path: str | Path | None) -> KioskConfig:
    """Read and check a kiosk config file; ``None`` gives the defaults."""
    if path is None:
        return KioskConfig()
    path = Path(path)
    data, lines = yaml_lines.load(path)
    problems = yaml_lines.Problems(path, lines)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add((), "expected a mapping of settings (station, pin, personas, ...)")
        problems.raise_if_any()
    values: dict = {}
    for key in data:
        if key not in _KNOWN:
            problems.add((key,), f"unknown setting (known: {', '.join(sorted(_KNOWN))})")
    if "station" in data:
        if not isinstance(data["station"], str) or not data["station"].strip():
            problems.add(("station",), "expected a short name for this kiosk, e.g. lobby-1")
        else:
            values["station"] = data["station"].strip()
    if "pin" in data:
        pin = data["pin"]
        pin = str(pin) if isinstance(pin, int) and not isinstance(pin, bool) else pin
        if not isinstance(pin, str) or not pin.isdigit() or not 4 <= len(pin) <= 8:
            problems.add(("pin",), 'expected 4 to 8 digits in quotes, e.g. "4826"')
        else:
            values["pin"] = pin
    if "personas" in data:
        ids = data["personas"]
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
            problems.add(("personas",), "expected a list of persona ids, e.g. [christopher, claudia, ashleigh]")
        elif len(set(ids)) != len(ids):
            problems.add(("personas",), "a persona is listed twice")
        else:
            values["personas"] = tuple(ids)
    if "scenario" in data:
        if not isinstance(data["scenario"], str) or not data["scenario"]:
            problems.add(("scenario",), "expected a scenario id, or the path to a scenario file (.yaml)")
        elif is_scenario_path(data["scenario"]):   # a team's own task: relative to this settings file
            p = Path(data["scenario"]).expanduser()
            values["scenario"] = str(p if p.is_absolute() else (path.parent / p).resolve())
        else:
            values["scenario"] = data["scenario"]
    if "version" in data:
        if data["version"] not in VERSIONS:
            problems.add(("version",), f"expected accessible or inaccessible, not {data['version']!r}")
        else:
            values["version"] = data["version"]
    if "idle_timeout_s" in data:
        t = data["idle_timeout_s"]
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 15 <= t <= 3600:
            problems.add(("idle_timeout_s",), "expected a number of seconds from 15 to 3600")
        else:
            values["idle_timeout_s"] = float(t)
    if "idle_warning_s" in data:
        t = data["idle_warning_s"]
        timeout = values.get("idle_timeout_s", KioskConfig.idle_timeout_s)
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0 <= t <= 600:
            problems.add(("idle_warning_s",), "expected a number of seconds from 0 to 600 (0: no warning)")
        elif t and t >= timeout:
            problems.add(("idle_warning_s",), f"expected less than idle_timeout_s ({timeout:g} s): the warning "
                                              "comes that long before the timeout")
        else:
            values["idle_warning_s"] = float(t)
    for key in ("data_dir", "findings_report"):
        if key in data:
            if not isinstance(data[key], str) or not data[key]:
                problems.add((key,), "expected a path")
            else:
                p = Path(data[key]).expanduser()
                values[key] = p if p.is_absolute() else project_root() / p
    if "voice" in data:
        if not isinstance(data["voice"], bool):
            problems.add(("voice",), "expected true or false")
        else:
            values["voice"] = data["voice"]
    problems.raise_if_any()
    return KioskConfig(path=path, lines=lines, **values)
