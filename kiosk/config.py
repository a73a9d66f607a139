"""Kiosk settings (``--config FILE``, YAML): facilitator PIN, the station's personas and task, idle timeout,
where observations are kept. Read with the auditor's YAML loader (size, alias, depth and duplicate-key guards)
and checked with its schema, as persona files are; every problem is reported at once as
``file:line: key: message``.

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
    speech: auto        # auto (espeak-ng where present, else pyttsx3), espeak-ng or pyttsx3
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field, replace
from pathlib import Path

from auditor.errors import UsageError
from auditor.model import yamlsrc
from auditor.model.persona import ID_PATTERN
from auditor.model.schema import Field, check
from auditor.model.yamlsrc import Source
from auditor.paths import project_root, reports_dir

DEFAULT_PERSONAS = ("christopher", "claudia", "ashleigh")
DEFAULT_PIN = "0000"
VERSIONS = ("accessible", "inaccessible")
SPEECH_ENGINES = ("auto", "espeak-ng", "pyttsx3")   # kiosk.voice.default_synth


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
    speech: str = "auto"   # which voice: auto, espeak-ng or pyttsx3 (kiosk.voice.default_synth)
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


SCHEMA: dict[str, Field] = {
    "station": Field("text", "A short name for this kiosk.", pattern=r"\S(.*\S)?", max_length=64,
                     pattern_doc="a short name for this kiosk, e.g. lobby-1"),
    "pin": Field("text", "The facilitator PIN.", pattern=r"[0-9]{4,8}", pattern_doc='4 to 8 digits in quotes, e.g. "4826"'),
    "personas": Field("list", "The station's personas, in the order of the cards.", min_items=1,
                      items=Field("text", pattern=ID_PATTERN, pattern_doc="a persona id")),
    "scenario": Field("text", "The station's task: a scenario id, or the path to a scenario file (.yaml).",
                      pattern=r"(%s)|(.*/.*)|(.*\.ya?ml)" % ID_PATTERN,
                      pattern_doc="a scenario id, or the path to a scenario file (.yaml)"),
    "version": Field("choice", "The demo service's version the task starts on.", choices=VERSIONS),
    "idle_timeout_s": Field("number", "Seconds without input before the kiosk resets.", min=15, max=3600),
    "idle_warning_s": Field("number", "Seconds of 'Are you still there?' before the reset (0: none).", min=0, max=600),
    "data_dir": Field("text", "Where observations are kept."),
    "findings_report": Field("text", "An audit's report.json for the debrief."),
    "voice": Field("bool", "Whether the kiosk speaks."),
    "speech": Field("choice", "Which voice: auto (espeak-ng where present, else pyttsx3), espeak-ng or pyttsx3.",
                    choices=SPEECH_ENGINES),
}


def _check_together(src: Source, data: dict) -> None:
    """What one setting alone cannot say: a persona listed twice, a warning not shorter than the timeout."""
    ids = data.get("personas") or []
    if len(set(ids)) != len(ids):
        src.problem(("personas",), "a persona is listed twice")
    timeout = data.get("idle_timeout_s") or KioskConfig.idle_timeout_s
    warning = data.get("idle_warning_s")
    if warning and warning >= timeout:
        src.problem(("idle_warning_s",), f"expected less than idle_timeout_s ({timeout:g} s): the warning comes "
                                          "that long before the timeout")


def load_config(path: str | Path | None) -> KioskConfig:
    """Read and check a kiosk config file (auditor.model's YAML loader and schema, as for personas);
    ``None`` gives the defaults. Raises UsageError listing every problem."""
    if path is None:
        return KioskConfig()
    path = Path(path)
    src = yamlsrc.load(path, expected="kiosk settings")
    empty = [p for p in src.problems if p.message.startswith("the file is empty")]
    if empty and len(src.problems) == 1:
        return KioskConfig(path=path)
    data = check(src, SCHEMA, extra_check=_check_together) if not src.problems else None
    if src.problems:
        raise UsageError("\n".join(str(p) for p in sorted(src.problems, key=lambda p: p.line or 0)))
    values = {key: value for key, value in (data or {}).items() if value is not None}
    for key in ("personas",):
        if key in values:
            values[key] = tuple(values[key])
    for key in ("idle_timeout_s", "idle_warning_s"):
        if key in values:
            values[key] = float(values[key])
    if "scenario" in values and is_scenario_path(values["scenario"]):   # a team's own task: relative to this file
        p = Path(values["scenario"]).expanduser()
        values["scenario"] = str(p if p.is_absolute() else (path.parent / p).resolve())
    for key in ("data_dir", "findings_report"):
        if key in values:
            p = Path(values[key]).expanduser()
            values[key] = p if p.is_absolute() else project_root() / p
    return KioskConfig(path=path, lines=src.lines, **values)
