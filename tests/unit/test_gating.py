"""CI gating: thresholds, baselines, ignores, shards, formats and exit codes (no browser)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from auditor.cli import main
from auditor.commands.args import check_url
from auditor.commands.run import parse_shard, shard_of
from auditor.gating import apply_ignores, failing
from auditor.reporters import parse_formats
from auditor.config import AuditConfig
from auditor.errors import UsageError


def finding(id_, impact="serious", outcome="fail", rule="label", personas=("ashleigh",)):
    return {"id": id_, "impact": impact, "outcome": outcome, "rule": rule, "personas": list(personas),
            "selector": "#x"}


def report(*findings, url="https://example.gov.uk/a"):
    return {"pages": [{"url": url, "status": "ok", "findings": list(findings)}]}


def ids(found):
    return [f["id"] for f in found]


def test_threshold_counts_impact_at_or_above():
    r = report(finding("a", "critical"), finding("b", "serious"), finding("c", "moderate"), finding("d", "minor"))
    assert ids(failing(r, "serious", False, None)) == ["a", "b"]
    assert ids(failing(r, "minor", False, None)) == ["a", "b", "c", "d"]
    assert failing(r, "none", False, None) == []


def test_review_never_fails_unless_asked():
    r = report(finding("a", "critical", outcome="review"))
    assert failing(r, "minor", False, None) == []
    assert ids(failing(r, "minor", True, None)) == ["a"]


def test_baseline_keeps_only_new_findings():
    old = report(finding("a"), finding("b"))
    new = report(finding("b"), finding("c"))
    assert ids(failing(new, "serious", False, old)) == ["c"]


def test_per_rule_then_per_persona_thresholds():
    config = AuditConfig(path="audit.yaml", rule_thresholds={"region": "none", "label": "critical"},
                         persona_thresholds={"ron": "minor"})
    r = report(finding("a", "moderate", rule="region"), finding("b", "serious", rule="label"),
               finding("c", "minor", rule="target-size", personas=("ron",)),
               finding("d", "minor", rule="target-size", personas=("claudia",)))
    assert ids(failing(r, "serious", False, None, config)) == ["c"]


def test_ignores_apply_until_they_expire():
    today = dt.date.today()
    config = AuditConfig(path="audit.yaml", ignore=[
        {"rule": "label", "url": "https://example.gov.uk/", "selector": None, "reason": "known", "expires": today},
        {"rule": "image-alt", "url": None, "selector": None, "reason": "old", "expires": today - dt.timedelta(days=1)},
    ])
    r = report(finding("a", rule="label"), finding("b", rule="image-alt"))
    assert apply_ignores(r, config) == 1
    assert r["pages"][0]["findings"][0]["ignored"] == {"reason": "known", "expires": str(today)}
    assert ids(failing(r, "serious", False, None, config)) == ["b"]


def test_shards_split_every_url_once_and_deterministically():
    urls = [f"https://example.gov.uk/p{i}" for i in range(100)]
    shards = [shard_of(urls, (i, 4)) for i in range(1, 5)]
    assert sorted(u for s in shards for u in s) == sorted(urls)
    assert all(shards) and shard_of(urls, (2, 4)) == shards[1]
    assert shard_of(urls[:50], (2, 4)) == [u for u in shards[1] if u in urls[:50]]


@pytest.mark.parametrize("text, message", [
    ("3", "--shard: '3' is not I/N (expected for example 1/4)"),
    ("5/4", "--shard: '5/4' is out of range (expected I/N with 1 <= I <= N)"),
    ("0/2", "--shard: '0/2' is out of range (expected I/N with 1 <= I <= N)"),
])
def test_bad_shards(text, message):
    with pytest.raises(UsageError) as err:
        parse_shard(text)
    assert str(err.value) == message


def test_formats_and_urls_are_checked():
    assert parse_formats("json, md") == ["json", "md"]
    with pytest.raises(UsageError, match="'pdf' is not a format"):
        parse_formats("json,pdf")
    with pytest.raises(UsageError, match="is not a web address"):
        check_url("file:///etc/passwd")


def test_usage_errors_exit_2(capsys):
    assert main(["--persona", "claudai", "https://example.gov.uk/"]) == 2
    assert "did you mean 'claudia'?" in capsys.readouterr().err
    assert main(["ftp://example.gov.uk/"]) == 2
    assert main(["--fail-on", "bad", "https://example.gov.uk/"]) == 2


def test_baseline_that_is_not_a_report_exits_2(tmp_path, capsys):
    bad = tmp_path / "old.json"
    bad.write_text(json.dumps({"hello": 1}))
    assert main(["--baseline", str(bad), "https://example.gov.uk/"]) == 2
    assert "not an Empathy Lab report" in capsys.readouterr().err


def test_missing_browser_exits_3(tmp_path, capsys):
    assert main(["--browser", str(tmp_path / "no-chrome"), "https://example.gov.uk/", "--out", str(tmp_path)]) == 3
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("message, names, expected", [
    ("{who} struggles to read this", ["Claudia"], "Claudia struggles to read this"),
    ("{who} struggles to read this", ["Claudia", "Ron"], "Claudia and Ron struggle to read this"),
    ("{who} hears 'edit text'", ["Ashleigh", "Pawel", "Simone"], "Ashleigh, Pawel and Simone hear 'edit text'"),
    ("{who} has to scroll sideways", ["Claudia", "Ron"], "Claudia and Ron have to scroll sideways"),
    ("{who} is stuck", ["Christopher", "Ashleigh"], "Christopher and Ashleigh are stuck"),
    ("{who} cannot reach 'Continue'", ["Christopher", "Ashleigh"], "Christopher and Ashleigh cannot reach 'Continue'"),
    ("{who} always misses it", ["Ron", "Claudia"], "Ron and Claudia always miss it"),
    ("{who} tries again", ["Ron", "Claudia"], "Ron and Claudia try again"),
    ("No persona here", ["Ron", "Claudia"], "No persona here"),
])
def test_messages_agree_with_how_many_people_they_name(message, names, expected):
    from auditor.findings import fill_who

    assert fill_who(message, names) == expected
