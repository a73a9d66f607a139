"""Gatherer ``image_text``: the words in the pictures a person sees, read by OCR (Tesseract).

WCAG 1.4.5 and 1.4.9 are about images of text: text drawn as a picture, which cannot be enlarged without
blurring, re-spaced or re-coloured (Claudia's barrier). To judge them, this reads what each picture shows:

1. The page script (js/image-text.js) lists the images big enough to hold readable text (at least
   ``MIN_WIDTH`` x ``MIN_HEIGHT`` CSS px and ``MIN_AREA``): ``<img>``, ``<input type=image>`` and elements
   painted with a CSS background image that hold no text of their own; the largest ``MAX_IMAGES`` of them
   (``total`` says how many there were: the sample is stated, as the Tab walk states its own).
2. The page's own text is made transparent (one constructed style sheet, no element changed), and each image
   is captured as it is rendered (scrolled into view, the part that fits the window), at a scale that gives its shorter side about ``TARGET_PX`` device pixels
   (between 1x and 4x: Tesseract reads text best when its letters are 20-40 px high). Text laid over a
   picture is thus not read as part of it.
3. Tesseract 5 (``tesseract`` CLI, Debian's ``tesseract-ocr`` + ``tesseract-ocr-eng``; installed by ``make
   system``) reads the captures in "sparse text" mode (``--psm 11``: text anywhere, in any layout): one
   process for all of a page's pictures (a list file; its model loads once, 0.3-0.5 s a process under load),
   one thread, started as soon as the captures are taken and collected after the other gatherers
   (``base.Later``), so the reading overlaps layout, the vision screenshots and the clearing of the page. Should that
   process fail, each picture is read by a process of its own, two at a time. The CLI, not a Python binding:
   the bindings either wrap the same CLI (pytesseract) or need Tesseract's C++ headers to build (tesserocr);
   TSV on stdout gives every word with its box and confidence (its ``page_num`` column says which picture).

Artifact::

    {"total": 3, "sampled": 3, "images": [{"selector", "snippet", "role", "name", "kind", "hidden", "homeLink",
      "banner", "box": {x, y, width, height}, "scale": 2.0,
      "words": [{"text": "Press", "conf": 91.2, "box": [x, y, w, h]}],   # box as shares of the image (0-1)
      "error": "..."}]}                                                  # only where OCR failed

The ``image_text`` probe judges it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from auditor.gatherers import pixels
from auditor.gatherers.base import Later, preloaded
from auditor.gatherers.pagejs import page_script

NAME = "image_text"
ORDER = 65               # after the Tab walk, before layout and vision: at the page's own size, so that no size
                         # need be put back after them (the clearing at about:blank does it)

MIN_WIDTH = 40           # CSS px: smaller pictures are icons, or hold text no one could read anyway
MIN_HEIGHT = 16
MIN_AREA = 1600
MAX_IMAGES = 8           # the largest ones; ``total`` says how many the page has
TARGET_PX = 120          # the shorter side of a capture, in device px
MAX_SCALE = 4.0
MAX_CAPTURE_PX = 2_000_000
OCR_TIMEOUT_S = 15.0
PARALLEL = 2
INK_SIDE = 400          # px: the picture is judged for other content at most this big
INK_DELTA = 24          # a channel within this of the background colour is background
MIN_CONF = 30.0          # Tesseract's word confidence (0-100) below which a "word" is noise

_PAGE_JS = preloaded(page_script("image-text"))


def tesseract() -> str | None:
    return shutil.which("tesseract")


def capture_scale(width: float, height: float) -> float:
    """The device scale for a capture of a ``width`` x ``height`` CSS px image."""
    short = max(1.0, min(width, height))
    scale = min(MAX_SCALE, max(1.0, TARGET_PX / short))
    while scale > 0.5 and width * height * scale * scale > MAX_CAPTURE_PX:
        scale /= 1.5
    return round(scale, 2)


def parse_tsv(tsv: str, width_px: float, height_px: float, page: int | None = None) -> list[dict[str, Any]]:
    """Tesseract's TSV (level 5 rows are words) as words with boxes in shares of the image; with ``page``, only
    the words of that image of a list (TSV's ``page_num``, from 1)."""
    words = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5" or (page is not None and cols[1] != str(page)):
            continue
        text = cols[11].strip()
        try:
            conf = float(cols[10])
            left, top, w, h = (float(c) for c in cols[6:10])
        except ValueError:
            continue
        if not text or conf < MIN_CONF:
            continue
        words.append({"text": text, "conf": round(conf, 1),
                      "box": [round(left / width_px, 4), round(top / height_px, 4),
                              round(w / width_px, 4), round(h / height_px, 4)]})
    return words


def _start_ocr(exe: str, png: bytes | str) -> subprocess.Popen:
    """Tesseract reading one PNG from its stdin (bytes), or the PNG files a list file names (its path)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    source = "stdin" if isinstance(png, bytes) else png
    proc = subprocess.Popen([exe, source, "stdout", "--psm", "11", "-l", "eng", "tsv"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return proc


class Reading:
    """One Tesseract process reading every capture of a page (see the module's docstring), started at once;
    ``result()`` waits for it: (words, error) per capture, as ``ocr_all`` gives. When the one process fails
    (or Tesseract is missing) the captures are read one process each by ``ocr_all``."""

    def __init__(self, pngs: list[tuple[bytes, float, float]]):
        self.pngs = pngs
        self.proc: subprocess.Popen | None = None
        self.folder = tempfile.TemporaryDirectory(prefix="elab-ocr-")
        exe = tesseract()
        if exe is None or not pngs:
            return
        names = []
        for n, (png, _, _) in enumerate(pngs):
            path = Path(self.folder.name) / f"{n}.png"
            path.write_bytes(png)
            names.append(str(path))
        listing = Path(self.folder.name) / "pictures.txt"
        listing.write_text("\n".join(names) + "\n")
        try:
            self.proc = _start_ocr(exe, str(listing))
        except OSError:
            self.proc = None

    def result(self, timeout: float | None = None) -> list[tuple[list[dict], str | None]]:
        """Waits ``OCR_TIMEOUT_S`` a picture at most, or ``timeout`` seconds where that is less."""
        own = OCR_TIMEOUT_S * len(self.pngs)
        try:
            if self.proc is not None:
                try:
                    stdout, _ = self.proc.communicate(timeout=own if timeout is None else min(own, timeout))
                except subprocess.TimeoutExpired:
                    self.cancel()
                    why = (f"OCR took over {OCR_TIMEOUT_S:g} s a picture" if timeout is None or timeout >= own
                           else "OCR did not finish within the page's time limit")
                    return [([], why)] * len(self.pngs)
                if self.proc.returncode == 0:
                    tsv = stdout.decode("utf-8", "replace")
                    return [(parse_tsv(tsv, w, h, page=n + 1), None) for n, (_, w, h) in enumerate(self.pngs)]
            return ocr_all(self.pngs)
        finally:
            self.folder.cleanup()

    def cancel(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
        self.folder.cleanup()


def ocr_all(pngs: list[tuple[bytes, float, float]]) -> list[tuple[list[dict], str | None]]:
    """OCR each (png, width px, height px), ``PARALLEL`` at a time: (words, error) each."""
    exe = tesseract()
    if exe is None:
        return [([], "tesseract is not installed (make system installs tesseract-ocr)")] * len(pngs)
    out: list[tuple[list[dict], str | None]] = []
    for start in range(0, len(pngs), PARALLEL):
        batch = pngs[start:start + PARALLEL]
        procs = [_start_ocr(exe, png) for png, _, _ in batch]
        for proc, (png, w, h) in zip(procs, batch):
            try:
                stdout, stderr = proc.communicate(png, timeout=OCR_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                out.append(([], f"OCR took over {OCR_TIMEOUT_S:g} s"))
                continue
            if proc.returncode != 0:
                why = stderr.decode("utf-8", "replace").strip().splitlines()
                out.append(([], f"tesseract failed: {why[-1] if why else proc.returncode}"[:200]))
                continue
            out.append((parse_tsv(stdout.decode("utf-8", "replace"), w, h), None))
    return out


def _in_view(session, script: str, box: dict, view: dict) -> dict | None:
    """The image's box (document px) cut to the viewport, scrolled to it first when it is not all in view
    (a capture beyond the viewport would make Chromium lay the page out at its full height); with the
    viewport as scrolled (``view``). None when nothing of it can be shown."""
    height = float(view.get("height") or session.base_viewport()["height"])
    width = float(view.get("width") or session.base_viewport()["width"])
    top = float(view.get("y") or 0)
    if box["y"] < top or box["y"] + min(box["height"], height) > top + height:
        view = session.run_js(session.page, script, {"op": "scroll", "x": 0, "y": max(0, box["y"] - 8)}) or view
        top = float(view.get("y") or 0)
    x0, y0 = max(0.0, float(box["x"])), max(top, float(box["y"]))
    x1 = min(width, float(box["x"] + box["width"]))
    y1 = min(top + height, float(box["y"] + box["height"]))
    if x1 - x0 < MIN_WIDTH / 2 or y1 - y0 < MIN_HEIGHT / 2:
        return None
    return {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0, "view": view}


def gather(session) -> dict | Later:
    """The artifact, or (when there are pictures to read) a ``Later`` that gives it once Tesseract is done."""
    page, script = session.page, _PAGE_JS
    found = session.run_js(page, script, {"op": "find", "minWidth": MIN_WIDTH, "minHeight": MIN_HEIGHT,
                                          "minArea": MIN_AREA, "max": MAX_IMAGES}) or {}
    images = [i for i in found.get("images") or [] if isinstance(i, dict) and isinstance(i.get("box"), dict)]
    result: dict[str, Any] = {"total": int(found.get("total") or 0), "sampled": len(images), "images": images}
    if not images:
        return result
    if tesseract() is None:   # the check cannot run: untested, not passed
        raise RuntimeError("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-eng; "
                           "make system does it)")
    cdp = session.cdp()
    shots: list[tuple[bytes, float, float]] = []
    taken: list[dict] = []
    view = session.run_js(page, script, {"op": "hide", "x": 0, "y": 0}) or {}   # from the top, text hidden
    try:
        for image in images:
            clip = _in_view(session, script, image["box"], view)
            if clip is None:
                image["error"] = "no part of it can be shown in the window"
                continue
            view = clip.pop("view")
            scale = capture_scale(clip["width"], clip["height"])
            image["scale"] = scale
            shots.append((pixels.shot(cdp, clip, scale), clip["width"] * scale, clip["height"] * scale))
            taken.append(image)
    finally:
        session.run_js(page, script, {"op": "show", "x": 0, "y": 0})
    if not shots:
        return result
    reading = Reading(shots)

    def finish(timeout: float | None = None) -> dict:
        for image, (words, error), (png, _, _) in zip(taken, reading.result(timeout), shots):
            image["words"] = words
            if error:
                image["error"] = error
                continue
            try:
                image["otherInk"] = other_ink(png, words)
            except Exception:  # a capture pygame cannot read: the probe goes by the words alone
                pass
        return result

    return Later(finish, reading.cancel)


def other_ink(png: bytes, words: list[dict]) -> float:
    """The share of the picture's pixels that are neither its background colour nor inside a word's box:
    what the picture shows besides its text. The background is the colour most of its edge has (within
    ``INK_DELTA`` per channel); the picture is judged at most ``INK_SIDE`` px on a side."""
    pygame = pixels.pygame_module()
    surface = pixels.rgb(png)
    w, h = surface.get_size()
    factor = min(1.0, INK_SIDE / max(w, h))
    if factor < 1.0:
        surface = pygame.transform.scale(surface, (max(1, round(w * factor)), max(1, round(h * factor))))
        w, h = surface.get_size()
    edge = [surface.get_at((x, y))[:3] for x in range(0, w, max(1, w // 40)) for y in (0, h - 1)]
    edge += [surface.get_at((x, y))[:3] for y in range(0, h, max(1, h // 40)) for x in (0, w - 1)]
    background = max(set(edge), key=edge.count)
    delta = (INK_DELTA, INK_DELTA, INK_DELTA, 255)
    plain = pygame.mask.from_threshold(surface, (*background, 255), delta)
    boxes = pygame.mask.Mask((w, h))
    for word in words:
        bx, by, bw, bh = (float(v) for v in word["box"])
        box = pygame.mask.Mask((max(1, round(bw * w) + 2), max(1, round(bh * h) + 2)), fill=True)
        boxes.draw(box, (round(bx * w) - 1, round(by * h) - 1))
    covered = plain.copy()
    covered.draw(boxes, (0, 0))        # background or text: not something else
    return round(1 - covered.count() / (w * h), 4)
