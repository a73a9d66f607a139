"""Lab observations, as the kiosk stores them and the comparison reports read them.

Pure: the standard library only (sqlite3, csv, json), no pygame, no Playwright. The kiosk writes the store
(``kiosk.observations.ObservationStore``); this module holds the shared row shape, reads a store
(:func:`load`), exports it (:func:`to_csv`, :func:`to_json`) and sums it up (:func:`summarise`,
:func:`slowdowns`) so that a report can say "visitors as Christopher took 4x longer on the inaccessible
version".

A row: ``id, timestamp`` (UTC ISO 8601), ``station, persona, scenario, version`` (accessible | inaccessible
| "" for non-demo pages), ``seconds`` (time taken), ``finished`` (bool), ``ended`` (done | stopped | idle |
crashed), ``simulation`` (bool: was the persona's simulation on), ``rating`` (1-5 or None), ``comment``,
``last_page`` (how far the visitor got: the path of the last page they were on, such as
``/inaccessible/postcode``, without host, query or fragment; "" when no page opened). No personal data.

A store written before ``last_page`` existed is migrated in place by :func:`migrate` (the column is added,
every row kept, old rows have ``last_page`` "").

The store is SQLite in WAL mode with ``synchronous=FULL``: each record is committed (and fsync'd) on its
own, so a power cut loses at most the record being written.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import statistics
from pathlib import Path
from typing import Any, Iterable

FIELDS = ("id", "timestamp", "station", "persona", "scenario", "version", "seconds", "finished", "ended",
          "simulation", "rating", "comment", "last_page")
ENDINGS = ("done", "stopped", "idle", "crashed")
SCHEMA_ID = "empathy-lab/observations/2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS observations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp TEXT NOT NULL,
    station TEXT NOT NULL DEFAULT '',
    persona TEXT NOT NULL,
    scenario TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL,
    finished INTEGER NOT NULL,
    ended TEXT NOT NULL,
    simulation INTEGER NOT NULL,
    rating INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    last_page TEXT NOT NULL DEFAULT ''
)
"""
# Columns added since the first schema: (name, SQL definition). ``migrate`` adds whichever a store lacks.
ADDED_COLUMNS = (("last_page", "TEXT NOT NULL DEFAULT ''"),)


def connect(path: str | Path) -> sqlite3.Connection:
    """An autocommit connection in WAL mode with fsync on every commit."""
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Create the table, or bring an older store up to date in place (rows kept); returns the columns added."""
    conn.execute(SCHEMA)
    have = {row[1] for row in conn.execute("PRAGMA table_info(observations)")}
    added = []
    for name, definition in ADDED_COLUMNS:
        if name not in have:
            conn.execute(f"ALTER TABLE observations ADD COLUMN {name} {definition}")
            added.append(name)
    return added


def page_path(url: str) -> str:
    """The path of a URL ("/inaccessible/postcode"): no scheme, host, port, query or fragment."""
    if not url:
        return ""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("about", "data", "chrome", "chrome-error"):
        return ""
    return parts.path or "/"


def rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every row, oldest first, with booleans as booleans."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(observations)")}
    cols = [f if f in have else f"'' AS {f}" for f in FIELDS]   # an older store read as it is (not changed)
    cur = conn.execute(f"SELECT {', '.join(cols)} FROM observations ORDER BY id")
    out = []
    for row in cur.fetchall():
        item = dict(zip(FIELDS, row))
        item["finished"] = bool(item["finished"])
        item["simulation"] = bool(item["simulation"])
        out.append(item)
    return out


def load(path: str | Path) -> list[dict[str, Any]]:
    """Every observation in the store at ``path`` (oldest first); [] when there is no store yet."""
    path = Path(path)
    if not path.exists():
        return []
    conn = connect(path)
    try:
        exists = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='observations'").fetchone()
        return rows(conn) if exists else []
    finally:
        conn.close()


def to_csv(observations: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for row in observations:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in FIELDS})
    return buf.getvalue()


def to_json(observations: list[dict[str, Any]]) -> str:
    return json.dumps({"schema": SCHEMA_ID, "observations": observations}, indent=2) + "\n"


def read_export(path: str | Path) -> list[dict[str, Any]]:
    """Observations from a store (``observations.sqlite``) or a ``kiosk export`` (JSON or CSV), typed as
    :func:`load` gives them. Raises ValueError saying what is wrong with the file (the caller adds where)."""
    path = Path(path)
    head = path.read_bytes()[:16]
    if head.startswith(b"SQLite format 3"):
        try:
            return load(path)
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"not a readable observations store ({exc})") from None
    text = path.read_text(encoding="utf-8-sig")
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
        if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("empathy-lab/observations/"):
            raise ValueError("not a kiosk export (expected the JSON of 'kiosk export --format json', with "
                             "\"schema\": \"empathy-lab/observations/...\")")
        found = data.get("observations")
        if not isinstance(found, list):
            raise ValueError("'observations' is not a list")
        return [_typed(row, f"observations[{n}]") for n, row in enumerate(found)]
    else:
        reader = csv.DictReader(io.StringIO(text))
        missing = [f for f in ("persona", "scenario", "seconds", "finished") if f not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"not a kiosk export (expected JSON, CSV with a header row, or an observations.sqlite; "
                             f"the CSV has no column {', '.join(missing)})")
        return [_typed(row, f"line {reader.line_num}") for row in reader]


def _typed(row: Any, n: str) -> dict[str, Any]:
    """One exported row, typed as :func:`load` gives it; ``n`` says where it is ("line 4", "observations[3]")."""
    if not isinstance(row, dict):
        raise ValueError(f"{n}: expected a mapping of fields")

    def flag(key: str, default: bool) -> bool:
        value = row.get(key)
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("", "none"):
            return default
        if text in ("1", "true", "yes"):
            return True
        if text in ("0", "false", "no"):
            return False
        raise ValueError(f"{n}: {key}: expected true or false, not {value!r}")

    out = {k: row.get(k) for k in FIELDS}
    try:
        out["seconds"] = float(out["seconds"])
    except (TypeError, ValueError):
        raise ValueError(f"{n}: seconds: expected a number, not {row.get('seconds')!r}") from None
    if not out.get("persona") or not out.get("scenario"):
        raise ValueError(f"{n}: persona and scenario are needed")
    out["finished"] = flag("finished", False)
    out["simulation"] = flag("simulation", True)
    rating = out.get("rating")
    out["rating"] = int(rating) if rating not in (None, "") and str(rating).strip().isdigit() else None
    for key in ("station", "version", "ended", "comment", "last_page", "timestamp"):
        out[key] = "" if out.get(key) is None else str(out[key])
    out["ended"] = out["ended"] or ("done" if out["finished"] else "stopped")
    return out


def merge(*groups: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Several stations' observations as one list, oldest first. The same row given twice (one station's
    store and its export, say: same station, id, timestamp, persona, task, version and time) counts once."""
    seen: set[tuple] = set()
    out = []
    for group in groups:
        for row in group:
            key = (str(row.get("station") or ""), str(row.get("id")), str(row.get("timestamp") or ""),
                   str(row.get("persona")), str(row.get("scenario")), str(row.get("version") or ""),
                   round(float(row.get("seconds") or 0), 2))
            if row.get("id") not in (None, "") and key in seen:
                continue
            seen.add(key)
            out.append(row)
    out.sort(key=lambda r: str(r.get("timestamp") or ""))
    return out


# -- summaries -----------------------------------------------------------------------------------------

def summarise(observations: Iterable[dict[str, Any]], simulation_only: bool = True) -> list[dict[str, Any]]:
    """One entry per (persona, scenario, version), sorted by those keys::

        {"persona": "christopher", "scenario": "missed-bin", "version": "inaccessible",
         "count": 12, "finished": 3, "finished_pct": 25.0,
         "median_seconds": 240.5,            # over every try (finished or not): time spent
         "median_seconds_finished": 190.0,   # over finished tries only; None when none finished
         "mean_rating": 2.5}                 # None when nobody rated

    Tries with the simulation switched off say nothing about the persona and are left out unless
    ``simulation_only`` is False; tries that ended because the kiosk crashed are always left out.
    """
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for row in observations:
        if row.get("ended") == "crashed" or (simulation_only and not row.get("simulation", True)):
            continue
        key = (str(row["persona"]), str(row["scenario"]), str(row.get("version") or ""))
        groups.setdefault(key, []).append(row)
    out = []
    for (persona, scenario, version), group in sorted(groups.items()):
        seconds = [float(r["seconds"]) for r in group]
        done = [float(r["seconds"]) for r in group if r.get("finished")]
        ratings = [int(r["rating"]) for r in group if r.get("rating") is not None]
        out.append({
            "persona": persona, "scenario": scenario, "version": version,
            "count": len(group), "finished": len(done), "finished_pct": round(100 * len(done) / len(group), 1),
            "median_seconds": round(statistics.median(seconds), 1),
            "median_seconds_finished": round(statistics.median(done), 1) if done else None,
            "mean_rating": round(statistics.fmean(ratings), 2) if ratings else None,
        })
    return out


def slowdowns(summary: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Accessible against inaccessible, per persona and scenario (where both versions were tried)::

        {"persona": "christopher", "scenario": "missed-bin", "ratio": 4.0,   # median seconds, inaccessible
         "accessible": {...summary entry}, "inaccessible": {...},            # over accessible
         "sentence": "Visitors as christopher took 4x longer on the inaccessible version
                      (finished 25% against 100%)."}

    ``ratio`` is None when the accessible median is 0. The sentence names the persona by id; a report
    can swap in the persona's name.
    """
    by_key = {(s["persona"], s["scenario"], s["version"]): s for s in summary}
    out = []
    for (persona, scenario, version), good in sorted(by_key.items()):
        bad = by_key.get((persona, scenario, "inaccessible"))
        if version != "accessible" or bad is None:
            continue
        raw = bad["median_seconds"] / good["median_seconds"] if good["median_seconds"] > 0 else None
        ratio = round(raw, 1) if raw is not None else None
        if raw is None:
            how = "took longer"
        elif raw >= 1.05:
            how = f"took {ratio:g}x longer"
        elif raw <= 0.95:
            how = f"were {round(1 / raw, 1):g}x quicker"
        else:
            how = "took about as long"
        sentence = (f"Visitors as {persona} {how} on the inaccessible version "
                    f"(finished {bad['finished_pct']:g}% against {good['finished_pct']:g}%).")
        out.append({"persona": persona, "scenario": scenario, "ratio": ratio, "accessible": good,
                    "inaccessible": bad, "sentence": sentence})
    return out


def lab_so_far(observations: Iterable[dict[str, Any]], persona: str, name: str, scenario: str,
               version: str | None = None) -> str:
    """What the lab has seen so far for one persona and task, in a sentence for the kiosk's debrief::

        "4 of 10 visitors as Claudia finished the inaccessible version; the accessible one: 9 of 10."

    ``version`` (the one just tried) comes first; a version nobody has tried yet is said so. Tries with the
    simulation off and crashed tries are left out, as in :func:`summarise`. "" when there is nothing yet.
    Counts only (no times, no comments): safe to show however few visitors there were.
    """
    tally: dict[str, list[int]] = {}
    for row in observations:
        if (row.get("persona") != persona or row.get("scenario") != scenario or row.get("ended") == "crashed"
                or not row.get("simulation", True)):
            continue
        seen = tally.setdefault(str(row.get("version") or ""), [0, 0])
        seen[0] += 1
        seen[1] += bool(row.get("finished"))
    if not tally:
        return ""
    first = version or ""
    if first not in tally:
        first = sorted(tally)[0]
    count, done = tally[first]
    what = f"the {first} version" if first else "this task"
    sentence = f"{done} of {count} visitor{'s' if count != 1 else ''} as {name} finished {what}"
    others = [v for v in ("accessible", "inaccessible") if v != first] if first in ("accessible", "inaccessible") \
        else [v for v in sorted(tally) if v != first]
    for other in others:
        if other in tally:
            c, d = tally[other]
            sentence += f"; the {other} one: {d} of {c}"
        elif first in ("accessible", "inaccessible"):
            sentence += f"; nobody has tried the {other} one yet"
    return sentence + "."
