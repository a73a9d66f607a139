"""From what the probes saw to barriers: who a finding is charged to, one finding per barrier, capped lists.

Pure functions over :class:`~auditor.findings.Finding` objects and personas; the engine calls them in
:func:`auditor.judging.judge_page`.

- :func:`meets`: a finding is charged to a persona only when that persona's own settings meet the barrier.
  A criterion that only bites through a pointer (WCAG 2.5.1, 2.5.2, 2.5.5, 2.5.7, 2.5.8) does not concern a
  persona who never uses one (``simulation.keyboard_only``, or a keyboard or screen-reader ``task_mode``); one
  that only bites through sight (contrast, focus visible, reflow, text spacing...) does not concern a persona
  whose screen is blanked (``simulation.screen_curtain``); sound that plays by itself does not disturb one who
  does not hear it (``simulation.sound: false``). A finding concerns a persona when at least one of its
  criteria does; a finding without criteria (best practice) is charged as its probe says.
- :func:`merge_barriers`: axe-core and the project's own probes often see the same barrier on the same element
  (axe's ``target-size`` and probe ``target_size``). Findings of different rules on one element that share a
  success criterion are one barrier: one finding, ``rules`` listing every rule id that saw it, the personas of
  all of them, the stronger outcome and impact.
- :func:`cap_per_rule`: at most :data:`MAX_PER_RULE` findings of one rule and outcome on a page; the last one
  kept says how many more there were ("and 1,950 more like it"), in ``more`` and in its message, so every
  report format shows it.
"""

from __future__ import annotations

from typing import Iterable

from auditor.findings import IMPACT_RANK, Finding

# Success criteria a person meets only through a pointer (mouse, touch, pen).
POINTER_CRITERIA = frozenset({"2.5.1", "2.5.2", "2.5.5", "2.5.7", "2.5.8"})
# Success criteria a person meets only by looking at the screen.
SIGHT_CRITERIA = frozenset({"1.4.1", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.8", "1.4.9", "1.4.10", "1.4.11",
                            "1.4.12", "2.3.1", "2.3.2", "2.4.7", "2.4.11", "2.4.12", "2.4.13"})
# Success criteria a person meets only by hearing the page.
HEARING_CRITERIA = frozenset({"1.4.2", "1.4.7"})
NO_POINTER_MODES = frozenset({"keyboard", "screen_reader"})

MAX_PER_RULE = 50


def senses(persona) -> set[str]:
    """What the persona uses to meet a page, from their own simulation and audit settings."""
    sim, audit = persona.simulation, persona.audit
    out = {"keyboard"}
    if not sim.keyboard_only and audit.task_mode not in NO_POINTER_MODES:
        out.add("pointer")
    if not sim.screen_curtain:
        out.add("sight")
    if sim.sound:
        out.add("hearing")
    return out


def _needs(criterion: str) -> str | None:
    if criterion in POINTER_CRITERIA:
        return "pointer"
    if criterion in SIGHT_CRITERIA:
        return "sight"
    if criterion in HEARING_CRITERIA:
        return "hearing"
    return None


def meets(persona, finding: Finding) -> bool:
    """Does this persona, with their own settings, meet the barrier the finding describes?"""
    if not finding.wcag:
        return True
    has = senses(persona)
    return any(_needs(c) is None or _needs(c) in has for c in finding.wcag)


def _element(f: Finding) -> str:
    """The element a finding is about, as the gatherers name it (axe findings carry the gatherers' selector
    of axe's node in ``evidence['element']``)."""
    ev = f.evidence if isinstance(f.evidence, dict) else {}
    return str(ev.get("element") or f.selector or "")


def _stronger(a: Finding, b: Finding) -> bool:
    """Is ``a`` the better one to keep as the barrier's finding? A fail before a review; then the project's own
    probe (told from the persona's side) before axe-core; then the higher impact."""
    key = lambda f: (f.outcome == "fail", not _from_axe(f), IMPACT_RANK[f.impact])  # noqa: E731
    return key(a) >= key(b)


def _from_axe(f: Finding) -> bool:
    return isinstance(f.evidence, dict) and f.evidence.get("source") == "axe-core"


def merge_barriers(findings: list[Finding]) -> list[Finding]:
    """One finding per barrier: findings of different rules on one element sharing a criterion are merged."""
    kept: list[Finding] = []
    by_element: dict[str, list[Finding]] = {}
    for f in findings:
        if not f.rules:
            f.rules = [f.rule]
        element = _element(f)
        if not element or not f.wcag:
            kept.append(f)
            continue
        twin = next((k for k in by_element.get(element, [])
                     if set(k.wcag) & set(f.wcag) and not set(k.rules) & {f.rule}), None)
        if twin is None:
            kept.append(f)
            by_element.setdefault(element, []).append(f)
            continue
        primary, other = (twin, f) if _stronger(twin, f) else (f, twin)
        rules = list(dict.fromkeys([*primary.rules, *other.rules]))
        personas = list(dict.fromkeys([*primary.personas, *other.personas]))
        wcag = list(dict.fromkeys([*primary.wcag, *other.wcag]))
        impact = other.impact if (IMPACT_RANK[other.impact] > IMPACT_RANK[primary.impact]
                                  and other.outcome == primary.outcome) else primary.impact
        more = max(primary.more, other.more)
        if primary is f:
            _replace(twin, f)   # the barrier keeps its place in page order
        twin.rules, twin.personas, twin.wcag, twin.impact, twin.more = rules, personas, wcag, impact, more
    return kept


def _replace(old: Finding, new: Finding) -> None:
    """Put ``new``'s content in ``old``'s place."""
    for name in old.__dataclass_fields__:
        setattr(old, name, getattr(new, name))


def cap_per_rule(findings: Iterable[Finding], limit: int = MAX_PER_RULE) -> list[Finding]:
    """At most ``limit`` findings per (rule, outcome); the last kept one counts the rest in ``more``."""
    out: list[Finding] = []
    count: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], Finding] = {}
    for f in findings:
        k = (f.rule, f.outcome)
        count[k] = count.get(k, 0) + 1
        if count[k] <= limit:
            out.append(f)
            last[k] = f
        else:
            last[k].more += 1 + f.more
    return out


def more_like_it(n: int) -> str:
    """' (and 1,950 more like it)' or ''."""
    return f" (and {n:,} more like it)" if n > 0 else ""
