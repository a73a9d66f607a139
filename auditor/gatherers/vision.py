"""The vision gatherer: screenshots of the page as the personas see it, for reports (evidence, not findings).

Runs only when ``session.params.screenshots`` is on and ``session.params.vision`` names at least one of
Chromium's emulated vision deficiencies. Takes the top of the page (the viewport, scrolled to the top) as a
small JPEG: once as it is, once under each deficiency asked for, and once at 200% zoom (the viewport halved to
640x400 CSS px: what Claudia sees on a 1280x800 screen). The engine puts the viewport back for the next
gatherer.

The page as it is shown is taken as the page has settled (``prepare``), while axe-core runs: the capture's
frames are drawn meanwhile instead of being waited for later (byte for byte the same shot on 70 of the 73 GDS
pages; the other three show an animated GIF, a video and a marquee a moment earlier). Where the page is not at
the top then (a fragment, a script that scrolled), the shot is taken here as before, scrolled to the top. The
zoomed shot goes straight from the layout gatherer's narrow viewport to 640x400 (``OWN_VIEWPORT``).

For speed, the two deficiencies the personas use are derived from the normal shot in Python with Chromium's
own filters (auditor/gatherers/vision_filters.py): ``reducedContrast`` exactly, ``blurredVision`` as a close
approximation of its 2 px Gaussian blur. Each would otherwise cost a re-rendered frame and a capture. The
colour deficiencies are rendered by Chromium (CDP ``Emulation.setEmulatedVisionDeficiency``), then reset.

Artifact (plain JSON)::

    {"format": "jpeg", "width": 640, "height": 400,
     "shots": [{"kind": "normal", "name": "none", "data": "<base64 JPEG>"},
               {"kind": "vision", "name": "blurredVision", "data": "..."},
               {"kind": "zoom", "name": "200%", "data": "..."}],
     "errors": ["vision: unknown deficiency 'sepia' (known: achromatopsia, ...)"],
     "timing_ms": 180}

or ``{"shots": [], "skipped": "..."}`` when not asked for.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from auditor.gatherers.base import ANSWERS_RESIZE, GatherSession
from auditor.gatherers.vision_filters import DERIVED, derive

NAME = "vision"
ORDER = 72               # straight after layout, whose narrow viewport it goes on from (OWN_VIEWPORT)
OWN_VIEWPORT = True      # sets the viewport it needs itself: the engine does not put the page's size back first

DEFICIENCIES = ("achromatopsia", "blurredVision", "deuteranopia", "protanopia", "reducedContrast", "tritanopia")
SHOT_WIDTH = 640
QUALITY = 60
ZOOM = 200


def _capture_command(viewport: dict) -> tuple[str, dict]:
    """The CDP command for the viewport as a JPEG SHOT_WIDTH pixels wide."""
    scale = SHOT_WIDTH / viewport["width"]
    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": viewport["height"], "scale": scale}
    return "Page.captureScreenshot", {"format": "jpeg", "quality": QUALITY, "clip": clip, "optimizeForSpeed": True}


def _capture(cdp, viewport: dict) -> str:
    """The viewport as a JPEG SHOT_WIDTH pixels wide, base64."""
    return cdp.send(*_capture_command(viewport))["data"]


def _wanted(params) -> bool:
    return bool(params.screenshots and params.vision)


def prepare(session: GatherSession) -> None:
    """The page as it is shown, taken while the first gatherers run: the capture's frames (~25-35 ms, mostly
    waiting for the display's next frame) are drawn while axe-core's script runs. Taken only where the page
    is at the top (the scroll position read by CDP, not by page script, as the capture is asked for);
    otherwise ``gather`` scrolls to the top and takes it then."""
    if not _wanted(session.params):
        return
    if session.viewport() != session.base_viewport():
        return
    session.prepared[NAME] = session.browser.send_soon(session.cdp(), [
        ("Runtime.evaluate", {"expression": _DOCUMENT, "returnByValue": True}),
        ("Page.getLayoutMetrics", {}), _capture_command(session.base_viewport())])


# Which document the page shows (its time origin): a page that navigated itself since ``prepare`` (a redirect by
# script, a refresh) gets its shot taken again, of the document the other gatherers saw last.
_DOCUMENT = "String(performance.timeOrigin)"


def _early_shot(session: GatherSession, document: Any) -> str | None:
    """The shot ``prepare`` took, if it is of the top of the page and of this ``document``; None otherwise."""
    sent = session.prepared.pop(NAME, None)
    if sent is None:
        return None
    then, metrics, shot = (sent.answers() + [None, None, None])[:3]
    if not isinstance(then, dict) or (then.get("result") or {}).get("value") != document or document is None:
        return None

    def at_top(metrics: Any) -> bool:
        layout = (metrics or {}).get("cssLayoutViewport") if isinstance(metrics, dict) else None
        return bool(layout) and layout.get("pageX") == 0 and layout.get("pageY") == 0 and \
            (layout.get("clientWidth"), layout.get("clientHeight")) != (None, None)

    if not (isinstance(shot, dict) and shot.get("data") and at_top(metrics)):
        return None
    return shot["data"]


def gather(session: GatherSession) -> dict[str, Any]:
    params = session.params
    if not _wanted(params):
        return {"shots": [], "skipped": "no vision screenshots asked for (screenshots off or no vision settings)"}
    start = time.perf_counter()
    page = session.page
    viewport = session.base_viewport()
    errors = []
    wanted = []
    for name in dict.fromkeys(params.vision):
        if name in DEFICIENCIES:
            wanted.append(name)
        elif name != "none":
            errors.append(f"vision: unknown deficiency {name!r} (known: {', '.join(DEFICIENCIES)})")

    cdp = session.cdp()
    # (every shot is of the top of the page; the zoomed one goes on from the size the last gatherer left)
    document = page.evaluate(f"() => {{ window.scrollTo(0, 0); return {_DOCUMENT}; }}")
    normal = _early_shot(session, document)
    emulated = [name for name in wanted if name not in DERIVED]
    if normal is None or emulated:   # shots of the page at its own size: taken now
        session.set_viewport(viewport)
        if normal is None:
            normal = _capture(cdp, viewport)
    shots = [{"kind": "normal", "name": "none", "data": normal}]
    # The derived shots are made in a thread of their own while Chromium renders the others (pygame's image
    # and scaling work is 40-60 ms a page: it need not wait for the zoomed layout, nor that for it).
    derived: dict[str, Any] = {}
    to_derive = [name for name in wanted if name in DERIVED]

    def derive_all() -> None:
        try:
            derived.update((name, derive(normal, name)) for name in to_derive)
        except Exception as exc:   # raised in the gatherer's own thread below
            derived["error"] = exc

    worker = threading.Thread(target=derive_all, daemon=True, name="vision-derive")
    if to_derive:
        worker.start()
    rendered: dict[str, str] = {}
    try:
        try:
            for name in emulated:
                cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": name})
                rendered[name] = _capture(cdp, viewport)
        finally:
            if emulated:
                cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
        zoomed = {"width": round(viewport["width"] * 100 / ZOOM), "height": round(viewport["height"] * 100 / ZOOM)}
        # Straight from the size the last gatherer left (OWN_VIEWPORT: the layout gatherer's narrowest width)
        # to the zoomed one: a relayout less than going through the page's own size. The engine puts the page's
        # own size back for the next gatherer.
        moved = session.viewport() != zoomed
        # No wait for a frame first: the capture is of a frame drawn for it, at the new size, after the page's
        # resize handlers (also those run from a rAF or a 0 ms timer: the same shot as after a wait, byte for
        # byte, on 27 GDS and generated pages and five resize-handler pages; it saved a frame, 16-30 ms). So the
        # capture is asked for with the resize, in its round trip (the frame's wait begins while the page lays
        # itself out again: 4 ms a GDS page; the same shot, byte for byte, on 143 of 146 page loads, the other
        # three an animated GIF and a video, which differ between two loads as it is). A page that the layout
        # gatherer saw answer a size change by script (a debounced listener, a ResizeObserver...) is shot once
        # it has answered this one too (``session.settle``, at most SETTLE_MS).
        if session.recall(ANSWERS_RESIZE):
            session.set_viewport(zoomed)
            session.settle(zoomed, moved)
            zoom_shot = _capture(cdp, zoomed)
        else:
            zoom_shot = session.set_viewport(zoomed, [_capture_command(zoomed)])[0]["data"]
    finally:
        if to_derive:
            worker.join()
    if "error" in derived:
        raise derived["error"]
    for name in wanted:
        shots.append({"kind": "vision", "name": name, "data": derived[name] if name in derived else rendered[name]})
    shots.append({"kind": "zoom", "name": f"{ZOOM}%", "data": zoom_shot})
    return {
        "format": "jpeg",
        "width": SHOT_WIDTH,
        "height": round(viewport["height"] * SHOT_WIDTH / viewport["width"]),
        "shots": shots,
        "errors": errors,
        "timing_ms": round((time.perf_counter() - start) * 1000),
    }
