"""The lab report: what visitors did at the kiosk beside what the audit predicted, one report per scenario.

``build_lab_reports(observations, reports, names=None) -> list[dict]`` is pure: it takes the kiosk's
observations (plain rows, several stations merged: :mod:`auditor.model.observations`) and report.json dicts
(the task runs of ``audit --scenario``) and returns one ``empathy-lab/lab-report/1`` dict per scenario. The
Markdown and HTML reporters (:func:`render_lab_markdown`, :func:`render_lab_html`) read only that dict.

One cell per persona and version::

    {"persona": "christopher", "name": "Christopher", "version": "inaccessible",
     "tries": 9, "finished": 2, "finished_pct": 22.2,
     "protected": false,                   # fewer than MIN_GROUP tries: counts only, no times, no comments
     "median_seconds": 140.0,              # over every try (finished or not); null when protected
     "vs_accessible": 3.1,                 # median against the accessible version's; null when either is
                                           # protected, missing, or this is the accessible version
     "stopped": [{"page": "/inaccessible/postcode", "count": 7}],   # where the unfinished tries ended
     "comments": ["..."],                  # [] when protected
     "audit": {"outcome": "blocked", "summary", "step", "line", "step_outcome", "page", "reason"} | null,
     "agreement": "agree" | "partly" | "disagree" | "no prediction" | "no visitors",
     "sentence": "Audit predicted Christopher blocked at 'Continue'; 7 of 9 visitors as Christopher stopped
                  on that page (/inaccessible/postcode)."}

Tries are the tries with the persona's simulation on that did not end in a crash (the kiosk's own fault);
the others are counted in ``left_out``. Versions are the demo's ``accessible`` and ``inaccessible``, or ""
for a team's own service (one version, called "this service").
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime, timezone
from typing import Any, Iterable
from urllib.parse import urlsplit

SCHEMA = "empathy-lab/lab-report/1"
MIN_GROUP = 5
VERSION_ORDER = ("inaccessible", "accessible", "")
AGREEMENTS = ("agree", "partly", "disagree", "no prediction", "no visitors")
PROTECTION = (f"A cell with fewer than {MIN_GROUP} tries shows how many visitors tried and finished, but no "
              "times and no comments: with so few people, a time or a comment could tell who it was, and a "
              "median of two or three tries says little.")


def version_label(version: str) -> str:
    return f"{version} version" if version else "this service"


def the_version(version: str) -> str:
    """'the inaccessible version', or 'this service' (a team's own service has one version)."""
    return f"the {version} version" if version else "this service"


def _path(url: str | None) -> str:
    if not url:
        return ""
    return urlsplit(url).path or "/"


def _tasks(reports: Iterable[dict]) -> dict[tuple[str, str, str], dict]:
    """(scenario, persona, version) -> the task run; a later report wins over an earlier one."""
    out: dict[tuple[str, str, str], dict] = {}
    for report in reports:
        for page in report.get("pages") or []:
            for task in page.get("tasks") or []:
                if isinstance(task, dict) and task.get("scenario") and task.get("persona"):
                    out[(task["scenario"], task["persona"], task.get("version") or "")] = task
    return out


def _prediction(task: dict | None) -> dict | None:
    """The audit's outcome and the step where it predicts the persona is blocked (else struggles first)."""
    if task is None:
        return None
    steps = [s for s in task.get("steps") or [] if isinstance(s, dict)]
    where = next((s for s in steps if s.get("outcome") == "blocked"), None) or \
        next((s for s in steps if s.get("outcome") == "struggled"), None)
    out = {"outcome": task.get("outcome", ""), "summary": task.get("summary", ""), "step": "", "line": None,
           "step_outcome": "", "page": "", "reason": ""}
    if where is not None:
        out.update(step=where.get("step", ""), line=where.get("line"), step_outcome=where.get("outcome", ""),
                   page=_path(where.get("url")), reason=where.get("reason", ""))
    return out


def _target(step: str) -> str:
    """'press "Continue"' -> 'Continue' (the words a reader knows the control by)."""
    if '"' in step:
        parts = step.split('"')
        if len(parts) >= 3 and parts[1]:
            return parts[1]
    return step


def _visitors(n: int) -> str:
    return f"{n} visitor{'s' if n != 1 else ''}"


def _agreement(cell: dict, name: str) -> tuple[str, str]:
    tries, finished = cell["tries"], cell["finished"]
    audit = cell["audit"]
    unfinished = tries - finished
    if tries == 0:
        return "no visitors", f"No visitors as {name} have tried {the_version(cell['version'])} yet."
    if audit is None:
        return "no prediction", (f"No audit of this task as {name} on {the_version(cell['version'])}; "
                                 f"{finished} of {_visitors(tries)} finished.")
    outcome = audit["outcome"]
    if outcome == "incomplete" or outcome not in ("blocked", "struggled", "completed"):
        return "no prediction", (f"The audit could not run this task as {name} (a scenario error stopped it); "
                                 f"{finished} of {_visitors(tries)} finished.")
    target = _target(audit["step"]) if audit["step"] else ""
    page = audit["page"]
    on_page = sum(s["count"] for s in cell["stopped"] if page and s["page"] == page)
    if outcome == "blocked":
        said = f"Audit predicted {name} blocked" + (f" at '{target}'" if target else "")
        if unfinished * 2 > tries:
            if page and on_page * 2 >= unfinished:
                return "agree", (f"{said}; {on_page} of {_visitors(tries)} as {name} stopped on that page "
                                 f"({page}).")
            if page:
                return "partly", (f"{said}; {unfinished} of {_visitors(tries)} as {name} did not finish, but only "
                                  f"{on_page} stopped on that page ({page}): look at where the others stopped.")
            return "agree", f"{said}; {unfinished} of {_visitors(tries)} as {name} did not finish."
        return "disagree", (f"{said}, but {finished} of {_visitors(tries)} as {name} finished: the barrier may be "
                            f"one people find a way round.")
    if outcome == "struggled":
        said = f"Audit predicted {name} would struggle" + (f" at '{target}'" if target else "")
        slower = cell.get("vs_accessible")
        cost = f", taking {slower:g}x as long as on the accessible version" if slower else ""
        if unfinished * 2 > tries:
            return "partly", (f"{said}; it was worse in the lab: {unfinished} of {_visitors(tries)} as {name} did "
                              f"not finish.")
        return "agree", f"{said}; {finished} of {_visitors(tries)} as {name} finished{cost}."
    said = f"Audit predicted {name} would finish"
    if unfinished * 2 > tries:
        where = max(cell["stopped"], key=lambda s: s["count"]) if cell["stopped"] else None
        at = f", most on {where['page']}" if where and where["page"] else ""
        return "disagree", (f"{said}, but {unfinished} of {_visitors(tries)} as {name} did not finish{at}: the lab "
                            f"found a barrier the audit did not.")
    return "agree", f"{said}; {finished} of {_visitors(tries)} as {name} finished."


def _cell(persona: str, version: str, rows: list[dict], task: dict | None) -> dict:
    tries = len(rows)
    finished = sum(1 for r in rows if r.get("finished"))
    protected = tries < MIN_GROUP
    stops = Counter(str(r.get("last_page") or "") for r in rows if not r.get("finished"))
    return {
        "persona": persona, "version": version, "tries": tries, "finished": finished,
        "finished_pct": round(100 * finished / tries, 1) if tries else None,
        "protected": protected,
        "median_seconds": (round(statistics.median(float(r["seconds"]) for r in rows), 1)
                           if rows and not protected else None),
        "vs_accessible": None,
        "stopped": [{"page": page, "count": n} for page, n in sorted(stops.items(), key=lambda kv: (-kv[1], kv[0]))],
        "comments": ([] if protected else [r["comment"] for r in rows if r.get("comment")]),
        "audit": _prediction(task),
    }


def build_lab_reports(observations: Iterable[dict[str, Any]], reports: Iterable[dict[str, Any]],
                      names: dict[str, str] | None = None, titles: dict[str, str] | None = None,
                      sources: dict[str, list[str]] | None = None, created: str | None = None) -> list[dict]:
    """One lab report per scenario seen in the observations or the audit's task runs (sorted by id)."""
    reports = list(reports)
    known = dict(names or {})
    names = {}   # in the audit's persona order first, then the project's
    for report in reports:
        for p in report.get("personas") or []:
            if isinstance(p, dict) and p.get("id"):
                names.setdefault(p["id"], p.get("name") or known.get(p["id"]) or p["id"])
    for pid, name in known.items():
        names.setdefault(pid, name)
    tasks = _tasks(reports)
    titles = dict(titles or {})
    for (sid, pid, _), task in tasks.items():
        names.setdefault(pid, task.get("name") or pid)
        if task.get("scenario_title"):
            titles[sid] = task["scenario_title"]
    rows = list(observations)
    kept: dict[str, list[dict]] = {}
    left_out: dict[str, Counter] = {}
    for row in rows:
        sid = str(row["scenario"])
        if row.get("ended") == "crashed":
            left_out.setdefault(sid, Counter())["crashed"] += 1
        elif not row.get("simulation", True):
            left_out.setdefault(sid, Counter())["simulation_off"] += 1
        else:
            kept.setdefault(sid, []).append(row)
    scenarios = sorted({sid for sid in kept} | {sid for sid in left_out} | {k[0] for k in tasks})
    created = created or datetime.now(timezone.utc).isoformat(timespec="seconds")
    out = []
    for sid in scenarios:
        mine = kept.get(sid, [])
        groups: dict[tuple[str, str], list[dict]] = {}
        for row in mine:
            groups.setdefault((str(row["persona"]), str(row.get("version") or "")), []).append(row)
        keys = set(groups) | {(pid, ver) for (s, pid, ver) in tasks if s == sid}
        versions = [v for v in VERSION_ORDER if any(k[1] == v for k in keys)] + \
            sorted({k[1] for k in keys} - set(VERSION_ORDER))
        order = {pid: i for i, pid in enumerate(names)}
        personas = sorted({k[0] for k in keys}, key=lambda pid: (order.get(pid, len(order)), pid))
        cells = []
        for pid in personas:
            row_cells = {v: _cell(pid, v, groups.get((pid, v), []), tasks.get((sid, pid, v))) for v in versions}
            good = row_cells.get("accessible")
            for v, cell in row_cells.items():
                if (v not in ("", "accessible") and good is not None and cell["median_seconds"]
                        and good["median_seconds"]):
                    cell["vs_accessible"] = round(cell["median_seconds"] / good["median_seconds"], 1)
            for v in versions:
                cell = row_cells[v]
                cell["name"] = names.get(pid, pid)
                cell["agreement"], cell["sentence"] = _agreement(cell, cell["name"])
                cells.append(cell)
        stations = sorted({str(r.get("station") or "") for r in mine} - {""})
        stamps = sorted(str(r.get("timestamp") or "") for r in mine if r.get("timestamp"))
        out.append({
            "schema": SCHEMA, "created": created, "scenario": sid, "title": titles.get(sid, sid),
            "min_group": MIN_GROUP, "protection": PROTECTION,
            "versions": versions,
            "personas": [{"id": pid, "name": names.get(pid, pid)} for pid in personas],
            "tries": len(mine), "stations": stations,
            "first": stamps[0] if stamps else "", "last": stamps[-1] if stamps else "",
            "left_out": {"crashed": left_out.get(sid, Counter())["crashed"],
                         "simulation_off": left_out.get(sid, Counter())["simulation_off"]},
            "audited": any(k[0] == sid for k in tasks),
            "agreement": dict(Counter(c["agreement"] for c in cells)),
            "sources": dict(sources or {}),
            "cells": cells,
        })
    return out


# -- Markdown ------------------------------------------------------------------------------------

def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def cell_figures(cell: dict) -> dict[str, str]:
    """The words and numbers of one cell, as every format shows them."""
    protected = cell["protected"] and cell["tries"]
    stopped = ", ".join(f"{s['page'] or 'page not recorded'} ({s['count']})" for s in cell["stopped"]) or "—"
    return {
        "tries": str(cell["tries"]),
        "finished": (f"{cell['finished']} ({cell['finished_pct']:g}%)" if cell["tries"] else "—"),
        "median": "fewer than 5 tries" if protected else minutes(cell["median_seconds"]),
        "vs": ("fewer than 5 tries" if protected and cell["version"] not in ("", "accessible") else
               f"{cell['vs_accessible']:g}x" if cell["vs_accessible"] else "—"),
        "stopped": stopped,
        "audit": (cell["audit"]["outcome"] if cell["audit"] else "not audited"),
        "audit_step": (f"{cell['audit']['step_outcome']} at {cell['audit']['step']}"
                       + (f" (line {cell['audit']['line']})" if cell["audit"]["line"] else "")
                       if cell["audit"] and cell["audit"]["step"] else "—"),
    }


def render_lab_markdown(lab: dict) -> str:
    lines = [f"# Lab and audit: {_md(lab['title'])}", ""]
    lines.append(f"{lab['tries']} tries at the kiosk" + (f" from {len(lab['stations'])} station(s) "
                 f"({', '.join(lab['stations'])})" if lab["stations"] else "")
                 + (f", {lab['first'][:10]} to {lab['last'][:10]}" if lab["first"] else "")
                 + (", beside the audit's task runs." if lab["audited"] else "; no audit of this task was given."))
    lines += ["", "## Does the lab agree with the audit?", ""]
    for cell in lab["cells"]:
        lines.append(f"- **{cell['agreement']}** ({_md(cell['name'])}, {version_label(cell['version'])}): "
                     f"{_md(cell['sentence'])}")
    lines += ["", "## Persona by persona", "",
              "| Persona | Version | Tries | Finished | Median time | Against accessible | Where visitors stopped "
              "| Audit | Audit's step |", "|---|---|---|---|---|---|---|---|---|"]
    for cell in lab["cells"]:
        f = cell_figures(cell)
        lines.append(f"| {_md(cell['name'])} | {_md(version_label(cell['version']))} | {f['tries']} | {f['finished']} "
                     f"| {f['median']} | {f['vs']} | {_md(f['stopped'])} | {f['audit']} | {_md(f['audit_step'])} |")
    lines += ["", f"Small groups: {lab['protection']}"]
    comments = [(c, text) for c in lab["cells"] for text in c["comments"]]
    if comments:
        lines += ["", "## What visitors said", ""]
        lines += [f"- {_md(c['name'])}, {version_label(c['version'])}: “{_md(text)}”" for c, text in comments]
    left = lab["left_out"]
    if left["crashed"] or left["simulation_off"]:
        lines += ["", f"Left out: {left['simulation_off']} tries with the simulation off, {left['crashed']} that "
                      "ended because the kiosk failed."]
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------------------

CHART_W = 560
CHART_LABEL_W = 130


def _chart(lab: dict, value_of, label_of, title: str, unit: str) -> dict:
    """A grouped horizontal bar chart: one group per persona, one bar per version (solid: accessible,
    striped: inaccessible, outlined: anything else). Cells with no value get a note instead of a bar."""
    values = [value_of(c) for c in lab["cells"]]
    peak = max([v for v in values if v] + [1])
    span = CHART_W - CHART_LABEL_W - 205   # room after the longest bar for "100% (10 of 10) inaccessible"
    rows, y = [], 10
    by_persona: dict[str, list[dict]] = {}
    for c in lab["cells"]:
        by_persona.setdefault(c["persona"], []).append(c)
    for pid, cells in by_persona.items():
        bars = []
        for i, c in enumerate(cells):
            v = value_of(c)
            style = {"accessible": 0, "inaccessible": 1}.get(c["version"], 2)
            bars.append({"version": c["version"] or "this service", "value": v, "label": label_of(c), "style": style,
                         "y": y + i * 22, "width": round(span * v / peak, 1) if v else 0})
        rows.append({"name": cells[0]["name"], "y": y, "bars": bars})
        y += 22 * len(cells) + 16
    return {"title": title, "unit": unit, "rows": rows, "height": y + 4, "label_width": CHART_LABEL_W}


def build_lab_view(lab: dict) -> dict:
    cells = [{**c, "figures": cell_figures(c), "version_label": version_label(c["version"])} for c in lab["cells"]]
    finished = _chart(lab, lambda c: c["finished_pct"] if c["tries"] else None,
                      lambda c: (f"{c['finished_pct']:g}% ({c['finished']} of {c['tries']})" if c["tries"]
                                 else "no tries"), "Finished, per persona and version", "%")
    timed = _chart(lab, lambda c: c["median_seconds"],
                   lambda c: (minutes(c["median_seconds"]) if c["median_seconds"] is not None
                              else "fewer than 5 tries" if c["tries"] else "no tries"),
                   "Median time, per persona and version", "s")
    comments = [{"name": c["name"], "version": version_label(c["version"]), "text": t}
                for c in lab["cells"] for t in c["comments"]]
    return {**lab, "cells": cells, "charts": [("chart-finished", finished), ("chart-time", timed)],
            "comments": comments, "any_protected": any(c["protected"] and c["tries"] for c in lab["cells"]),
            "versions_label": [version_label(v) for v in lab["versions"]]}


def render_lab_html(lab: dict) -> str:
    from auditor.reporters.html import environment

    return environment().get_template("lab.html.j2").render(v=build_lab_view(lab))
