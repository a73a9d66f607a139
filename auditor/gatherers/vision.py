"""The vision gatherer: screenshots of the page as the personas see it, for reports (evidence, not findings).

Runs only when ``session.params.screenshots`` is on and ``session.params.vision`` names at least one of
Chromium's emulated vision deficiencies. Takes the top of the page (the viewport, scrolled to the top) as a
small JPEG: once as it is, once under each deficiency asked for, and once at 200% zoom (the viewport halved to
640x400 CSS px: what Claudia sees on a 1280x800 screen). The engine puts the viewport back for the next
gatherer.

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

from auditor.gatherers.base import GatherSession
from auditor.gatherers.vision_filters import DERIVED, derive

NAME = "vision"
ORDER = 80

DEFICIENCIES = ("achromatopsia", "blurredVision", "deuteranopia", "protanopia", "reducedContrast", "tritanopia")
SHOT_WIDTH = 640
QUALITY = 60
ZOOM = 200


def _capture(cdp, viewport: dict) -> str:
    """The viewport as a JPEG SHOT_WIDTH pixels wide, base64."""
    scale = SHOT_WIDTH / viewport["width"]
    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": viewport["height"], "scale": scale}
    return cdp.send("Page.captureScreenshot", {"format": "jpeg", "quality": QUALITY, "clip": clip,
                                               "optimizeForSpeed": True})["data"]


def gather(session: GatherSession) -> dict[str, Any]:
    params = session.params
    if not params.screenshots or not params.vision:
        return {"shots": [], "skipped": "no vision screenshots asked for (screenshots off or no vision settings)"}
    start = time.perf_counter()
    page = session.page
    viewport = dict(page.viewport_size or {"width": session.base_options.width, "height": session.base_options.height})
    errors = []
    wanted = []
    for name in dict.fromkeys(params.vision):
        if name in DEFICIENCIES:
            wanted.append(name)
        elif name != "none":
            errors.append(f"vision: unknown deficiency {name!r} (known: {', '.join(DEFICIENCIES)})")

    cdp = session.cdp()
    page.evaluate("() => window.scrollTo(0, 0)")
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
    emulated = [name for name in wanted if name not in DERIVED]
    try:
        try:
            for name in emulated:
                cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": name})
                rendered[name] = _capture(cdp, viewport)
        finally:
            if emulated:
                cdp.send("Emulation.setEmulatedVisionDeficiency", {"type": "none"})
        zoomed = {"width": round(viewport["width"] * 100 / ZOOM), "height": round(viewport["height"] * 100 / ZOOM)}
        session.set_viewport(zoomed)   # the engine puts the page's own size back for the next gatherer
        # No wait for a frame first: the capture is of a frame drawn for it, at the new size, after the page's
        # resize handlers (also those run from a rAF or a 0 ms timer: the same shot as after a wait, byte for
        # byte, on 27 GDS and generated pages and five resize-handler pages; it saved a frame, 16-30 ms).
        zoom_shot = _capture(cdp, zoomed)
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
