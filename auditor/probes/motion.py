"""Probe ``motion``: nothing moves, blinks or scrolls by itself for long without a way to stop it.

Reads ``dom.motion`` and ``dom.media``. Reports:
- <marquee> and <blink> (fail, 2.2.2) - left to axe's ``marquee`` and ``blink`` rules when axe ran;
- visible CSS animations or transitions that run for ever or for 5 s or more while the page has no
  ``prefers-reduced-motion`` handling (review, 2.2.2, 2.3.3): a loading spinner can be fine;
- visible GIFs read and found to be animated for 5 s or more (fail, 2.2.2: a GIF has no pause, and browsers no
  longer stop GIFs on Escape), review when smaller than SPINNER_PX either way (a loading indicator may be
  essential) or when the file could not be read; a GIF with one frame, or that stops within 5 s, is not
  reported;
- visible <video autoplay> with no controls, muted or not (review, 2.2.2): moving pictures with no pause.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.axe import axe_ran
from auditor.probes.base import AuditParams, ProbeMeta, whole

META = ProbeMeta(
    id="motion",
    summary="blinking, scrolling or animated content that cannot be stopped",
    title="Nothing moves or blinks by itself without a way to stop it",
    failure_title="Content moves or blinks by itself and cannot be stopped",
    wcag=("2.2.2", "2.3.3"),
    personas=("pawel", "simone"),
    impact="serious",
    fix="Stop movement within 5 seconds or give a pause button, and honour prefers-reduced-motion.",
    artifacts=("dom", "axe"),
    why={
        "pawel": "Movement he cannot stop pulls his attention and raises his anxiety.",
        "simone": "Moving text is hard for her to read and makes her lose her place.",
    },
)

LONG_MS = 5000
SPINNER_PX = 100  # animated GIFs smaller than this either way may be loading indicators or icons: review
MAX_ANIMATIONS = 10


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    dom = whole(artifacts, "dom")
    if dom is None:
        return []
    motion = dom.get("motion") or {}
    findings: list[Finding] = []
    if not axe_ran(artifacts):
        for tag in ("marquee", "blink"):
            for el in motion.get(tag) or []:
                verb = "scrolls" if tag == "marquee" else "blinks"
                findings.append(META.finding(
                    outcome="fail", impact="serious", key=tag, role=tag, name=el.get("text", ""),
                    message=f"{{who}} is distracted by text that {verb} by itself and cannot be stopped",
                    fix=f"Replace <{tag}> with static text.", wcag=["2.2.2"],
                    selector=el.get("selector", ""), snippet=el.get("snippet", "")))
    findings.extend(_animations(motion))
    findings.extend(_gifs(motion.get("gifs") or []))
    findings.extend(_videos(dom.get("media") or []))
    return findings


def _animations(motion: dict) -> list[Finding]:
    if motion.get("reduced_motion_css") or motion.get("reduced_motion_script"):
        return []
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for a in motion.get("animations") or []:
        forever = a.get("active_ms") is None
        if not a.get("visible") or a.get("state") not in ("running", None):
            continue
        if not forever and (a.get("active_ms") or 0) < LONG_MS:
            continue
        ident = (a.get("selector", ""), a.get("name", ""))
        if ident in seen or len(out) >= MAX_ANIMATIONS:
            continue
        seen.add(ident)
        how_long = "for ever" if forever else f"for {round(a['active_ms'] / 1000)} seconds"
        out.append(META.finding(
            outcome="review", impact="moderate", key="animation", role="animation",
            name=a.get("name", ""),
            message=f"Check: {{who}} may be distracted by an animation that runs {how_long}, and the page "
                    f"does not calm it for people who ask for reduced motion",
            fix="Stop the animation within 5 seconds or give a pause control, and turn it off inside "
                "@media (prefers-reduced-motion: reduce).",
            wcag=["2.2.2", "2.3.3"], selector=a.get("selector", ""), snippet=a.get("snippet", ""),
            evidence={"animation": a.get("name"), "type": a.get("type"), "iterations": a.get("iterations"),
                      "duration_ms": a.get("duration_ms"), "area": a.get("area")}))
    return out


def _gifs(gifs: list[dict]) -> list[Finding]:
    out = []
    for g in gifs:
        if not g.get("visible"):
            continue
        frames, loops, cycle = g.get("frames"), g.get("loops"), g.get("cycle_ms")
        if frames is not None:
            if frames <= 1:
                continue
            plays_ms = None if loops in (None, 0) else (cycle or 0) * (loops + 1)
            if loops is None:  # no loop extension: plays once
                plays_ms = cycle or 0
            if plays_ms is not None and plays_ms < LONG_MS:
                continue
            how = "loops for ever" if plays_ms is None else f"plays for {round(plays_ms / 1000)} seconds"
            sure = min(g.get("width") or 0, g.get("height") or 0) >= SPINNER_PX
            message = (f"{{who}} is distracted by this animated GIF: it {how}, and a GIF cannot be paused" if sure else
                       f"Check: {{who}} may be distracted by this small animated GIF: it {how} with no way to pause "
                       "it (a loading indicator may be fine)")
        else:
            sure = False
            message = "Check: {who} may be distracted if this GIF is animated: its file could not be read to tell"
        out.append(META.finding(
            outcome="fail" if sure else "review", impact="serious" if sure else "moderate",
            key="gif", role="img",
            name=g.get("alt") or g.get("src", "").split("?")[0].rsplit("/", 1)[-1],
            message=message,
            fix="Use a still image (with a link or button to play the animation), or a video with controls.",
            wcag=["2.2.2"], selector=g.get("selector", ""), snippet=g.get("snippet", ""),
            evidence={"frames": frames, "loops": loops, "cycle_ms": cycle}))
    return out


def _videos(media: list[dict]) -> list[Finding]:
    return [META.finding(
        outcome="review", impact="moderate", key="video", role="video",
        name=m.get("name") or m.get("src", "").split("?")[0].rsplit("/", 1)[-1],
        message="Check: {who} may be distracted by video that plays by itself with no control to pause it",
        fix="Do not autoplay video, or give a visible pause button (the controls attribute will do).",
        wcag=["2.2.2"], selector=m.get("selector", ""), snippet=m.get("snippet", ""))
        for m in media
        if m.get("element") == "video" and m.get("autoplay") and not m.get("controls") and m.get("visible")]
