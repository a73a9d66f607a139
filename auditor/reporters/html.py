"""report.html: one self-contained, accessible page (Jinja2, autoescaped) built from report.json's dict.

``render_html(report) -> str`` is the reporter; ``build_view(report) -> dict`` turns the report into the plain
data the template (templates/report.html.j2) lays out, and is what unit tests look at.

The page loads nothing: no script, no remote style, images and audio only as ``data:`` URIs, and a
Content-Security-Policy meta that forbids everything else. Page-derived text (titles, snippets, messages, transcripts) is only ever
autoescaped text; evidence images are admitted only when their payload is plain base64 of a PNG or JPEG.
Evidence crops are capped (:data:`MAX_IMAGE_CHARS` each, :data:`EVIDENCE_BUDGET` in all) so that a report
stays a few megabytes.

"What Ashleigh hears" comes with an audio version of each transcript that the run prepared beside the report
(auditor/audio.py: espeak-ng, MP3 at 16 kbit/s, ~156 KiB of the file per minute of speech, in the persona's own
voice and speed, listed in report.json's ``audio``); this reporter only reads those files, and says plainly
when there is none.

The report is long, so it is kept light to read and to move through with the keyboard: each page's findings are
in one collapsed section under the page's heading, a persona's screenshots and transcripts show the page that
hurts them most and keep the others in one collapsed section, and each barrier links once (to where it is
first found). The full demo report has about 120 Tab stops.
"""

from __future__ import annotations

import base64
import re
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from auditor.findings import IMPACT_RANK, IMPACTS
from auditor.model import speech
from auditor.reporters.json_report import summarise
from auditor.reporters.rules import criterion, rule_info, sc_key

TEMPLATES = Path(__file__).with_name("templates")
VERDICTS = ("blocked", "struggles", "can use")
VERDICT_WEIGHT = {"blocked": 2, "struggles": 1}
VERDICT_MARK = {"blocked": "✕", "struggles": "!", "can use": "✓", "could not load": "?"}
STEP_MARK = {"ok": "✓", "completed": "✓", "struggled": "!", "blocked": "✕"}
MAX_IMAGE_CHARS = 200_000       # one evidence image's base64 at most
EVIDENCE_BUDGET = 1_500_000     # all evidence crops together
MAX_TRANSCRIPT = 400            # phrases shown per page
MAX_ITEMS = 15                  # elements listed under one finding group (the rest are in report.json)
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_DATA_URI = re.compile(r"^data:image/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$")
VISION_LABEL = {
    "none": "As most people see it", "blurredVision": "Blurred", "reducedContrast": "Reduced contrast",
    "achromatopsia": "No colour", "deuteranopia": "Green-blind", "protanopia": "Red-blind",
    "tritanopia": "Blue-blind",
}


# -- small helpers -------------------------------------------------------------------------------

def image_uri(data: Any, kind: str = "png") -> str | None:
    """A data: URI for plain base64 (or a PNG/JPEG data: URI); None for anything else."""
    if not isinstance(data, str) or not data:
        return None
    m = _DATA_URI.match(data)
    if m:
        return data
    if _BASE64.match(data):
        return f"data:image/{kind};base64,{data}"
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "x"


def short_url(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def short_title(title: str) -> str:
    """'Find your address – Report a missed bin – Council' -> 'Find your address' (the page's own part)."""
    return re.split(r"\s+[–—|-]\s+", title or "", maxsplit=1)[0].strip()


def persona_extras(personas: list[dict]) -> dict[str, dict]:
    """{id: {"vision": [...], "task_mode": str, "voice": str, "speech_rate": int}}: from the report's persona
    entries when they carry it, else from the project's persona files of the same id (reports written before
    those fields existed), else espeak-ng's defaults for the voice."""
    out = {p["id"]: {"vision": list(p.get("vision") or []), "task_mode": p.get("task_mode") or "",
                     "voice": str(p.get("voice") or ""), "speech_rate": p.get("speech_rate")} for p in personas}
    if all("task_mode" in p and "voice" in p for p in personas):
        return out
    try:
        from auditor.model.persona import load_personas

        known = load_personas()
    except Exception:  # no persona files here: the report is still rendered, without those sections
        return out
    for pid, extra in out.items():
        model = known.get(pid)
        if model is None:
            continue
        if not extra["task_mode"]:
            extra["vision"] = list(model.audit.vision)
            extra["task_mode"] = model.audit.task_mode
        if not extra["voice"]:
            extra["voice"], extra["speech_rate"] = model.simulation.voice, model.simulation.speech_rate
    return out


class _Budget:
    def __init__(self, chars: int):
        self.left = chars
        self.dropped = 0

    def take(self, uri: str | None) -> str | None:
        if uri is None:
            return None
        if len(uri) > MAX_IMAGE_CHARS or len(uri) > self.left:
            self.dropped += 1
            return None
        self.left -= len(uri)
        return uri


# -- findings ------------------------------------------------------------------------------------

def _evidence_image(ev: Any, budget: _Budget) -> tuple[str | None, str]:
    """(data URI or None, note) for a finding's evidence."""
    if not isinstance(ev, dict):
        return None, ""
    for key, kind in (("screenshot", "png"), ("focused_png", "png"), ("crop", "png")):
        if key in ev:
            uri = image_uri(ev[key], kind)
            taken = budget.take(uri)
            if uri and not taken:
                return None, "Screenshot left out to keep this report small (it is in report.json)."
            return taken, ""
    return None, ""


def _group_findings(page: dict, index: int, people: dict[str, str], about: dict[str, str],
                    budget: _Budget, rules: dict[str, dict]) -> list[dict]:
    """A page's findings grouped by rule and outcome (one heading, many elements), worst first."""
    groups: "OrderedDict[tuple[str, str], list[dict]]" = OrderedDict()
    for f in page.get("findings", []):
        if f.get("ignored"):
            continue
        groups.setdefault((f["rule"], f["outcome"]), []).append(f)
    out = []
    anchors: set[str] = set()
    for (rule, outcome), items in groups.items():
        anchor = base = f"p{index}-{slug(rule)}-{outcome}"      # target-size (axe) and target_size (ours) too
        while anchor in anchors:
            anchor = f"{base}-{len(anchors)}"
        anchors.add(anchor)
        info = rule_info(rule, items, rules)
        messages = list(dict.fromkeys(f.get("message", "") for f in items))
        fixes = list(dict.fromkeys(f.get("fix", "") for f in items if f.get("fix")))
        personas = list(dict.fromkeys(p for f in items for p in f.get("personas") or []))
        impact = max((f["impact"] for f in items), key=lambda i: IMPACT_RANK.get(i, 0))
        wcag = sorted({c for f in items for c in f.get("wcag") or []}, key=sc_key)
        rows = []
        for f in items[:MAX_ITEMS]:
            img, note = _evidence_image(f.get("evidence"), budget)
            rows.append({"id": f["id"], "message": f.get("message", "") if len(messages) > 1 else "",
                         "selector": f.get("selector", ""), "snippet": f.get("snippet", ""),
                         "heard": f.get("heard") or "", "image": img, "image_note": note,
                         "name": f.get("name", "")})
        out.append({
            "anchor": anchor,
            "rule": rule, "outcome": outcome, "impact": impact,
            "title": messages[0] if len(messages) == 1 else info.title,
            "count": len(items), "more": max(0, len(items) - MAX_ITEMS),
            "personas": [{"id": p, "name": people.get(p, p)} for p in personas],
            "why": [{"name": people.get(p, p), "text": info.why.get(p) or about.get(p, "")} for p in personas
                    if info.why.get(p) or about.get(p)],
            "wcag": [criterion(c) for c in wcag],
            "fix": fixes[0] if len(fixes) == 1 else "",
            "fixes": fixes if len(fixes) > 1 else [],
            "help_url": info.help_url, "source": info.source,
            "heard": next((f["heard"] for f in items if f.get("heard")), "") if len(items) == 1 else "",
            "elements": rows,
        })
    out.sort(key=lambda g: (g["outcome"] != "fail", -IMPACT_RANK.get(g["impact"], 0), -g["count"], g["rule"]))
    return out


# -- the view ------------------------------------------------------------------------------------

def _groups_of_pages(report: dict) -> list[tuple[str, list[dict]]]:
    """Side-by-side groups: the demo's versions (report["comparison"]), else one group per host when a run
    covers several services; [] when there is nothing to set side by side."""
    pages = report["pages"]
    if isinstance(report.get("comparison"), dict) and len(report["comparison"]) > 1:
        return [(key, [p for p in pages if f"/{key}/" in urlsplit(p["url"]).path + "/"])
                for key in report["comparison"]]
    hosts = list(dict.fromkeys(urlsplit(p["url"]).netloc for p in pages))
    if len(hosts) > 1:
        return [(h, [p for p in pages if urlsplit(p["url"]).netloc == h]) for h in hosts]
    return []


def _relative(url: str, key: str) -> str:
    path = short_url(url)
    marker = f"/{key}/"
    return "/" + path.split(marker, 1)[1] if marker in path else path


def _fails_for(pages: list[dict], pid: str) -> int:
    return sum(1 for p in pages for f in p.get("findings", [])
               if f["outcome"] == "fail" and not f.get("ignored") and pid in (f.get("personas") or []))


def _page_cell(page: dict | None) -> dict:
    if page is None:
        return {"present": False}
    if page.get("status") != "ok":
        return {"present": True, "error": page.get("error") or "could not load"}
    counts = Counter(v["verdict"] for v in (page.get("verdicts") or {}).values())
    fails = sum(1 for f in page.get("findings", []) if f["outcome"] == "fail" and not f.get("ignored"))
    return {"present": True, "error": "", "fail": fails, "blocked": counts["blocked"],
            "struggles": counts["struggles"], "can_use": counts["can use"]}


def _comparison(report: dict, personas: list[dict], page_anchor: dict[int, str]) -> dict | None:
    groups = _groups_of_pages(report)
    if not groups:
        return None
    columns = []
    for key, pages in groups:
        s = summarise({"pages": pages})
        columns.append({"key": key, "label": key.capitalize() if report.get("comparison") else key,
                        "summary": s,
                        "per_persona": [{"id": p["id"], "name": p["name"], "fail": _fails_for(pages, p["id"]),
                                         "verdicts": s["verdicts"].get(p["id"], {})} for p in personas]})
    rows: "OrderedDict[str, list]" = OrderedDict()
    for gi, (key, pages) in enumerate(groups):
        for page in pages:
            rel = _relative(page["url"], key) if report.get("comparison") else short_url(page["url"])
            rows.setdefault(rel, [None] * len(groups))[gi] = page
    table = [{"path": rel, "cells": [dict(_page_cell(p), anchor=page_anchor.get(id(p), "")) for p in cells]}
             for rel, cells in rows.items()]
    peak = max([c["fail"] for col in columns for c in col["per_persona"]] + [1])
    return {"columns": columns, "rows": table, "chart": _grouped_chart(columns, personas, peak),
            "demo": bool(report.get("comparison"))}


def _bar_chart(rows: list[tuple[str, int, str]], label_width: int = 130) -> dict:
    """Geometry of a horizontal bar chart: rows of (label, value, colour)."""
    peak = max([v for _, v, _ in rows] + [1])
    span = 560 - label_width - 60
    bars = []
    for i, (label, value, colour) in enumerate(rows):
        bars.append({"label": label, "value": value, "colour": colour, "y": 10 + i * 34,
                     "width": round(span * value / peak, 1) if value else 0})
    return {"bars": bars, "label_width": label_width, "height": 20 + 34 * len(rows)}


def _grouped_chart(columns: list[dict], personas: list[dict], peak: int) -> dict:
    """Failures per persona, one bar per group, grouped by persona."""
    span = 560 - 130 - 140
    rows = []
    y = 10
    for p in personas:
        bars = []
        for ci, col in enumerate(columns):
            value = next(c["fail"] for c in col["per_persona"] if c["id"] == p["id"])
            bars.append({"group": col["label"], "value": value, "y": y + ci * 20, "style": ci % 3,
                         "width": round(span * value / peak, 1) if value else 0})
        rows.append({"name": p["name"], "y": y, "bars": bars})
        y += 20 * len(columns) + 14
    return {"rows": rows, "height": y + 4, "groups": [c["label"] for c in columns]}


def _journeys(report: dict, pid: str, page_anchor: dict[int, str],
              finding_anchor: dict[str, str] | None = None) -> list[dict]:
    out = []
    for page in report["pages"]:
        for task in page.get("tasks") or []:
            if not isinstance(task, dict) or task.get("persona") != pid:
                continue
            steps = []
            for s in task.get("steps") or []:
                if isinstance(s, dict):
                    outcome = str(s.get("outcome", ""))
                    steps.append({"step": str(s.get("step", "")), "outcome": outcome,
                                  "mark": STEP_MARK.get(outcome, "·"), "reason": str(s.get("reason") or ""),
                                  "finding": (finding_anchor or {}).get(str((s.get("finding") or {}).get("id")), "")})
            outcome = str(task.get("outcome", ""))
            out.append({"scenario": str(task.get("scenario", "")), "outcome": outcome,
                        "mark": STEP_MARK.get(outcome, "·"), "steps": steps, "page_title": page.get("title") or "",
                        "page_url": page["url"], "anchor": page_anchor.get(id(page), "")})
    return out


def _persona_views(report: dict, persona: dict, extra: dict, page_anchor: dict[int, str]) -> dict:
    pid = persona["id"]
    pages = [p for p in report["pages"] if p.get("status") == "ok"]
    sees = []
    wanted = set(extra.get("vision") or [])
    zoom = extra.get("task_mode") == "zoom"
    if wanted or zoom:
        for page in pages:
            shots = (page.get("evidence") or {}).get("vision") or []
            picked = []
            for shot in shots:
                if not isinstance(shot, dict):
                    continue
                kind, name = shot.get("kind"), str(shot.get("name", ""))
                if kind == "normal" or (kind == "vision" and name in wanted) or (kind == "zoom" and zoom):
                    uri = image_uri(shot.get("data"), "jpeg")
                    if uri:
                        label = f"At {name} zoom" if kind == "zoom" else VISION_LABEL.get(name, name)
                        picked.append({"label": label, "uri": uri, "normal": kind == "normal"})
            if any(not s["normal"] for s in picked):
                sees.append({"title": page.get("title") or short_url(page["url"]), "url": page["url"],
                             "id": f"{pid}-sees-{len(sees) + 1}",
                             "anchor": page_anchor.get(id(page), ""), "shots": picked,
                             "verdict": (page.get("verdicts") or {}).get(pid, {}).get("verdict", "")})
    _open_worst(sees)
    hears = transcript_views(report, pid, extra)
    for k, view in enumerate(hears, start=1):
        view.update(anchor=page_anchor.get(id(view.pop("page")), ""), id=f"{pid}-hears-{k}", audio=None,
                    audio_note="")
    return {"sees": sees, "hears": hears, "voice": extra.get("voice") or speech.DEFAULT_VOICE,
            "speech_rate": int(extra.get("speech_rate") or speech.DEFAULT_RATE), "audio_note": ""}


def _open_worst(views: list[dict]) -> None:
    """The view of the page that is hardest for the persona is the one shown open."""
    worst = max(views, key=lambda view: VERDICT_WEIGHT.get(view["verdict"], 0), default=None)
    for view in views:
        view["open"] = view is worst


def transcript_views(report: dict, pid: str, extra: dict) -> list[dict]:
    """What a screen-reader persona hears, one view a page in page order (the hardest page's ``open``); the
    run's audio (auditor/audio.py) is made for these same views."""
    hears = []
    if extra.get("task_mode") == "screen_reader":
        for page in (p for p in report["pages"] if p.get("status") == "ok"):
            lines = (page.get("evidence") or {}).get("transcript") or []
            if lines:
                hears.append({"title": page.get("title") or short_url(page["url"]), "url": page["url"], "page": page,
                              "lines": [str(x) for x in lines[:MAX_TRANSCRIPT]],
                              "more": max(0, len(lines) - MAX_TRANSCRIPT),
                              "verdict": (page.get("verdicts") or {}).get(pid, {}).get("verdict", "")})
    _open_worst(hears)
    return hears


def _minutes(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


AUDIO_FILE = re.compile(r"^audio/[A-Za-z0-9_.-]+$")
AUDIO_MIMES = ("audio/mpeg", "audio/ogg", "audio/wav")


def add_audio(person: dict, audio: dict | None, base: Path | None) -> None:
    """Give each of a persona's transcripts the audio the run prepared beside the report (report.json's
    ``audio``, auditor/audio.py), read as it is; or say why there is none, on the transcript or for the persona."""
    views = person["hears"]
    if not views:
        return
    entry = ((audio or {}).get("personas") or {}).get(person["id"])
    if not isinstance(entry, dict):
        person["audio_note"] = "There is no audio version: the run that made this report prepared none."
        return
    person["audio_note"] = str(entry.get("note") or "")
    made = entry.get("transcripts") or {}
    for view in views:
        got = made.get(view["url"])
        if not isinstance(got, dict):
            continue
        name, mime = str(got.get("file") or ""), got.get("mime")
        if not name:
            view["audio_note"] = str(got.get("note") or "")
            continue
        data = None
        if base is not None and AUDIO_FILE.match(name) and mime in AUDIO_MIMES:
            try:
                data = (base / name).read_bytes()
            except OSError:
                pass
        if data is None:
            view["audio_note"] = f"No audio version of this transcript: its file ({name}) is not beside this report."
            continue
        seconds = float(got.get("seconds") or 0)
        view["audio"] = {"uri": f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}",
                         "seconds": round(seconds, 1), "length": _minutes(seconds), "kib": round(len(data) / 1024),
                         "mime": mime}


def _top_barriers(report: dict, pid: str, groups_by_page: dict[int, list[dict]], limit: int = 8) -> list[dict]:
    """What gets in the persona's way most: failure groups hurting them, by impact then reach."""
    merged: "OrderedDict[tuple[str, str], dict]" = OrderedDict()
    for index, groups in groups_by_page.items():
        for g in groups:
            if g["outcome"] != "fail" or pid not in {p["id"] for p in g["personas"]}:
                continue
            slot = merged.setdefault((g["rule"], g["title"]), {"title": g["title"], "impact": g["impact"],
                                                               "count": 0, "pages": [], "anchor": g["anchor"]})
            slot["count"] += g["count"]
            slot["pages"].append(index)
            if IMPACT_RANK.get(g["impact"], 0) > IMPACT_RANK.get(slot["impact"], 0):
                slot["impact"] = g["impact"]
    ranked = sorted(merged.values(), key=lambda s: (-IMPACT_RANK.get(s["impact"], 0), -len(s["pages"]), -s["count"]))
    for slot in ranked:
        slot["where"] = page_numbers(slot["pages"])
    return ranked[:limit]


def page_numbers(numbers: list[int]) -> str:
    """[9, 10, 11, 13] -> 'pages 9–11 and 13'; [4] -> 'page 4'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    words = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return ("pages " if len(set(numbers)) > 1 else "page ") + words


def build_view(report: dict[str, Any], base: Path | None = None) -> dict[str, Any]:
    """The template's data. ``base``: the report's folder, where the run put the transcripts' audio."""
    personas = list(report.get("personas") or [])
    people = {p["id"]: p["name"] for p in personas}
    about = {p["id"]: p.get("summary", "") for p in personas}
    extras = persona_extras(personas)
    summary = report.get("summary") or summarise(report)
    budget = _Budget(EVIDENCE_BUDGET)
    page_anchor = {id(p): f"page-{i + 1}" for i, p in enumerate(report["pages"])}

    pages, groups_by_page = [], {}
    for i, page in enumerate(report["pages"], start=1):
        groups = (_group_findings(page, i, people, about, budget, report.get("rules") or {})
                  if page.get("status") == "ok" else [])
        groups_by_page[i] = groups
        ignored = [{"message": f.get("message", ""), "rule": f["rule"], "selector": f.get("selector", ""),
                    "reason": (f.get("ignored") or {}).get("reason", ""),
                    "expires": (f.get("ignored") or {}).get("expires", "")}
                   for f in page.get("findings", []) if f.get("ignored")]
        verdicts = page.get("verdicts") or {}
        pages.append({
            "anchor": page_anchor[id(page)], "index": i, "url": page["url"], "path": short_url(page["url"]),
            "title": page.get("title") or "", "short": short_title(page.get("title") or ""),
            "status": page.get("status"), "error": page.get("error") or "", "sampled": page.get("sampled") or "",
            "fails": [g for g in groups if g["outcome"] == "fail"],
            "reviews": [g for g in groups if g["outcome"] == "review"],
            "fail_count": sum(g["count"] for g in groups if g["outcome"] == "fail"),
            "review_count": sum(g["count"] for g in groups if g["outcome"] == "review"),
            "ignored": ignored,
            "cells": [{"persona": p["name"], "verdict": verdicts.get(p["id"], {}).get("verdict", "")
                       if page.get("status") == "ok" else "could not load",
                       "fail": len(verdicts.get(p["id"], {}).get("fail", [])),
                       "review": len(verdicts.get(p["id"], {}).get("review", []))} for p in personas],
        })

    # a task step links to the group that holds the audit's finding on the same element
    finding_anchor = {row["id"]: g["anchor"] for groups in groups_by_page.values() for g in groups
                      for row in g["elements"]}
    people_view = []
    for p in personas:
        counts = summary.get("verdicts", {}).get(p["id"], {})
        people_view.append({
            "id": p["id"], "name": p["name"], "summary": p.get("summary", ""),
            "colour": p.get("colour") if re.match(r"^#[0-9a-fA-F]{6}$", str(p.get("colour", ""))) else "#505a5f",
            "anchor": f"persona-{slug(p['id'])}",
            "blocked": counts.get("blocked", 0), "struggles": counts.get("struggles", 0),
            "can_use": counts.get("can use", 0), "fail": _fails_for(report["pages"], p["id"]),
            "barriers": _top_barriers(report, p["id"], groups_by_page, limit=5),
            "journeys": _journeys(report, p["id"], page_anchor, finding_anchor),
            **_persona_views(report, p, extras.get(p["id"], {}), page_anchor),
        })
    for person in people_view:
        add_audio(person, report.get("audio"), base)

    by_impact = summary.get("by_impact", {})
    impact_colours = {"critical": "#942514", "serious": "#d4351c", "moderate": "#b58840", "minor": "#505a5f"}
    hosts = list(dict.fromkeys(urlsplit(p["url"]).netloc for p in report["pages"]))
    return {
        "title": report.get("label") or (f"{hosts[0]}" if len(hosts) == 1 else f"{len(hosts)} services"),
        "label": report.get("label") or "",
        "created": report.get("created", ""), "tool": report.get("tool") or {}, "schema": report.get("schema", ""),
        "shard": report.get("shard"),
        "summary": summary, "personas": people_view, "pages": pages,
        "persona_chart": _bar_chart([(p["name"], p["fail"], p["colour"]) for p in people_view]),
        "impact_chart": _bar_chart([(i.capitalize(), by_impact.get(i, 0), impact_colours[i]) for i in IMPACTS]),
        "comparison": _comparison(report, personas, page_anchor),
        "ignored_count": sum(len(p["ignored"]) for p in pages),
        "has_journeys": any(p["journeys"] for p in people_view),
        "dropped_images": budget.dropped,
        "verdict_mark": VERDICT_MARK,
        "open_pages": len(pages) == 1,
        "audio_seconds": round(sum(h["audio"]["seconds"] for p in people_view for h in p["hears"] if h["audio"]), 1),
    }


def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["slug"] = slug
    return env


def render_html(report: dict[str, Any], base: Path | None = None) -> str:
    return environment().get_template("report.html.j2").render(v=build_view(report, base))
