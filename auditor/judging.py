"""Judging: artifacts + personas -> findings, verdicts and outcomes. Pure: no browser, no disk, no clock.

The running side (auditor/engine.py: browser, watchdog, worker pool) hands each page's gathered artifacts to
:func:`page_result`, and the run's pages to :func:`add_run_findings`; ``audit replay`` calls the same two on
artifacts saved earlier, so a replay judges exactly as the run did. A unit test checks that nothing here
imports the running side (auditor.engine, auditor.browser, auditor.gatherers, playwright).

Every probe has one contract, ``check(artifacts, params) -> list[Finding]``. A probe that compares the pages of
a run (``page_title``) names the ``run`` artifact in its META: :func:`run_artifact` (each page's address, title
and status), which exists only once every page of the run is in. Until then such a probe sees the page alone.
"""

from __future__ import annotations

import traceback
from typing import Any, Iterable

from auditor.barriers import cap_per_rule, meets, merge_barriers, more_like_it
from auditor.findings import IMPACT_RANK, Finding, fill_who, page_key
from auditor.model.persona import Persona
from auditor.outcomes import combine, gatherer_failed, page_outcomes
from auditor.probes import registry
from auditor.probes.base import params_for

VERDICTS = ("can use", "struggles", "blocked")
RUN = "run"   # the artifact of the run's pages, for probes that compare them


def probes_for(personas: Iterable[Persona]) -> list[str]:
    """The probe ids any of the personas asks for, in registry order (those that exist)."""
    wanted = {p for persona in personas for p in persona.audit.probes}
    return [pid for pid in registry() if pid in wanted]


def artifacts_needed(personas: Iterable[Persona]) -> set[str]:
    reg = registry()
    return {name for pid in probes_for(personas) for name in reg[pid].META.artifacts}


def judge_page(url: str, artifacts: dict[str, Any], personas: list[Persona],
               only: set[str] | None = None) -> tuple[list[Finding], dict]:
    """Run every persona's probes (``only`` those, if given) over one page's artifacts; return merged findings
    and verdicts."""
    reg = registry()
    merged: dict[str, Finding] = {}
    order: list[str] = []
    for persona in personas:
        params = params_for(persona)
        for pid in persona.audit.probes:
            module = reg.get(pid)
            if module is None or (only is not None and pid not in only):
                continue
            if gatherer_failed(module, artifacts):
                continue
            try:
                found = module.check(artifacts, params) or []
            except Exception as exc:  # a probe bug must not lose the page
                found = [Finding(rule=pid, outcome="review", impact="minor",
                                 message=f"The {pid} check could not finish on this page: {type(exc).__name__}: {exc}",
                                 fix="This is a fault in Empathy Lab: please report it with the page.",
                                 key=traceback.format_exc(limit=1)[-200:])]
            for f in found:
                if f.personas and persona.id not in f.personas:
                    continue
                meta = module.META
                f.url = f.url or url
                f.wcag = list(f.wcag or meta.wcag)
                if not meets(persona, f):   # charged only to those whose own settings meet the barrier
                    continue
                f.fix = f.fix or meta.fix
                f.compute_id()
                existing = merged.get(f.id)
                if existing is None:
                    f.personas = [persona.id]
                    merged[f.id] = f
                    order.append(f.id)
                elif persona.id not in existing.personas:
                    existing.personas.append(persona.id)
    names = {p.id: p.name for p in personas}
    findings = cap_per_rule(merge_barriers([merged[i] for i in order]))
    _dedupe_ids(findings)
    for f in findings:
        f.message = fill_who(f.message, [names[p] for p in f.personas]) + more_like_it(f.more)
    findings.sort(key=lambda f: (f.outcome != "fail", -IMPACT_RANK[f.impact], f.rule))
    return findings, verdicts(findings, personas)


def _dedupe_ids(findings: list[Finding]) -> None:
    """Two findings with one fingerprint (same rule, role and name on a page) get #2, #3... in page order."""
    seen: dict[str, int] = {}
    for f in findings:
        n = seen.get(f.id, 0) + 1
        seen[f.id] = n
        if n > 1:
            f.id = f"{f.id}-{n}"


def verdicts(findings: list[Finding], personas: list[Persona]) -> dict[str, dict]:
    """blocked: a critical failure stops them; struggles: other failures; can use: no failures.

    Needs-review findings are listed but do not change a verdict (nobody has confirmed them yet).
    """
    out = {}
    for persona in personas:
        mine = [f for f in findings if persona.id in f.personas]
        fails = [f for f in mine if f.outcome == "fail"]
        if any(f.impact == "critical" for f in fails):
            verdict = "blocked"
        elif fails:
            verdict = "struggles"
        else:
            verdict = "can use"
        out[persona.id] = {
            "verdict": verdict,
            "fail": [f.id for f in fails],
            "review": [f.id for f in mine if f.outcome == "review"],
        }
    return out


def sampling_note(tabwalk: Any) -> str:
    """What the Tab walk sampled rather than walked or measured in full, in words for the report ("" when it
    looked at everything): stops past the walk's cap, and stops whose focus was not measured in pixels
    because they share their styles with a stop that was (or because of the cap on measures)."""
    sampling = tabwalk.get("sampling") if isinstance(tabwalk, dict) else None
    if not isinstance(sampling, dict):
        return ""
    parts = []
    stops, measured = int(sampling.get("stops") or 0), int(sampling.get("focus_measured") or 0)
    shared, unmeasured = int(sampling.get("focus_shared") or 0), int(sampling.get("focus_unmeasured") or 0)
    styled = int(sampling.get("focus_styled") or 0)
    if shared or unmeasured or styled:
        text = f"Focus checked on {measured + styled:,} of {stops:,} Tab stops"
        if styled:
            text += (f" ({styled:,} from their computed styles alone: an outline or fill that cannot be missed; "
                     f"{measured:,} in pixels)")
        if shared:
            text += f"; {shared:,} more share their styles with a checked stop and take its result"
        if unmeasured:
            text += f"; {unmeasured:,} not checked (at most {measured:,} checks a page)"
        parts.append(text + ".")
    focusable = int(sampling.get("focusable") or 0)
    if sampling.get("capped_at") and focusable > stops:
        parts.append(f"The Tab walk stopped at its limit of {stops:,} stops; {focusable - stops:,} of the page's "
                     f"{focusable:,} focusable elements were not reached.")
    return " ".join(parts)


def pictures_note(image_text: Any) -> str:
    """What the images-of-text check left unread ("" when it read every picture big enough to hold text): it
    reads the largest pictures of a page only (auditor/gatherers/image_text.py, MAX_IMAGES)."""
    if not isinstance(image_text, dict):
        return ""
    total, sampled = int(image_text.get("total") or 0), int(image_text.get("sampled") or 0)
    if total <= sampled:
        return ""
    return (f"Pictures read for text: the largest {sampled:,} of {total:,}; the other {total - sampled:,} were not "
            f"read.")


def page_result(gathered: dict[str, Any], personas: list[Persona]) -> dict[str, Any]:
    """The report.json entry for one page."""
    out = {"url": gathered["url"], "status": gathered["status"], "error": gathered.get("error"),
           "title": gathered.get("title", ""), "verdicts": {}, "findings": []}
    if gathered["status"] == "ok":
        # Until the run's pages are in (add_run_findings), a probe that compares them sees this page alone.
        artifacts = {**gathered["artifacts"], RUN: run_artifact([gathered], gathered)}
        findings, verdict_map = judge_page(gathered.get("url_final") or gathered["url"], artifacts, personas)
        out["verdicts"] = verdict_map
        out["findings"] = [f.to_json() for f in findings]
        out["outcomes"], out["criteria"] = page_outcomes(artifacts, personas, out["findings"])
        out["artifacts_failed"] = sorted(k for k, v in gathered["artifacts"].items()
                                         if isinstance(v, dict) and set(v) == {"error"})
        note = " ".join(n for n in (sampling_note(gathered["artifacts"].get("tabwalk")),
                                    pictures_note(gathered["artifacts"].get("image_text"))) if n)
        if note:
            out["sampled"] = note
        extras = {}
        axtree = gathered["artifacts"].get("axtree") or {}
        if isinstance(axtree, dict) and axtree.get("transcript"):
            extras["transcript"] = axtree["transcript"]
        vision = gathered["artifacts"].get("vision") or {}
        if isinstance(vision, dict) and vision.get("shots"):
            extras["vision"] = vision["shots"]
        if extras:
            out["evidence"] = extras
    out["timings"] = gathered.get("timings", {})
    return out


def run_artifact(pages: list[dict[str, Any]], page: dict[str, Any]) -> dict[str, Any]:
    """The ``run`` artifact as ``page`` sees it: the page itself and every page of the run, each as its address
    without query or fragment, its title and its status."""
    def fact(p: dict[str, Any]) -> dict[str, Any]:
        return {"url": page_key(p.get("url_final") or p["url"]), "title": p.get("title") or "",
                "status": p.get("status")}

    return {"page": fact(page), "pages": [fact(p) for p in pages]}


def _run_probes() -> set[str]:
    return {pid for pid, module in registry().items() if RUN in module.META.artifacts}


def add_run_findings(pages: list[dict[str, Any]], personas: list[Persona]) -> None:
    """Judge the probes that compare the run's pages (their META names the ``run`` artifact) once the pages are
    in, with the same contract and merging as :func:`judge_page`; their findings join each page they concern,
    and its verdicts and outcomes are worked out again."""
    only = _run_probes()
    for page in pages:
        if page.get("status") != "ok":
            continue
        artifacts = {RUN: run_artifact(pages, page)}
        found, _ = judge_page(page.get("url_final") or page["url"], artifacts, personas, only=only)
        if not found:
            continue
        page["findings"].extend(f.to_json() for f in found)
        page["verdicts"] = verdicts([Finding.from_json(d) for d in page["findings"]], personas)
        if "outcomes" in page:
            page["outcomes"], page["criteria"] = combine(page["outcomes"], page["findings"])
