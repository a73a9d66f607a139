"""audit compare and audit merge over hand-built reports: new/fixed/unchanged sets, verdict changes, the demo's
two versions, shard merging, exit codes (no browser)."""

from __future__ import annotations

import copy
import json

import pytest

from auditor import cli
from auditor.cli import main
from auditor.commands.merge import merge_reports
from auditor.reporters.compare import compare, split_versions
from auditor.reporters.json_report import summarise
from tests.unit.reports import hand_report

PERSONAS = [{"id": "ashleigh", "name": "Ashleigh", "summary": "", "colour": "#4c2c92"},
            {"id": "christopher", "name": "Christopher", "summary": "", "colour": "#1d70b8"}]


def finding(id_, url, rule="label", outcome="fail", impact="serious", personas=("ashleigh",), name=""):
    return {"id": id_, "rule": rule, "outcome": outcome, "impact": impact, "personas": list(personas), "wcag": [],
            "url": url, "selector": "#x", "snippet": "", "role": "button", "name": name, "message": f"{rule} {name}",
            "heard": None, "fix": "", "evidence": None}


def page(url, findings=(), status="ok"):
    verdicts = {}
    for p in PERSONAS:
        fails = [f for f in findings if p["id"] in f["personas"] and f["outcome"] == "fail"]
        verdicts[p["id"]] = {"verdict": "blocked" if any(f["impact"] == "critical" for f in fails)
                             else "struggles" if fails else "can use", "fail": [f["id"] for f in fails], "review": []}
    return {"url": url, "status": status, "error": None if status == "ok" else "timeout", "title": "",
            "verdicts": verdicts if status == "ok" else {}, "findings": list(findings), "timings": {}}


def report(pages, **extra):
    return hand_report(pages, PERSONAS, "2026-01-01T00:00:00+00:00", **extra)


BASE = "https://bins.example"


@pytest.fixture(autouse=True)
def merge_subcommand(monkeypatch):
    """``audit merge`` is dispatched by auditor/cli.py (the lead adds it there); make sure it is here too."""
    monkeypatch.setitem(cli.SUBCOMMANDS, "merge", "auditor.commands.merge")


def baseline():
    return report([
        page(f"{BASE}/start", [finding("trap", f"{BASE}/start", rule="keyboard_trap", impact="critical",
                                       personas=("ashleigh", "christopher"), name="Menu"),
                               finding("alt", f"{BASE}/start", rule="image-alt")]),
        page(f"{BASE}/postcode", [finding("lbl", f"{BASE}/postcode"),
                                  finding("rev", f"{BASE}/postcode", rule="region", outcome="review")]),
    ])


def write(tmp_path, name, data):
    path = tmp_path / name
    path.mkdir()
    (path / "report.json").write_text(json.dumps(data), "utf-8")
    return path


def test_one_barrier_fixed_gives_exactly_that_fixed_and_nothing_new():
    before = baseline()
    after = copy.deepcopy(before)
    after["pages"][0] = page(f"{BASE}/start", [finding("alt", f"{BASE}/start", rule="image-alt")])
    result = compare(before, after)
    assert result["match"] == "id"
    assert [f["id"] for f in result["fixed"]] == ["trap"]
    assert result["new"] == [] and sorted(f["id"] for f in result["unchanged"]) == ["alt", "lbl", "rev"]
    assert result["counts"]["new_fail"] == 0 and result["counts"]["fixed_fail"] == 1
    changes = {(v["persona"], v["before"], v["after"], v["better"]) for v in result["verdicts"]}
    assert changes == {("ashleigh", "blocked", "struggles", True), ("christopher", "blocked", "can use", True)}


def test_a_new_barrier_is_new_and_its_verdict_change_is_worse():
    before = baseline()
    after = copy.deepcopy(before)
    after["pages"][1]["findings"].append(finding("new", f"{BASE}/postcode", rule="button-name",
                                                 personas=("christopher",), impact="critical"))
    after["pages"][1] = page(f"{BASE}/postcode", after["pages"][1]["findings"])
    result = compare(before, after)
    assert [f["id"] for f in result["new"]] == ["new"] and result["fixed"] == []
    assert result["new"][0]["page"] == "https://bins.example/postcode"
    assert result["verdicts"] == [{"page": "https://bins.example/postcode", "persona": "christopher",
                                   "before": "can use", "after": "blocked", "better": False}]


def test_ignored_and_review_findings_do_not_count_as_new_failures():
    before = baseline()
    after = copy.deepcopy(before)
    extra = finding("ign", f"{BASE}/start", rule="color-contrast")
    extra["ignored"] = {"reason": "known", "expires": "2099-01-01"}
    after["pages"][0]["findings"] += [extra, finding("r2", f"{BASE}/start", rule="region", outcome="review")]
    counts = compare(before, after)["counts"]
    assert counts["new"] == 2 and counts["new_fail"] == 0 and counts["new_review"] == 1


def demo_report():
    pages = []
    for version in ("accessible", "inaccessible"):
        for name in ("start", "postcode"):
            url = f"http://127.0.0.1:40000/{version}/{name}"
            found = [] if version == "accessible" else [
                finding(f"{name}-trap", url, rule="unreachable_control", impact="critical", name="Continue"),
                finding(f"{name}-alt", url, rule="image-alt", name="logo")]
            found.append(finding(f"{version}-{name}-rev", url, rule="region", outcome="review"))
            pages.append(page(url, found))
    return report(pages, comparison={"accessible": {}, "inaccessible": {}})


def test_the_demo_versions_line_up_by_path():
    accessible, inaccessible = split_versions(demo_report())
    assert accessible["summary"]["pages"] == 2 and inaccessible["summary"]["fail"] == 4
    result = compare(inaccessible, accessible)
    assert result["match"] == "path"
    assert sorted((f["page"], f["rule"]) for f in result["fixed"]) == [
        ("/postcode", "image-alt"), ("/postcode", "unreachable_control"),
        ("/start", "image-alt"), ("/start", "unreachable_control")]
    assert result["new"] == [] and len(result["unchanged"]) == 2          # the region reviews on both
    assert {(v["page"], v["persona"], v["after"]) for v in result["verdicts"]} == {
        ("/start", "ashleigh", "can use"), ("/postcode", "ashleigh", "can use")}
    backwards = compare(accessible, inaccessible)
    assert backwards["counts"]["new_fail"] == 4 and backwards["counts"]["fixed"] == 0


def test_compare_command_exit_codes_and_files(tmp_path, capsys):
    before = baseline()
    after = copy.deepcopy(before)
    after["pages"][1]["findings"].append(finding("new", f"{BASE}/postcode", rule="button-name"))
    a, b = write(tmp_path, "a", before), write(tmp_path, "b", after)
    assert main(["compare", str(a), str(a)]) == 0
    assert main(["compare", str(a), str(b / "report.json"), "--out", str(tmp_path / "cmp")]) == 1
    out = capsys.readouterr().out
    assert "1 new (1 failures, 0 to review)" in out and "exit 1" in out
    saved = json.loads((tmp_path / "cmp" / "compare.json").read_text("utf-8"))
    assert [f["id"] for f in saved["new"]] == ["new"]
    assert "## New failures" in (tmp_path / "cmp" / "compare.md").read_text("utf-8")
    assert main(["compare", str(b), str(a)]) == 0                     # fixing things never fails a build
    demo = write(tmp_path, "demo", demo_report())
    assert main(["compare", str(demo)]) == 0                           # inaccessible (A) -> accessible (B)


def test_compare_bad_input_exits_2(tmp_path, capsys):
    a = write(tmp_path, "a", baseline())
    assert main(["compare", str(a), str(tmp_path / "missing.json")]) == 2
    assert "missing.json: no such file" in capsys.readouterr().err
    (tmp_path / "junk.json").write_text("{not json", "utf-8")
    assert main(["compare", str(a), str(tmp_path / "junk.json")]) == 2
    assert main(["compare", str(a)]) == 2                              # one report, not a demo report
    assert "not a demo report" in capsys.readouterr().err
    assert main(["compare", str(a), str(a), "--format", "pdf"]) == 2


def shards():
    one = report([page(f"{BASE}/b", [finding("b1", f"{BASE}/b")]), page(f"{BASE}/a", status="error")],
                 shard="1/2")
    two = report([page(f"{BASE}/c"), page(f"{BASE}/a", [finding("a1", f"{BASE}/a", impact="minor")])],
                 shard="2/2")
    return one, two


def test_merge_joins_shards_in_a_stable_order_without_duplicates():
    one, two = shards()
    merged = merge_reports([one, two])
    assert [p["url"] for p in merged["pages"]] == [f"{BASE}/a", f"{BASE}/b", f"{BASE}/c"]
    assert merged["pages"][0]["status"] == "ok"                       # the loaded copy beats the error
    assert merged["summary"] == summarise(merged) and merged["summary"]["fail"] == 2
    assert merged["merged_from"] == ["1/2", "2/2"]
    assert merge_reports([two, one])["pages"] == merged["pages"]


def test_merge_command_writes_formats_and_gates(tmp_path, capsys):
    one, two = shards()
    a, b = write(tmp_path, "s1", one), write(tmp_path, "s2", two)
    out = tmp_path / "merged"
    assert main(["merge", str(a), str(b), "--out", str(out), "--format", "json,md,junit,sarif,html"]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["junit.xml", "report.html", "report.json", "report.sarif",
                                                   "summary.md"]
    assert json.loads((out / "report.json").read_text("utf-8"))["summary"]["pages"] == 3
    assert main(["merge", str(a), str(b), "--out", str(out), "--fail-on", "none"]) == 0
    assert main(["merge", str(a), str(b), "--out", str(out), "--fail-on", "critical"]) == 0
    assert main(["merge", str(a), str(b), "--out", str(out), "--baseline", str(out)]) == 0   # nothing new
    assert main(["merge", str(a), "--out", str(out), "--format", "doc"]) == 2
    assert main(["merge", str(a)]) == 2                                  # --out is required
    capsys.readouterr()
