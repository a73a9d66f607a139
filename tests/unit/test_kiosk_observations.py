"""The observation store: durable rows, feedback, export, and a clean open after a SIGKILL mid-write."""

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from kiosk import observations as obs


def add(store, **over):
    fields = dict(persona="christopher", scenario="missed-bin", version="inaccessible", seconds=95.456,
                  finished=True, ended="done", simulation=True)
    fields.update(over)
    return store.add(**fields)


def test_rows_round_trip_and_feedback_is_added_later(tmp_path):
    path = tmp_path / "lab" / "observations.sqlite"
    store = obs.ObservationStore(path, station="lobby-1")
    first = add(store, timestamp="2026-01-02T10:00:00+00:00",
                last_page="http://127.0.0.1:8123/inaccessible/postcode?pc=E8#main")
    second = add(store, persona="claudia", version="accessible", seconds=30, finished=False, ended="idle",
                 simulation=False)
    store.set_feedback(first, 2, "  Could not   find the button ")
    store.close()
    rows = obs.load(path)
    assert [r["id"] for r in rows] == [first, second]
    assert rows[0] == {"id": first, "timestamp": "2026-01-02T10:00:00+00:00", "station": "lobby-1",
                       "persona": "christopher", "scenario": "missed-bin", "version": "inaccessible",
                       "seconds": 95.46, "finished": True, "ended": "done", "simulation": True, "rating": 2,
                       "comment": "Could not find the button", "last_page": "/inaccessible/postcode"}
    assert rows[1]["last_page"] == ""
    assert rows[1]["finished"] is False and rows[1]["simulation"] is False and rows[1]["rating"] is None


def test_the_database_is_in_wal_mode_with_full_sync(tmp_path):
    store = obs.ObservationStore(tmp_path / "o.sqlite")
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()


def test_bad_values_are_refused(tmp_path):
    store = obs.ObservationStore(tmp_path / "o.sqlite")
    with pytest.raises(ValueError, match="rating must be 1 to 5"):
        add(store, rating=6)
    with pytest.raises(ValueError, match="ended must be one of"):
        add(store, ended="bored")
    store.close()


def test_comments_lose_contact_details_and_are_capped():
    assert obs.clean_comment("mail me at jo.bloggs@example.org or 07700 900123 thanks") == \
        "mail me at [removed] or [removed] thanks"
    assert len(obs.clean_comment("x" * 1000)) == obs.MAX_COMMENT


def test_load_of_a_missing_store_is_empty(tmp_path):
    assert obs.load(tmp_path / "nothing.sqlite") == []


def test_export_csv_and_json(tmp_path):
    store = obs.ObservationStore(tmp_path / "o.sqlite")
    add(store, timestamp="2026-01-02T10:00:00+00:00")
    rows = store.all()
    store.close()
    parsed = list(csv.DictReader(io.StringIO(obs.to_csv(rows))))
    assert list(parsed[0]) == list(obs.FIELDS)
    assert parsed[0]["persona"] == "christopher" and parsed[0]["rating"] == "" and parsed[0]["finished"] == "True"
    data = json.loads(obs.to_json(rows))
    assert data["schema"] == "empathy-lab/observations/2" and data["observations"] == rows


def test_the_module_imports_neither_pygame_nor_playwright():
    code = ("import sys, kiosk.observations; "
            "print(any(m.split('.')[0] in ('pygame', 'playwright') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


WRITER = """
import sys
from kiosk.observations import ObservationStore
store = ObservationStore(sys.argv[1])
n = 0
while True:
    n += 1
    i = store.add(persona="p%d" % n, scenario="s", version="", seconds=n, finished=True, ended="done",
                  simulation=True, comment="c" * 200)
    print(i, flush=True)
"""


def test_a_writer_killed_mid_write_leaves_every_committed_row_and_a_clean_store(tmp_path):
    path = tmp_path / "o.sqlite"
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    committed = []
    deadline = time.monotonic() + 30
    while len(committed) < 40 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    committed += [int(line) for line in child.stdout.read().split()]
    assert len(committed) >= 40, "the writer was running"
    rows = obs.load(path)
    ids = {r["id"] for r in rows}
    assert set(committed) <= ids, "every row reported as written survived the kill"
    assert len(ids) - len(set(committed)) <= 1, "at most the row being written when killed is extra"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = obs.ObservationStore(path)  # and it takes new rows after the crash
    new = add(store)
    store.close()
    assert new > max(ids)


OLD_SCHEMA = """CREATE TABLE observations (id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL,
    station TEXT NOT NULL DEFAULT '', persona TEXT NOT NULL, scenario TEXT NOT NULL, version TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL, finished INTEGER NOT NULL, ended TEXT NOT NULL, simulation INTEGER NOT NULL,
    rating INTEGER, comment TEXT NOT NULL DEFAULT '')"""


def _old_store(path, n=3):
    conn = sqlite3.connect(str(path))
    conn.execute(OLD_SCHEMA)
    for i in range(n):
        conn.execute("INSERT INTO observations (timestamp, station, persona, scenario, version, seconds, finished,"
                     " ended, simulation, rating, comment) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (f"2026-01-0{i + 1}T10:00:00+00:00", "lobby-1", "claudia", "missed-bin", "inaccessible",
                      60.0 + i, i % 2, "done" if i % 2 else "stopped", 1, 3 if i == 0 else None, f"note {i}"))
    conn.commit()
    conn.close()


def test_a_store_from_before_last_page_is_read_as_it_is_and_migrated_in_place_without_loss(tmp_path):
    path = tmp_path / "observations.sqlite"
    _old_store(path)
    before = obs.load(path)          # reading does not change the file
    assert [r["comment"] for r in before] == ["note 0", "note 1", "note 2"]
    assert all(r["last_page"] == "" for r in before)
    cols = [r[1] for r in sqlite3.connect(str(path)).execute("PRAGMA table_info(observations)")]
    assert "last_page" not in cols
    store = obs.ObservationStore(path, station="lobby-1")   # the kiosk opens it: the column is added
    new = add(store, last_page="http://localhost:9000/accessible/address")
    store.close()
    after = obs.load(path)
    assert after[:3] == before
    assert after[3]["id"] == new and after[3]["last_page"] == "/accessible/address"
    store = obs.ObservationStore(path)   # a second open finds nothing to do
    store.close()
    assert len(obs.load(path)) == 4


def test_last_page_is_a_path_only():
    from auditor.model.observations import page_path

    assert page_path("https://user:pw@services.example.gov.uk:8443/apply/step-2?name=Jo#top") == "/apply/step-2"
    assert page_path("http://127.0.0.1:8000") == "/"
    assert page_path("about:blank") == "" and page_path("") == ""
