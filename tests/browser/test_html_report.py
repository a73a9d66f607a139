"""report.html in a real Chromium: it passes Empathy Lab's own audit with no `fail` finding (a hand-built report with
every section, and the real full demo report), nothing hostile from a page runs
in it, its transcript audio plays and is worked by keyboard, it reflows to 320 px, and it is screenshotted (1280
wide, full page) to /tmp/report-shots/."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.browser import ContextOptions
from auditor.cli import main as audit_main
from auditor.engine import RunOptions, audit_urls
from auditor.gating import write_reports
from auditor.model.persona import load_personas
from auditor.reporters.json_report import summarise

pytestmark = pytest.mark.browser

HOSTILE = ['"><img src=x onerror="window.__pwned=1;alert(1)">', "<script>window.__pwned=2;alert(2)</script>",
           "<svg onload=\"window.__pwned=3\"></svg>", "javascript:alert(4)"]
SHOTS = Path("/tmp/report-shots")
SAMPLE_PAGE = ("<html><body style='font:20px sans-serif;margin:20px'><h1 style='color:#1d70b8'>Report a missed bin"
               "</h1><p>Enter your postcode</p><input style='font-size:20px'><button>Continue</button></body></html>")


def shot(browser, html: str, kind: str, width: int = 640, height: int = 400) -> str:
    with browser.page(ContextOptions(width=width, height=height)) as page:
        page.set_content(html)
        return base64.b64encode(page.screenshot(type=kind)).decode("ascii")


def hostile_finding(i: int, url: str, evil: str, **extra) -> dict:
    f = {"id": f"h{i:02d}", "rule": "label", "outcome": "fail", "impact": "serious", "personas": ["ashleigh"],
         "wcag": ["1.3.1", "4.1.2"], "url": url, "selector": f"#f{i} {evil}", "snippet": f"<input id=f{i}>{evil}",
         "role": "textbox", "name": evil, "message": f"Ashleigh hears 'edit text' {evil}", "heard": f"edit text {evil}",
         "fix": f"Add a label {evil}", "evidence": None}
    f.update(extra)
    return f


def verdicts(findings: list[dict], personas: list[dict]) -> dict:
    out = {}
    for p in personas:
        fails = [f for f in findings if p["id"] in f["personas"] and f["outcome"] == "fail" and not f.get("ignored")]
        out[p["id"]] = {"verdict": "blocked" if any(f["impact"] == "critical" for f in fails)
                        else "struggles" if fails else "can use", "fail": [f["id"] for f in fails],
                        "review": [f["id"] for f in findings if p["id"] in f["personas"] and f["outcome"] == "review"]}
    return out


def build_report(browser) -> dict:
    personas = [{"id": p.id, "name": p.name, "summary": p.summary, "colour": p.colour,
                 "vision": list(p.audit.vision), "task_mode": p.audit.task_mode} for p in load_personas().values()]
    jpeg = shot(browser, SAMPLE_PAGE, "jpeg")
    crop = shot(browser, SAMPLE_PAGE, "png", 160, 60)
    pages = []
    for version in ("accessible", "inaccessible"):
        for name in ("start", "postcode"):
            url = f"http://127.0.0.1:8000/{version}/{name}?q={HOSTILE[0]}"
            findings = []
            if version == "inaccessible":
                findings = [hostile_finding(i, url, evil) for i, evil in enumerate(HOSTILE)]
                findings += [
                    hostile_finding(10, url, HOSTILE[1], rule="unreachable_control", impact="critical",
                                    personas=["christopher", "ashleigh"], wcag=["2.1.1"], heard=None,
                                    evidence={"focused_png": crop}),
                    hostile_finding(11, url, HOSTILE[0], rule="color-contrast", personas=["claudia", "ron"],
                                    wcag=["1.4.3"], heard=None,
                                    evidence={"help": "Elements must meet minimum contrast", "helpUrl": HOSTILE[3]}),
                    hostile_finding(12, url, HOSTILE[2], rule="region", outcome="review", impact="moderate"),
                    hostile_finding(13, url, HOSTILE[1], rule="image-alt",
                                    ignored={"reason": f"Legacy {HOSTILE[0]}", "expires": "2099-01-01"}),
                ]
            tasks = [{"scenario": f"Report a missed bin {HOSTILE[1]}", "persona": "christopher",
                      "outcome": "blocked" if version == "inaccessible" else "completed",
                      "steps": [{"step": "Enter the postcode", "outcome": "ok"},
                                {"step": f"Press Continue {HOSTILE[0]}",
                                 "outcome": "blocked" if version == "inaccessible" else "ok",
                                 "reason": f"Tab never reaches it {HOSTILE[2]}"}]}] if name == "postcode" else []
            pages.append({
                "url": url, "status": "ok", "error": None, "title": f"{name.title()} {HOSTILE[1]}",
                "verdicts": verdicts(findings, personas), "findings": findings, "timings": {"total": 1.0},
                "tasks": tasks,
                "evidence": {"transcript": ["Report a missed bin, heading level 1", f"Postcode {HOSTILE[1]}, edit text",
                                            "Continue, button"],
                             "vision": [{"kind": "normal", "name": "none", "data": jpeg},
                                        {"kind": "vision", "name": "blurredVision", "data": jpeg},
                                        {"kind": "vision", "name": "reducedContrast", "data": jpeg},
                                        {"kind": "zoom", "name": "200%", "data": jpeg}]},
            })
    pages.append({"url": f"http://127.0.0.1:8000/inaccessible/broken{HOSTILE[0]}", "status": "error",
                  "error": f"HTTP 500 {HOSTILE[1]}", "title": "", "verdicts": {}, "findings": [], "timings": {}})
    report = {"schema": "empathy-lab/report/1", "tool": {"name": "empathy-lab", "version": "0.1.0"},
              "created": "2026-01-02T03:04:05+00:00", "label": f"Demo {HOSTILE[1]}", "personas": personas,
              "pages": pages}
    report["summary"] = summarise(report)
    report["comparison"] = {v: summarise({"pages": [p for p in pages if f"/{v}/" in p["url"]]})
                            for v in ("accessible", "inaccessible")}
    return report


@pytest.fixture(scope="module")
def report_dir(browser, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html-report")
    write_reports(build_report(browser), out, ["html"])      # as a run writes it: the audio prepared beside it
    return out


@pytest.fixture(scope="module")
def served(report_dir, serve_directory) -> Iterator[str]:
    with serve_directory(report_dir) as root:
        yield root + "report.html"


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, serve_directory) -> Iterator[str]:
    """The full demo report, made as `audit` makes it: 16 pages, 7 personas, screenshots and audio."""
    out = tmp_path_factory.mktemp("demo-report")
    code = audit_main(["--out", str(out), "--format", "json,html", "--concurrency", "2"])
    assert code == 1                                 # the inaccessible version fails, by design
    with serve_directory(out) as root:
        yield root + "report.html"


def audit_report(url: str) -> dict:
    """The full 7-persona audit of the served report (a long page: allow it more than the default minute)."""
    return audit_urls([url], list(load_personas().values()), RunOptions(timeout_s=300))[0]


def test_report_passes_its_own_audit(served):
    page = audit_report(served)
    assert page["status"] == "ok", page["error"]
    assert page["artifacts_failed"] == []
    fails = [f"{f['rule']}: {f['message']} at {f['selector']}" for f in page["findings"] if f["outcome"] == "fail"]
    assert fails == []
    assert all(v["verdict"] == "can use" for v in page["verdicts"].values())


def listen(page, events: list[str], own: str) -> None:
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: events.append(f"dialog: {d.message}"))
    page.on("request", lambda r: None if r.url.startswith(("data:", own)) else events.append(f"request: {r.url}"))


def test_nothing_from_the_page_runs(browser, served):
    events: list[str] = []
    with browser.page(ContextOptions(width=1280, height=900)) as page:
        listen(page, events, served)
        page.goto(served)
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.evaluate("() => document.querySelectorAll('script, iframe, object, embed').length") == 0
        assert page.get_by_text(HOSTILE[1]).count() > 0          # the hostile text is shown as text
    assert events == []
    # The same payload does run when it is not escaped (so the assertions above can fail). The browser layer
    # answers alert() itself, so the payload's flag, not a dialog, is the proof.
    with browser.page(ContextOptions(width=640, height=400)) as page:
        page.set_content(f"<p>{HOSTILE[0]}</p>")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") == 1


def test_report_reflows_at_320_px_and_is_screenshotted(browser, served):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser.page(ContextOptions(width=320, height=640)) as page:
        page.goto(served)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        page.screenshot(path=str(SHOTS / "test-report-320.png"), full_page=True)
    with browser.page(ContextOptions(width=1280, height=900)) as page:
        page.goto(served)
        assert page.evaluate("() => document.querySelectorAll('h1').length") == 1
        page.screenshot(path=str(SHOTS / "test-report-1280.png"), full_page=True)
    assert (SHOTS / "test-report-1280.png").stat().st_size > 50_000


def test_the_full_demo_report_passes_its_own_audit(browser, demo_report, tmp_path):
    """The real report (not a hand-built one): no `fail`, and the whole Tab walk. It used to be a 59,000 px page
    with 430 Tab stops (the walk was capped at 200 and ran out of time); now ~14,000 px and ~77 stops.

    The limit is the hand-built report's 300 s, not the default 60 s: on a quiet machine this page is expected to
    take well under a minute, but on the shared 2-core machine it took 73 s at load 5-8 (and 170 s at load 20),
    axe alone 25 s over ~8,900 elements, so a 60 s limit here would fail on load rather than on the report."""
    page = audit_urls([demo_report], list(load_personas().values()),
                      RunOptions(timeout_s=300, save_artifacts=str(tmp_path)))[0]
    assert page["status"] == "ok", page["error"]
    assert page["artifacts_failed"] == []
    fails = [f"{f['rule']}: {f['message']} at {f['selector']}" for f in page["findings"] if f["outcome"] == "fail"]
    assert fails == []
    print(f"self-audit of the full demo report: {page['timings']}")
    artifacts = json.loads((tmp_path / "page-0001.json").read_text("utf-8"))
    tabwalk = artifacts.get("artifacts", artifacts)["tabwalk"]
    assert tabwalk["end"] == "wrapped", tabwalk["end"]                 # every stop was reached, and back to the top
    assert len(tabwalk["stops"]) < 120
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser.page(ContextOptions(width=1280, height=900)) as shown:
        shown.goto(demo_report)
        shown.screenshot(path=str(SHOTS / "demo-report-1280.png"), full_page=True)


def test_transcript_audio_plays_and_is_worked_by_keyboard(browser, served):
    with browser.page(ContextOptions(width=1280, height=900)) as page:
        page.goto(served)
        audio = page.locator("#persona-ashleigh audio").first
        listen = page.locator("#persona-ashleigh details.listen > summary").first
        assert page.evaluate("() => document.createElement('audio').canPlayType('audio/mpeg')") != ""
        listen.focus()
        page.keyboard.press("Enter")                                     # the disclosure opens from the keyboard
        assert audio.is_visible()
        assert audio.get_attribute("aria-label").startswith("Audio: what Ashleigh hears on ")
        duration = audio.evaluate("""a => new Promise((ok, fail) => {
            a.addEventListener('loadedmetadata', () => ok(a.duration)); a.addEventListener('error', () => fail(
            'cannot decode: ' + (a.error && a.error.code))); a.preload = 'metadata'; a.load(); })""")
        assert 1.0 < duration < 30.0
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.localName") == "audio"
        page.keyboard.press("Space")                                     # the player's own play button
        page.wait_for_function("() => { const a = document.activeElement; return a.localName === 'audio' && "
                               "!a.paused && a.currentTime > 0; }", timeout=10_000)
