"""bench-sr's saved runs: runs of parts of the corpus are judged and reported together (--rejudge, repeatable;
a page in several is taken from the last), and a bad file is a usage error, not a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2] / "benchmarks"))

from auditor.model.axnode import AXNode, to_dict  # noqa: E402
import sr_parity  # noqa: E402


def _run(path: Path, page: str, orca_says: str, partial: bool = False) -> Path:
    node = to_dict(AXNode(role="link", name="Home"))
    row = {"page": page, "kind": "link", "n": 1, "empathy_lab": "Home, link", "node": node, "orca_all": [orca_says]}
    saved = {"rows": [row], "say_all": {page: []}}
    if partial:
        saved.update(partial=True, pages_done=[page])
    path.write_text(json.dumps(saved), "utf-8")
    return path


def test_parts_are_rejudged_together_and_the_last_run_of_a_page_wins(tmp_path, capsys):
    first = _run(tmp_path / "a.json", "demo/a.html", "Back link.")
    second = _run(tmp_path / "b.json", "gds/b.html", "Home link.", partial=True)
    again = _run(tmp_path / "c.json", "demo/a.html", "Home link.")
    out = tmp_path / "out.json"
    assert sr_parity.main(["--rejudge", str(first), "--rejudge", str(second), "--out", str(out)]) == 1
    assert json.loads(out.read_text("utf-8"))["pages"] == {"demo/a.html": 0.0, "gds/b.html": 100.0}
    assert sr_parity.main(["--rejudge", str(first), "--rejudge", str(second), "--rejudge", str(again),
                           "--out", str(out)]) == 0
    result = json.loads(out.read_text("utf-8"))
    assert result["pages"] == {"gds/b.html": 100.0, "demo/a.html": 100.0}
    assert "2 pages" in capsys.readouterr().out


def test_a_file_that_is_not_a_saved_run_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", "utf-8")
    assert sr_parity.main(["--rejudge", str(bad), "--out", str(tmp_path / "o.json")]) == 2
    assert "not a saved run" in capsys.readouterr().err
    assert sr_parity.main(["--resume", str(tmp_path / "none.json")]) == 2
