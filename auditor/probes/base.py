"""What every probe is: a small pure function over artifacts, with metadata.

A probe lives in ``auditor/probes/<id>.py`` and defines::

    META = ProbeMeta(id="keyboard_trap", summary="focus gets stuck and Tab cannot leave", title=...,
                     wcag=("2.1.2",), personas=("christopher", ...), impact="critical", fix="...",
                     artifacts=("tabwalk",), why={"christopher": ...})

    def check(artifacts: dict, params: AuditParams) -> list[Finding]: ...

``artifacts`` is the page's plain-JSON artifacts keyed by gatherer name (see docs/architecture.md);
a probe must not touch a browser, the network or the disk. ``params`` carries the persona's audit settings
(zoom levels, viewport widths, minimum target size...). Findings a probe returns need ``rule``, ``outcome``,
``impact``, ``message`` (may use ``{who}``), ``selector``, ``snippet``, ``role``, ``name``; the engine fills in
``url``, ``personas``, ``wcag`` and ``fix`` from META where the probe left them empty, and the ``id``.

A heuristic that can be wrong reports ``review``, never ``fail``. A probe whose artifact is missing
(the gatherer failed or was not run) returns no findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProbeMeta:
    id: str
    title: str                       # what passing looks like: "Focus is visible"
    failure_title: str               # what failing looks like: "Focus cannot be seen"
    wcag: tuple[str, ...]            # success criteria numbers: ("2.4.7", "2.4.11")
    personas: tuple[str, ...]        # persona ids whose files run it (``audit validate`` checks this claim)
    impact: str                      # default impact of a fail: critical, serious, moderate, minor
    fix: str                         # how to fix it, in plain words
    artifacts: tuple[str, ...]       # gatherer names it reads
    why: dict[str, str] = field(default_factory=dict)  # persona id -> why it matters to them
    summary: str = ""                # what it finds, in plain words for facilitators (personas/README.md)


@dataclass(frozen=True)
class AuditParams:
    """A persona's audit settings as a probe sees them (from the persona's ``audit`` block)."""

    viewport_widths: tuple[int, ...] = (320,)
    zoom_levels: tuple[int, ...] = (200, 400)
    min_target_size: int = 24
    min_text_size: float = 12.0
    max_line_length: int = 80


def params_for(persona) -> AuditParams:
    """A persona's audit settings as its probes see them."""
    a = persona.audit
    return AuditParams(viewport_widths=tuple(a.viewport_widths), zoom_levels=tuple(a.zoom_levels),
                       min_target_size=a.min_target_size)
