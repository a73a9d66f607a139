"""Reporters over hand-built reports: HTML (escaping, CSP, sections), JUnit (structure), SARIF 2.1.0 (structure),
Markdown, and every format written by one call (no browser)."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from auditor.audio import prepare_audio
from auditor.model import speech
from auditor.probes import registry, rule_entry
from auditor.reporters import FORMATS, renderer, write_format
from auditor.reporters.html import build_view, image_uri, render_html
from auditor.reporters.junit import render_junit
from auditor.reporters.sarif import build_sarif
from tests.unit.reports import hand_report

EVIL = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()

PERSONAS = [
    {"id": "ashleigh", "name": "Ashleigh", "summary": "Is blind and uses a screen reader.", "colour": "#4c2c92",
     "task_mode": "screen_reader", "vision": []},
    {"id": "claudia", "name": "Claudia", "summary": "Has glaucoma.", "colour": "#00703c", "task_mode": "zoom",
     "vision": ["blurredVision"]},
]


def finding(id_, rule="label", outcome="fail", impact="serious", personas=("ashleigh",), url="https://a.example/p",
            **extra):
    f = {"id": id_, "rule": rule, "outcome": outcome, "impact": impact, "personas": list(personas),
         "wcag": ["1.3.1", "4.1.2"], "url": url, "selector": "#x", "snippet": "<input id=x>", "role": "textbox",
         "name": "", "message": "Ashleigh hears 'edit text'", "heard": "edit text", "fix": "Add a label.",
         "evidence": None}
    f.update(extra)
    return f


def page(url, findings=(), status="ok", error=None, **extra):
    findings = list(findings)
    verdicts = {}
    for p in PERSONAS:
        mine = [f for f in findings if p["id"] in f["personas"] and not f.get("ignored")]
        fails = [f for f in mine if f["outcome"] == "fail"]
        verdict = "blocked" if any(f["impact"] == "critical" for f in fails) else "struggles" if fails else "can use"
        verdicts[p["id"]] = {"verdict": verdict, "fail": [f["id"] for f in fails],
                             "review": [f["id"] for f in mine if f["outcome"] == "review"]}
    out = {"url": url, "status": status, "error": error, "title": extra.pop("title", "A page"),
           "verdicts": verdicts if status == "ok" else {}, "findings": findings if status == "ok" else [],
           "timings": {"total": 1.5}}
    out.update(extra)
    return out


def report(pages, **extra):
    return hand_report(pages, PERSONAS, "2026-01-02T03:04:05+00:00", **extra)


def sample():
    return report([
        page("https://a.example/p", [
            finding("f1", impact="critical", evidence={"focused_png": PNG}),
            finding("f2", rule="color-contrast", personas=("claudia",), message="Claudia struggles to read this"),
            finding("r1", outcome="review", impact="moderate", rule="region", message="Check the landmarks"),
            finding("i1", rule="image-alt", ignored={"reason": "Legacy banner", "expires": "2030-01-01"}),
        ], evidence={"transcript": ["Home, link", "Bins, heading level 1"],
                     "vision": [{"kind": "normal", "name": "none", "data": PNG},
                                {"kind": "vision", "name": "blurredVision", "data": PNG},
                                {"kind": "zoom", "name": "200%", "data": PNG}]}),
        page("https://a.example/broken", status="error", error="HTTP 500 Internal Server Error"),
    ])


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict]]:
    p = Tags()
    p.feed(html)
    return p.tags


# -- HTML ----------------------------------------------------------------------------------------

def test_html_is_self_contained_with_a_strict_csp():
    html = render_html(sample())
    tags = parse(html)
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "img-src data:" in csp[0] and "script-src" not in csp[0]
    assert not [t for t, _ in tags if t in ("script", "link", "iframe", "object", "embed")]
    assert all(a["src"].startswith("data:image/") for t, a in tags if t == "img")
    assert [a.get("lang") for t, a in tags if t == "html"] == ["en-GB"]
    assert sum(1 for t, _ in tags if t == "h1") == 1
    assert {"main", "nav", "header", "footer"} <= {t for t, _ in tags}
    assert tags[[t for t, _ in tags].index("a")][1]["href"] == "#main"     # the first link skips to main


def test_html_escapes_everything_the_page_gave():
    bad = report([page(f"https://a.example/{EVIL}", [
        finding("x1", message=EVIL, snippet=EVIL, selector=EVIL, heard=EVIL, name=EVIL,
                evidence={"screenshot": f"javascript:alert(1)//{EVIL}"}),
    ], title=EVIL, evidence={"transcript": [EVIL], "vision": [{"kind": "zoom", "name": EVIL, "data": EVIL}]})],
        label=EVIL)
    html = render_html(bad)
    assert "<script>alert" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert not [a for t, a in parse(html) if any(k.startswith("on") for k in a)]


def test_html_sections_hold_findings_reviews_ignores_and_errors():
    view = build_view(sample())
    first, broken = view["pages"]
    assert [g["rule"] for g in first["fails"]] == ["label", "color-contrast"]      # critical first
    assert [g["rule"] for g in first["reviews"]] == ["region"]
    assert first["ignored"] == [{"message": "Ashleigh hears 'edit text'", "rule": "image-alt", "selector": "#x",
                                 "reason": "Legacy banner", "expires": "2030-01-01"}]
    label = first["fails"][0]
    assert [c["number"] for c in label["wcag"]] == ["1.3.1", "4.1.2"]
    assert label["wcag"][0]["url"] == "https://www.w3.org/WAI/WCAG22/Understanding/info-and-relationships.html"
    assert label["elements"][0]["image"] == f"data:image/png;base64,{PNG}"
    assert broken["status"] == "error" and broken["error"] == "HTTP 500 Internal Server Error"
    assert [c["verdict"] for c in broken["cells"]] == ["could not load", "could not load"]
    ashleigh, claudia = view["personas"]
    assert ashleigh["hears"][0]["lines"] == ["Home, link", "Bins, heading level 1"] and not ashleigh["sees"]
    assert [s["label"] for s in claudia["sees"][0]["shots"]] == ["As most people see it", "Blurred", "At 200% zoom"]
    assert ashleigh["blocked"] == 1 and ashleigh["barriers"][0]["impact"] == "critical"


def test_html_caps_evidence_images():
    big = base64.b64encode(b"\x00" * 400_000).decode()
    view = build_view(report([page("https://a.example/p", [finding("f1", evidence={"focused_png": big})])]))
    element = view["pages"][0]["fails"][0]["elements"][0]
    assert element["image"] is None and "left out" in element["image_note"] and view["dropped_images"] == 1


def test_image_uri_admits_only_base64_png_or_jpeg():
    assert image_uri("QUJD") == "data:image/png;base64,QUJD"
    assert image_uri("data:image/jpeg;base64,QUJD") == "data:image/jpeg;base64,QUJD"
    for bad in ("data:image/svg+xml;base64,QUJD", "data:text/html,<b>", "QUJD\" onerror=x", "", None, 5):
        assert image_uri(bad) is None


def test_html_sets_two_services_side_by_side():
    two = report([page("https://old.example/a", [finding("o1", url="https://old.example/a")]),
                  page("https://new.example/a")])
    view = build_view(two)
    assert [c["key"] for c in view["comparison"]["columns"]] == ["old.example", "new.example"]
    assert view["comparison"]["rows"][0]["cells"][0]["fail"] == 1
    assert view["comparison"]["rows"][0]["cells"][1]["fail"] == 0
    assert build_view(report([page("https://a.example/1"), page("https://a.example/2")]))["comparison"] is None


def test_html_demo_comparison_pairs_pages_by_path():
    demo = report([page("http://127.0.0.1:1/accessible/start"), page("http://127.0.0.1:1/inaccessible/start",
                   [finding("d1", url="http://127.0.0.1:1/inaccessible/start")])],
                  comparison={"accessible": {}, "inaccessible": {}})
    c = build_view(demo)["comparison"]
    assert [r["path"] for r in c["rows"]] == ["/start"]
    assert [cell["fail"] for cell in c["rows"][0]["cells"]] == [0, 1]
    assert "Side by side: accessible and inaccessible versions" in render_html(demo)


def test_html_journeys_per_persona():
    tasks = [{"scenario": "Report a missed bin", "persona": "ashleigh", "outcome": "blocked",
              "steps": [{"step": "Enter the postcode", "outcome": "ok"},
                        {"step": "Press Continue", "outcome": "blocked", "reason": "Tab never reaches it"}]}]
    r = report([page("https://a.example/p", tasks=tasks)])
    ashleigh, claudia = build_view(r)["personas"]
    assert [s["outcome"] for s in ashleigh["journeys"][0]["steps"]] == ["ok", "blocked"]
    assert claudia["journeys"] == []
    html = render_html(r)
    assert "Ashleigh’s journeys" in html and "Tab never reaches it" in html


def test_html_journey_step_links_to_the_finding_on_the_same_field():
    tasks = [{"scenario": "permit", "persona": "ashleigh", "outcome": "blocked",
              "steps": [{"step": 'fill "Name" with "Jo"', "outcome": "blocked",
                         "reason": "Ashleigh tabbed to an edit field with no name",
                         "finding": {"id": "f1", "rule": "label", "message": ""}},
                        {"step": 'fill "Town" with "X"', "outcome": "blocked", "reason": "no link",
                         "finding": {"id": "gone", "rule": "label", "message": ""}}]}]
    r = report([page("https://a.example/p", [finding("f1")], tasks=tasks)])
    steps = build_view(r)["personas"][0]["journeys"][0]["steps"]
    anchor = steps[0]["finding"]
    assert anchor and steps[1]["finding"] == ""
    html = render_html(r)
    assert f'<a href="#{anchor}">the audit’s finding on this field</a>' in html and f'id="{anchor}"' in html


# -- JUnit ---------------------------------------------------------------------------------------

def test_junit_structure_is_consistent():
    root = ET.fromstring(render_junit(sample()))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["https://a.example/p", "https://a.example/broken"]
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 4 and int(root.get("tests")) == 4
    assert {(c.get("classname"), c.get("name")) for c in cases} == {
        ("https://a.example/p", "Ashleigh"), ("https://a.example/p", "Claudia"),
        ("https://a.example/broken", "Ashleigh"), ("https://a.example/broken", "Claudia")}
    for suite in suites:
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == len(suite.findall("testcase/error"))
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    assert int(root.get("failures")) == 2 and int(root.get("errors")) == 2
    ashleigh = suites[0].find("testcase[@name='Ashleigh']")
    lines = ashleigh.find("failure").text.splitlines()
    assert len(lines) == 1 and "[id f1]" in lines[0]                    # the ignored image-alt is not a failure
    out = ashleigh.find("system-out").text
    assert "Needs review (1)" in out and "Legacy banner" in out
    assert "HTTP 500" in suites[1].find("testcase/error").get("message")


def test_junit_survives_control_characters_and_markup():
    r = report([page("https://a.example/p", [finding("c1", message="bad \x00\x07 text " + EVIL)])])
    root = ET.fromstring(render_junit(r))
    assert EVIL in root.find(".//failure").text


# -- SARIF ---------------------------------------------------------------------------------------

def check_sarif(log: dict) -> None:
    """The structural rules of SARIF 2.1.0 that matter to consumers (the schema's required properties)."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert isinstance(driver["name"], str) and driver["name"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert re.match(r"^https?://", rule["helpUri"])
        assert all(isinstance(t, str) for t in rule["properties"]["tags"])
    for result in run["results"]:
        assert result["message"]["text"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        for loc in result["locations"]:
            assert loc["physicalLocation"]["artifactLocation"]["uri"]
            if "region" in loc["physicalLocation"]:
                assert isinstance(loc["physicalLocation"]["region"]["snippet"]["text"], str)
        assert all(isinstance(v, str) for v in result["partialFingerprints"].values())
    for inv in run.get("invocations", []):
        assert isinstance(inv["executionSuccessful"], bool)


def test_sarif_is_valid_and_complete():
    log = json.loads(renderer("sarif")(sample()))
    check_sarif(log)
    run = log["runs"][0]
    assert len(run["results"]) == 4
    by_id = {r["properties"]["findingId"]: r for r in run["results"]}
    assert by_id["f1"]["level"] == "error" and by_id["r1"]["level"] == "note"
    assert by_id["f1"]["properties"]["impact"] == "critical"
    assert by_id["f1"]["partialFingerprints"] == {"empathyLabFindingId/v1": "f1"}
    assert by_id["f1"]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "<input id=x>"
    assert by_id["i1"]["suppressions"][0]["justification"].startswith("Legacy banner")
    label = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "label")
    assert {"wcag1.3.1", "wcag4.1.2", "persona:ashleigh"} <= set(label["properties"]["tags"])
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "HTTP 500" in notes[0]["message"]["text"]


def test_sarif_uses_the_reports_rule_texts_for_own_rules():
    """The probe's texts travel in report.json's rules block (written at run time from its META)."""
    meta = registry()["keyboard_trap"].META
    pages = [page("https://a.example/p", [finding("k1", rule="keyboard_trap", impact="critical")])]
    rule = build_sarif(report(pages, rules={"keyboard_trap": rule_entry(meta)}))["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["shortDescription"]["text"] == meta.failure_title
    assert rule["helpUri"].endswith("/no-keyboard-trap.html")
    assert "christopher: He uses the keyboard only" in rule["fullDescription"]["text"]
    old = build_sarif(report(pages))["runs"][0]["tool"]["driver"]["rules"][0]   # a report from before the block
    assert old["shortDescription"]["text"] == "keyboard_trap" and old["helpUri"].endswith("/info-and-relationships.html")
    two = [page("https://a.example/p", [finding("k1", rule="keyboard_trap", impact="critical"),
                                        finding("k2", rule="keyboard_trap", impact="critical", message="other words")])]
    assert "Keyboard focus gets stuck" not in render_html(report(two))       # the heading of a group of two
    assert "Keyboard focus gets stuck" in render_html(report(two, rules={"keyboard_trap": rule_entry(meta)}))


# -- Markdown and writing ------------------------------------------------------------------------

def test_markdown_summary_groups_failures():
    md = renderer("md")(sample())
    assert "| Page | Ashleigh | Claudia |" in md and "could not load" in md
    assert "&lt;script&gt;" in renderer("md")(report([page("https://a.example/p", [finding("m", message=EVIL)])]))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_its_file(tmp_path, fmt):
    path = write_format(sample(), fmt, tmp_path)
    assert path.name == FORMATS[fmt][0] and path.stat().st_size > 200
    assert not list(tmp_path.glob("*.tmp"))


# -- HTML: transcripts as audio, structure for the keyboard ----------------------------------------

def audio_tags(html: str) -> list[dict]:
    return [a for t, a in parse(html) if t == "audio"]


def with_audio(report: dict, folder, **kwargs) -> dict:
    """The report as a run leaves it: the transcripts' audio prepared beside it (auditor/audio.py)."""
    prepare_audio(report, folder, **kwargs)
    return report


def test_html_transcripts_come_with_the_audio_the_run_prepared(tmp_path):
    r = with_audio(sample(), tmp_path)
    [(url, made)] = r["audio"]["personas"]["ashleigh"]["transcripts"].items()
    assert url == "https://a.example/p" and made["file"] == "audio/ashleigh-1.mp3" and made["mime"] == "audio/mpeg"
    assert (tmp_path / made["file"]).stat().st_size == made["bytes"]
    html = render_html(r, tmp_path)
    csp = [a["content"] for t, a in parse(html) if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'; "
                   "base-uri 'none'; form-action 'none'"]
    (audio,) = audio_tags(html)
    assert "controls" in audio and "autoplay" not in audio and audio["preload"] == "none"
    assert audio["aria-label"] == "Audio: what Ashleigh hears on A page"
    prefix = "data:audio/mpeg;base64,"
    assert audio["src"].startswith(prefix)
    data = base64.b64decode(audio["src"][len(prefix):], validate=True)
    assert data == (tmp_path / made["file"]).read_bytes()
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)       # an MPEG audio frame
    about = re.search(rf'id="{audio["aria-describedby"]}"[^>]*>([^<]*)<', html).group(1)
    assert "transcript" in about and "synthetic speech" in about
    view = build_view(r, tmp_path)
    heard = view["personas"][0]["hears"][0]["audio"]
    assert heard["mime"] == "audio/mpeg" and 0.5 < heard["seconds"] < 10 and view["audio_seconds"] == heard["seconds"]
    # The report's persona entry has no voice: it comes from personas/ashleigh.yaml, as the kiosk speaks.
    from auditor.model.persona import load_personas

    rate = load_personas()["ashleigh"].simulation.speech_rate
    assert f"at Ashleigh’s speed of {rate} words a minute" in html


def test_the_html_reporter_runs_no_synthesiser(tmp_path, monkeypatch):
    r = with_audio(sample(), tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("the reporter ran the synthesiser")

    monkeypatch.setattr(speech, "synthesize", refuse)
    monkeypatch.setattr(speech.subprocess, "run", refuse)
    assert len(audio_tags(render_html(r, tmp_path))) == 1


def test_html_says_plainly_when_the_audio_is_missing(tmp_path):
    bare = render_html(sample())                                # a report from no run: no audio block
    assert audio_tags(bare) == [] and "the run that made this report prepared none" in bare
    r = with_audio(sample(), tmp_path)
    moved = render_html(r, tmp_path / "elsewhere")                # report.json copied without its audio folder
    assert audio_tags(moved) == []
    assert "its file (audio/ashleigh-1.mp3) is not beside this report" in moved
    r["audio"]["personas"]["ashleigh"]["transcripts"]["https://a.example/p"]["file"] = "../../etc/passwd"
    assert audio_tags(render_html(r, tmp_path)) == []          # only files in the report's own audio folder


def test_html_says_plainly_when_there_is_no_voice(tmp_path):
    html = render_html(with_audio(sample(), tmp_path, espeak="/nonexistent/espeak-ng"), tmp_path)
    assert audio_tags(html) == []
    assert ("There is no audio version: the speech synthesiser espeak-ng (/nonexistent/espeak-ng) is not installed "
            "on the machine that made this report.") in html
    assert "Home, link" in html                                          # the transcript itself is still there


def test_html_audio_keeps_to_its_budget(tmp_path, monkeypatch):
    import auditor.audio

    monkeypatch.setattr(auditor.audio, "AUDIO_BUDGET", 1000)
    html = render_html(with_audio(sample(), tmp_path), tmp_path)
    assert audio_tags(html) == [] and not list((tmp_path / "audio").glob("*"))
    assert "it was left out to keep this report small" in html


def test_html_audio_uses_the_personas_voice_and_speed(tmp_path):
    fast = report(sample()["pages"])
    fast["personas"] = [dict(PERSONAS[0], voice="en-us", speech_rate=350), PERSONAS[1]]
    slow_view = build_view(with_audio(sample(), tmp_path / "slow"), tmp_path / "slow")
    fast_view = build_view(with_audio(fast, tmp_path / "fast"), tmp_path / "fast")
    assert fast_view["personas"][0]["voice"] == "en-us" and fast_view["personas"][0]["speech_rate"] == 350
    assert fast_view["audio_seconds"] < slow_view["audio_seconds"] * 0.8


def test_html_ids_are_unique_and_similar_rules_get_their_own_anchor():
    r = report([page("https://a.example/p", [
        finding("t1", rule="target-size", personas=("claudia",)), finding("t2", rule="target_size", personas=("claudia",)),
    ], evidence={"transcript": ["Home, link"], "vision": []})])
    ids = [a["id"] for t, a in parse(render_html(r)) if "id" in a]
    assert len(ids) == len(set(ids))
    anchors = [g["anchor"] for g in build_view(r)["pages"][0]["fails"]]
    assert len(set(anchors)) == 2 and anchors[0].startswith("p1-target-size-fail")


def test_html_barriers_link_once_and_name_their_pages():
    from auditor.reporters.html import page_numbers

    assert page_numbers([9, 10, 11, 13]) == "pages 9–11 and 13"
    assert page_numbers([4]) == "page 4" and page_numbers([2, 3]) == "pages 2, 3"
    pages = [page(f"https://a.example/{i}", [finding(f"f{i}", url=f"https://a.example/{i}")]) for i in range(1, 4)]
    ashleigh = build_view(report(pages))["personas"][0]
    (barrier,) = ashleigh["barriers"]
    assert barrier["where"] == "pages 1–3" and barrier["anchor"] == "p1-label-fail"
    html = render_html(report(pages))
    assert html.count('href="#p1-label-fail"') == 1


def test_html_page_findings_are_collapsed_unless_the_run_has_one_page():
    many = render_html(report([page("https://a.example/1", [finding("f1")]), page("https://a.example/2")]))
    one = render_html(report([page("https://a.example/1", [finding("f1")])]))
    findings_details = lambda html: [a for t, a in parse(html) if t == "details" and a.get("class") == "findings"]
    assert [("open" in a) for a in findings_details(many)] == [False]      # the page with no findings has none
    assert [("open" in a) for a in findings_details(one)] == [True]
    assert "No failures found on this page." in many
