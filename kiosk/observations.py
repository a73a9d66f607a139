"""The kiosk's writer for lab observations: one row per task a visitor tried, kept durably in SQLite.

The row shape, reading, export and summaries live in :mod:`auditor.model.observations` (shared with the
auditor's comparison reports, which must not import the kiosk); they are re-exported here for the kiosk's
own use. Each ``add`` is committed and fsync'd on its own, so a power cut loses at most the record being
written. Comments are capped and anything like contact details is blanked.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from auditor.model.observations import (ENDINGS, FIELDS, connect, load, migrate, page_path, rows, slowdowns,
                                        summarise, to_csv, to_json)

__all__ = ["ENDINGS", "FIELDS", "MAX_COMMENT", "ObservationStore", "clean_comment", "load", "slowdowns",
           "summarise", "to_csv", "to_json"]

MAX_COMMENT = 280

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ()-]{7,}\d")


def clean_comment(text: str) -> str:
    """Trim, cap at MAX_COMMENT characters, and blank out anything that looks like contact details."""
    text = " ".join((text or "").split())[:MAX_COMMENT]
    text = _EMAIL.sub("[removed]", text)
    return _PHONE.sub("[removed]", text)


class ObservationStore:
    """Append observations and add feedback to them. One store per kiosk process."""

    def __init__(self, path: str | Path, station: str = "") -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.station = station
        self._conn = connect(self.path)
        migrate(self._conn)   # an older store gains its new columns in place, every row kept

    def add(self, *, persona: str, scenario: str, version: str, seconds: float, finished: bool, ended: str,
            simulation: bool, rating: int | None = None, comment: str = "", timestamp: str | None = None,
            last_page: str = "") -> int:
        """Write one observation (committed before returning); returns its id."""
        if ended not in ENDINGS:
            raise ValueError(f"ended must be one of {ENDINGS}, not {ended!r}")
        _check_rating(rating)
        stamp = timestamp or datetime.now(timezone.utc).isoformat(timespec="seconds")
        cur = self._conn.execute(
            "INSERT INTO observations (timestamp, station, persona, scenario, version, seconds, finished, ended,"
            " simulation, rating, comment, last_page) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (stamp, self.station, persona, scenario, version or "", round(float(seconds), 2), int(bool(finished)),
             ended, int(bool(simulation)), rating, clean_comment(comment), page_path(last_page)),
        )
        return int(cur.lastrowid)

    def set_feedback(self, observation_id: int, rating: int | None, comment: str = "") -> None:
        _check_rating(rating)
        self._conn.execute("UPDATE observations SET rating = ?, comment = ? WHERE id = ?",
                           (rating, clean_comment(comment), observation_id))

    def all(self) -> list[dict[str, Any]]:
        return rows(self._conn)

    def close(self) -> None:
        self._conn.close()


def _check_rating(rating: int | None) -> None:
    if rating is not None and (not isinstance(rating, int) or not 1 <= rating <= 5):
        raise ValueError(f"rating must be 1 to 5, not {rating!r}")
