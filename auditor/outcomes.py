"""Each check's outcome on a page, and each WCAG success criterion's, in the design's four words.

``fail`` and ``review`` come from the findings. ``pass`` and ``inapplicable`` come from the checks that ran
and found nothing:

- a probe may define ``applies(artifacts, params) -> bool``: whether the page has anything it checks (images
  for ``image_text_alternative``, frames for ``frame_title``...). It did not apply: ``inapplicable``; it
  applied and found nothing: ``pass``;
- a probe may define ``rule_outcomes(artifacts) -> {rule: {"outcome", "wcag"}}`` for the rules it reports
  under their own ids (probe ``axe``: axe-core's own passes and inapplicable rules);
- a probe with neither ran and found nothing: ``pass``.

A check that could not run (its artifact is missing or failed) has no outcome, and neither has a criterion
that no check which ran names: that is "not tested", which is not the same as passed.

A page's criterion takes the strongest of its outcomes: fail > review > pass > inapplicable. A finding's outcome
goes to the criteria that finding names; a check that ran passes (or did not apply to) the other criteria it
names: a review of one criterion is not a review of the check's others.
Pure: no browser, no disk.
"""

from __future__ import annotations

from typing import Any, Iterable

from auditor.probes import registry
from auditor.probes.base import params_for

OUTCOME_WORDS = ("fail", "review", "pass", "inapplicable")
RANK = {"inapplicable": 0, "pass": 1, "review": 2, "fail": 3}


def gatherer_failed(module, artifacts: dict[str, Any]) -> bool:
    """One of the artifacts the probe reads is only its gatherer's error (``{"error": ...}``): the probe is not
    run on the page."""
    return any(isinstance(artifacts.get(a), dict) and "error" in artifacts[a] and len(artifacts[a]) == 1
               for a in module.META.artifacts)


def _ran(module, artifacts: dict[str, Any]) -> bool:
    """The probe's artifacts are there (a probe whose gatherer failed did not run)."""
    return not gatherer_failed(module, artifacts) and all(a in artifacts for a in module.META.artifacts)


def _stronger(entry: dict, outcome: str, key: str = "outcome") -> None:
    """``entry[key]`` becomes ``outcome`` when that is stronger (or ``key`` has none yet)."""
    if key not in entry or RANK[outcome] > RANK[entry[key]]:
        entry[key] = outcome


def checked(artifacts: dict[str, Any], personas: Iterable) -> dict[str, dict]:
    """rule -> {"outcome": "pass" | "inapplicable", "wcag": [...]} for every check the personas ran."""
    reg = registry()
    out: dict[str, dict] = {}
    merged: set = set()   # what is already in ``out`` (several personas run the same probe: merging it again adds nothing)
    for persona in personas:
        params = params_for(persona)
        for pid in persona.audit.probes:
            module = reg.get(pid)
            if module is None or pid in merged or not _ran(module, artifacts):
                continue
            try:
                own = getattr(module, "rule_outcomes", None)
                if own is not None:   # (the artifacts' own outcomes: the same for every persona)
                    results = own(artifacts) or {}
                    merged.add(pid)
                else:
                    applies = getattr(module, "applies", None)
                    outcome = "pass" if applies is None or applies(artifacts, params) else "inapplicable"
                    if (pid, outcome) in merged:
                        continue
                    merged.add((pid, outcome))
                    results = {pid: {"outcome": outcome, "wcag": list(module.META.wcag)}}
            except Exception:  # a fault in a probe's applicability is no outcome, not a lost page
                continue
            for rule, res in results.items():
                entry = out.setdefault(rule, {"outcome": "inapplicable", "wcag": []})
                entry["wcag"] = sorted(set(entry["wcag"]) | set(res.get("wcag") or []))
                _stronger(entry, res["outcome"])
    return out


def combine(checks: dict[str, dict], findings: list[dict]) -> tuple[dict[str, dict], dict[str, str]]:
    """(outcomes per rule, outcome per criterion) from the checks that ran and the page's findings."""
    outcomes = {rule: {"outcome": v["outcome"], "wcag": list(v.get("wcag") or [])} for rule, v in checks.items()}
    for f in findings:
        entry = outcomes.setdefault(f["rule"], {"outcome": "inapplicable", "wcag": []})
        entry["wcag"] = sorted(set(entry["wcag"]) | set(f.get("wcag") or []))
        _stronger(entry, f["outcome"])
    # A criterion's outcome: "pass" (or "inapplicable") from each check that ran and names it, and each finding's
    # outcome on the criteria that finding names. A check's fail or review on one criterion says nothing of its
    # others (media_alternative's captions review is about 1.2.2, not 1.2.1), so they stay passed.
    criteria: dict[str, str] = {}
    for entry in outcomes.values():
        for sc in entry["wcag"]:
            _stronger(criteria, "inapplicable" if entry["outcome"] == "inapplicable" else "pass", sc)
    for f in findings:
        for sc in f.get("wcag") or []:
            _stronger(criteria, f["outcome"], sc)
    from auditor.reporters.rules import sc_key

    return dict(sorted(outcomes.items())), dict(sorted(criteria.items(), key=lambda kv: sc_key(kv[0])))


def page_outcomes(artifacts: dict[str, Any], personas: Iterable, findings: list[dict]) -> tuple[dict, dict]:
    return combine(checked(artifacts, personas), findings)
