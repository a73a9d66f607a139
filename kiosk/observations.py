"""Lab observations: one row per task a visitor tried at the kiosk, kept durably in SQLite.

This module imports neither pygame nor playwright, so the auditor's comparison reports can read the store
(:func:`load`) and it can move into ``auditor/model`` unchanged. The database runs in WAL mode with
``synchronous=FULL``: each record is committed (and fsync'd) on its own, so a power cut loses at most the
record being written.

A row: ``id, timestamp`` (UTC ISO 8601), ``station, persona, scenario, version`` (accessible | inaccessible
| "" for non-demo pages), ``seconds`` (time taken), ``finished`` (bool), ``ended`` (done | stopped | idle |
crashed), ``simulation`` (bool: was the persona's simulation on), ``rating`` (1-5 or None), ``comment``
(short, anonymous; e-mail addresses and phone numbers are blanked out).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FIELDS = ("id", "timestamp", "station", "persona", "scenario", "version", "seconds", "finished", "ended",
          "simulation", "rating", "comment")
ENDINGS = ("done", "stopped", "idle", "crashed")
MAX_COMMENT = 280

_SCHEMA = """
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
    comment TEXT NOT NULL DEFAULT ''
)
"""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()-]{7,}\d")


def clean_comment(text: str) -> str:
    """Trim, cap at MAX_COMMENT characters, and blank out anything that looks like contact details."""
    text = " ".join((text or "").split())[:MAX_COMMENT]
    text = _EMAIL.sub("[removed]", text)
    return _PHONE.sub("[removed]", text)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    return conn


class ObservationStore:
    """Append observations and add feedback to them. One store per kiosk process."""

    def __init__(self, path: str | Path, station: str = "") -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.station = station
        self._conn = _connect(self.path)
        self._conn.execute(_SCHEMA)

    def add(self, *, persona: str, scenario: str, version: str, seconds: float, finished: bool, ended: str,
            simulation: bool, rating: int | None = None, comment: str = "", timestamp: str | None = None) -> int:
        """Write one observation (committed before returning); returns its id."""
        if ended not in ENDINGS:
            raise ValueError(f"ended must be one of {ENDINGS}, not {ended!r}")
        _check_rating(rating)
        stamp = timestamp or datetime.now(timezone.utc).isoformat(timespec="seconds")
        cur = self._conn.execute(
            "INSERT INTO observations (timestamp, station, persona, scenario, version, seconds, finished, ended,"
            " simulation, rating, comment) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (stamp, self.station, persona, scenario, version or "", round(float(seconds), 2), int(bool(finished)),
             ended, int(bool(simulation)), rating, clean_comment(comment)),
        )
        return int(cur.lastrowid)

    def set_feedback(self, observation_id: int, rating: int | None, comment: str = "") -> None:
        _check_rating(rating)
        self._conn.execute("UPDATE observations SET rating = ?, comment = ? WHERE id = ?",
                           (rating, clean_comment(comment), observation_id))

    def all(self) -> list[dict[str, Any]]:
        return _rows(self._conn)

    def close(self) -> None:
        self._conn.close()


def _check_rating(rating: int | None) -> None:
    if rating is not None and (not isinstance(rating, int) or not 1 <= rating <= 5):
        raise ValueError(f"rating must be 1 to 5, not {rating!r}")


def _rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cur = conn.execute(f"SELECT {', '.join(FIELDS)} FROM observations ORDER BY id")
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
    conn = _connect(path)
    try:
        exists = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='observations'").fetchone()
        return _rows(conn) if exists else []
    finally:
        conn.close()


def to_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in FIELDS})
    return buf.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps({"schema": "empathy-lab/observations/1", "observations": rows}, indent=2) + "\n"
