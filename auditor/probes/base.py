"""What every probe is: a small pure function over artifacts, with metadata.

A probe lives in ``auditor/probes/<id>.py`` and defines::

    META = ProbeMeta(id="keyboard_trap", summary="focus gets stuck and Tab cannot leave", title=...,
                     wcag=("2.1.2",), personas=("christopher", ...), impact="critical", fix="...",
                     artifacts=("tabwalk",), why={"christopher": ...})

    def check(artifacts: dict, params: AuditParams) -> list[Finding]: ...

``records(artifacts, "tabwalk", "activation")`` and ``part(artifacts, "dom", "markup")`` read an artifact's
records or part (None when the artifact is missing or not of that shape), and ``META.finding(outcome, message,
element, **fields)`` builds a Finding of the rule about an element's record.

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
from typing import Any

from auditor.findings import Finding


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

    def finding(self, outcome: str, message: str, element: dict | None = None, **fields: Any) -> Finding:
        """A finding of this rule, with this rule's impact unless ``impact`` is given, about ``element``: an
        artifact's record of an element, whose selector, snippet, role and name it takes unless given."""
        about: dict[str, Any] = {"rule": self.id, "impact": self.impact}
        if element is not None:
            about.update(selector=element.get("selector") or "", snippet=element.get("snippet") or "",
                         role=element.get("role") or "", name=element.get("name") or "")
        return Finding(outcome=outcome, message=message, **{**about, **fields})


@dataclass(frozen=True)
class AuditParams:
    """A persona's audit settings as a probe sees them (from the persona's ``audit`` block)."""

    viewport_widths: tuple[int, ...] = (320,)
    zoom_levels: tuple[int, ...] = (200, 400)
    min_target_size: int = 24
    min_text_size: float = 12.0
    max_line_length: int = 80


def whole(artifacts: dict, gatherer: str) -> dict | None:
    """The gatherer's artifact, or None where it is missing or its gatherer failed (``{"error": ...}``): the
    probe then has nothing to judge."""
    found = artifacts.get(gatherer)
    return found if isinstance(found, dict) and "error" not in found else None


def records(artifacts: dict, gatherer: str, *path: str) -> list[dict] | None:
    """The records (dicts) in the list at ``artifacts[gatherer][path[0]][path[1]]...``; None where the artifact is
    missing (its gatherer failed or did not run) or has no such list: the probe then has nothing to judge."""
    node = part(artifacts, gatherer, *path[:-1])
    found = node.get(path[-1]) if node is not None and path else None
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else None


def part(artifacts: dict, gatherer: str, *path: str) -> dict | None:
    """The dict at ``artifacts[gatherer][path[0]]...`` (the ``dom`` artifact's ``markup``...), or None."""
    node = artifacts.get(gatherer)
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def params_for(persona) -> AuditParams:
    """A persona's audit settings as its probes see them."""
    a = persona.audit
    return AuditParams(viewport_widths=tuple(a.viewport_widths), zoom_levels=tuple(a.zoom_levels),
                       min_target_size=a.min_target_size)
