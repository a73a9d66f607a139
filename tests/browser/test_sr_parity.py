"""Empathy Lab's screen reader against a real one (GNOME Orca), on one page, a few keys of each kind.

A small slice of ``make bench-sr`` (benchmarks/sr_parity.py), so that agreement cannot silently fall: on the
demo's postcode page every key must reach the same element with the same name, role, states and value as
Orca (through the vocabulary map), and the reading-order transcript must follow Orca's say-all. A phrase
changed to name the wrong element fails here. Orca is installed by ``make system`` like the other Debian
packages; without it this test fails and says what to install. About 30-60 s (Orca is ~1 s a key).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
KINDS = {"tab", "shift_tab", "heading", "link", "field", "landmark", "line"}


def test_orca_and_empathy_lab_say_the_same_on_the_postcode_page(tmp_path):
    out = tmp_path / "sr_parity.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "sr_parity.py"), "--only",
                           "demo/accessible-postcode", "--cap", "2", "--min-agreement", "100", "--out", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode in (0, 1), f"the parity run could not run (exit {done.returncode}):\n{done.stderr[-2000:]}"
    result = json.loads(out.read_text("utf-8"))
    wrong = [f"{r['kind']} #{r['n']} {r['differs']}: Empathy Lab {r['empathy_lab']!r}, Orca {r['orca']!r}"
             for r in result["rows"] if not r["agree"]]
    assert not wrong, "Empathy Lab and Orca disagree:\n" + "\n".join(wrong)
    assert {r["kind"] for r in result["rows"]} == KINDS, "every kind of key was compared"
    assert done.returncode == 0
