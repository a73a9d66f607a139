"""The wait after a resize (js/quiet.js records a page's answer to a change of its size, js/common.js's settle waits
for it; the layout gatherer measures its widths after it, vision's zoomed shot too where layout saw an answer).

The fixtures tests/fixtures/layout/relaid.html (a header that moves its navigation into a "More" menu 120 ms and a
frame after a resize, as real headers do) and restless.html (a resize listener that starts an animation that never
ends, over prose that does not reflow)."""

from __future__ import annotations

import base64
import io
import time
from pathlib import Path

import pytest

from auditor.engine import RunOptions, gather_page
from auditor.gatherers import layout, vision
from auditor.gatherers.base import SETTLE_MS, GatherParams, GatherSession
from auditor.model.persona import load_personas
from auditor.probes import reflow
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "layout"

# Every way a page answers a size change, each answer a chain of the next one's kind: the marks are set only at
# the chain's end, 80-250 ms and some frames after the resize.
ANSWERS = """<main id=m><p>Answers</p></main><script>
  const marks = window.marks = {};
  const frames = (n, fn) => requestAnimationFrame(() => (n > 1 ? frames(n - 1, fn) : fn()));
  const query = matchMedia('(max-width: 700px)');
  query.addEventListener('change', () => setTimeout(() => { marks.change = innerWidth; }, 80));
  query.addListener(() => frames(3, () => { marks.listener = innerWidth; }));
  let seen = 0;
  new ResizeObserver(() => { if (seen++) setTimeout(() => frames(1, () => { marks.observer = innerWidth; }), 60); })
    .observe(m);
  window.onresize = () => setTimeout(() => setTimeout(() => { marks.resize = innerWidth; }, 90), 90);
  visualViewport.addEventListener('resize', () => { clearTimeout(window.t); window.t = setTimeout(() => {
    marks.viewport = innerWidth; }, 150); });
</script>"""


def _claudia():
    return load_personas()["claudia"]


@pytest.mark.parametrize("reused", [True, False], ids=["reused page", "page of its own"])
def test_a_header_that_re_lays_itself_after_a_resize_is_measured_once_it_has(browser, reused):
    """relaid.html fails reflow at 320 px if measured a frame after the resize (the one-frame wait before this
    one gave its five items past the edge); measured once its debounced script has moved them into "More", it
    passes."""
    url = (FIXTURES / "relaid.html").as_uri()
    if reused:
        with browser.reused_page() as pages:
            gathered = gather_page(browser, url, [_claudia()], RunOptions(screenshots=False), pages=pages)
    else:
        gathered = gather_page(browser, url, [_claudia()], RunOptions(screenshots=False))
    assert gathered["status"] == "ok", gathered["error"]
    [width] = gathered["artifacts"]["layout"]["widths"]
    assert width["width"] == 320 and width["offenders"] == [], width["offenders"]
    assert width["settle"]["settled"] is True and width["settle"]["answered"] is True
    assert width["settle"]["ms"] < SETTLE_MS
    assert reflow.check(gathered["artifacts"], AuditParams()) == []


def test_a_page_that_never_settles_is_measured_at_the_limit_what_moved_is_a_review_what_stayed_a_failure(browser):
    """restless.html keeps changing on every frame once resized: the width is measured at the limit (the audit
    ends in bounded time) and again some frames later; its banner, which moved between the two, is a review that
    says why; its prose past the edge, which stayed put, is a failure as on a page that settled."""
    url = (FIXTURES / "restless.html").as_uri()
    started = time.perf_counter()
    with browser.reused_page() as pages:
        gathered = gather_page(browser, url, [_claudia()], RunOptions(screenshots=False), pages=pages)
    assert gathered["status"] == "ok", gathered["error"]
    assert time.perf_counter() - started < 20
    [width] = gathered["artifacts"]["layout"]["widths"]
    assert width["settle"]["settled"] is False and width["settle"]["answered"] is True
    assert SETTLE_MS <= width["settle"]["ms"] < SETTLE_MS + 500 and width["settle"]["frames"] > 3
    findings = {f.selector: f for f in reflow.check(gathered["artifacts"], AuditParams())}
    assert set(findings) == {"#banner", "#hours"}, findings
    assert findings["#banner"].outcome == "review" and "still changing" in findings["#banner"].message
    assert findings["#banner"].evidence["steady"] is False
    assert findings["#hours"].outcome == "fail" and "still changing" not in findings["#hours"].message
    assert findings["#hours"].evidence == {**findings["#hours"].evidence, "settled": False, "steady": True}


def test_every_way_of_answering_a_resize_is_waited_for(browser, tmp_path):
    """A media query's change listeners (both ways of adding them), a ResizeObserver, the window's onresize and the
    visual viewport's resize listener, each going on through timers and animation frames: all have answered when
    settle returns, and the page's built-ins still count as the browser's (the init script's wrappers are ours)."""
    with browser.reused_page() as pages:
        page = pages.get()
        (tmp_path / "answers.html").write_text("<!doctype html>" + ANSWERS, "utf-8")   # (loaded, as pages are, not written)
        page.goto((tmp_path / "answers.html").as_uri())
        session = GatherSession(browser=browser, url=page.url, page=page, sizer=pages)
        assert session._tampered(page) is False
        session.set_viewport({"width": 320, "height": 800})
        state = session.settle({"width": 320, "height": 800}, True)
        marks = page.evaluate("() => window.marks")
        session.close()
    assert marks == {name: 320 for name in ("change", "listener", "observer", "resize", "viewport")}, (marks, state)
    assert state["settled"] is True and state["answered"] is True and 150 <= state["ms"] < SETTLE_MS, state


def test_a_page_that_replaced_built_ins_is_measured_at_each_width_in_the_isolated_world(browser):
    """On a page that replaced the built-ins our scripts use (tests/hostile/pages/overrides.html), layout's first
    step runs in an isolated world (run_js) and keeps its state there: each width is measured in that world too
    (in the page's own, the step found no state and layout failed: reflow went untested)."""
    url = (Path(__file__).resolve().parent.parent / "hostile" / "pages" / "overrides.html").as_uri()
    with browser.reused_page() as pages:
        gathered = gather_page(browser, url, [_claudia()], RunOptions(screenshots=False), pages=pages)
    art = gathered["artifacts"]["layout"]
    assert gathered["status"] == "ok" and "error" not in art, art
    [width] = art["widths"]
    assert width["width"] == 320 and width["settle"]["settled"] is True and width["client_width"] == 320, width


def test_the_wait_ends_on_a_page_that_replaced_its_clock_and_timer(browser):
    """A page with a ResizeObserver that then replaces setTimeout with one that never fires and freezes
    performance.now (neither is among the built-ins the pristine check reads, so our scripts run in its world): the
    wait runs on the browser's own timer and clock as the init script kept them, and ends (on the page's, it waited
    for a timer that never came, until the page's time limit). Raced here against 5 s of the browser's own timer."""
    with browser.reused_page() as pages:
        page = pages.get()
        page.set_content("<p id=p>Watched</p><script>new ResizeObserver(() => {}).observe("
                         "document.getElementById('p')); window.setTimeout = () => 0; performance.now = () => 0;"
                         "</script>")
        session = GatherSession(browser=browser, url="about:blank", page=page, sizer=pages)
        assert session.run_js(page, "() => typeof window.__elab.settle") == "function"
        session.set_viewport({"width": 320, "height": 800})
        state = page.evaluate("(size) => Promise.race([window.__elab.settle(size, 1000, true), new Promise("
                              "(r) => window.__elabSize.later(() => r('hung'), 5000))])", {"width": 320, "height": 800})
        session.close()
    assert state != "hung" and state["settled"] is True and state["frames"] >= 1, state


def _settled_on(browser, html: str, read: str = "() => null") -> tuple[dict, object]:
    """Set ``html``, resize to 320 px, wait for the answer: (the wait's state, what ``read`` reads then)."""
    with browser.reused_page() as pages:
        page = pages.get()
        page.set_content(html)
        session = GatherSession(browser=browser, url="about:blank", page=page, sizer=pages)
        session.set_viewport({"width": 320, "height": 800})
        state = session.settle({"width": 320, "height": 800}, True)
        value = page.evaluate(read)
        session.close()
    return state, value


def test_a_page_that_breaks_what_the_record_uses_keeps_its_timers_and_its_wait(browser):
    """What the init script's record uses is kept before the page's scripts run: a page whose Map.prototype.set
    throws still gets the timer its resize listener asks for (the record's bookkeeping may fail, the page's timer
    may not); a page that sets a global `event` of its own (old sloppy code) and polls every 100 ms is not taken
    to be answering a resize for ever (the record reads the browser's current event, not the page's variable)."""
    with browser.reused_page() as pages:
        page = pages.get()
        page.set_content("<title>unmarked</title><p>Map</p><script>Map.prototype.set = () => { throw new Error('no'); };"
                         "addEventListener('resize', () => { let how = 'marked'; try { setTimeout(() => {"
                         " document.title = how + ' ' + innerWidth; }, 60); } catch (e) { how = 'threw'; } });</script>")
        pages.resize({"width": 320, "height": 800})
        for _ in range(50):   # (Playwright's own page functions need Map.prototype.set: the title is read)
            if page.title() != "unmarked":
                break
            page.wait_for_timeout(100)
        assert page.title() == "marked 320"
    state, _ = _settled_on(browser, "<p>Poll</p><script>event = { type: 'resize' };"
                           "(function poll() { setTimeout(poll, 100); })();</script>")
    assert state["settled"] is True and state["answered"] is False, state


def test_a_box_the_answer_moves_with_a_transition_is_measured_where_it_ends(browser, tmp_path):
    """A resize answer that narrows a box through a 3 s CSS transition: the width is measured with transitions
    off (the box at its end, within the edge), not on its way there (past the edge: a false failure)."""
    html = ("<div id=b style='width: 700px; transition: width 3s linear'>Opening times for the library and the"
            " leisure centre</div><script>addEventListener('resize', () => setTimeout(() => {"
            " document.getElementById('b').style.width = innerWidth < 400 ? '300px' : '700px'; }, 40));</script>")
    with browser.reused_page() as pages:
        page = pages.get()
        (tmp_path / "narrowed.html").write_text(html, "utf-8")
        page.goto((tmp_path / "narrowed.html").as_uri())
        session = GatherSession(browser=browser, url=page.url, page=page, sizer=pages,
                                params=GatherParams(viewport_widths=(320,), zoom_levels=()))
        art = layout.gather(session)
        session.close()
    [width] = art["widths"]
    assert width["offenders"] == [], width   # (the answer may be over before the wait begins on a slow machine)


def test_a_timer_of_the_answer_cleared_by_a_string_id_is_not_waited_for(browser):
    """The browser takes a timer's or frame's id as a number (clearTimeout("12") clears timer 12, as old code that
    keeps ids in data attributes does): such a cleared timer of the answer is no longer pending."""
    html = ("<p id=p>Resized</p><script>addEventListener('resize', () => {"
            " const p = document.getElementById('p');"
            " p.dataset.timer = String(setTimeout(() => { p.textContent = 'late'; }, 600));"
            " p.dataset.frame = String(requestAnimationFrame(() => { p.textContent = 'framed'; }));"
            " clearTimeout(p.dataset.timer); cancelAnimationFrame(p.dataset.frame); });</script>")
    state, text = _settled_on(browser, html, "() => document.getElementById('p').textContent")
    assert text == "Resized" and state["settled"] is True and state["ms"] < 600, state


def _settle_on_file(browser, tmp_path, html: str, written: bool = False, read: str = "() => null",
                    after_ms: float = 0) -> tuple:
    """Load ``html`` (or write it with document.open: Playwright's set_content), ``after_ms`` later (a wait in
    the driver, nothing of the page's) resize to 320 px and wait for the page's answer: (the wait's state, what
    ``read`` reads then)."""
    with browser.reused_page() as pages:
        page = pages.get()
        if written:
            page.set_content(html)
        else:
            (tmp_path / "page.html").write_text(html, "utf-8")
            page.goto((tmp_path / "page.html").as_uri())
        if after_ms:
            page.wait_for_timeout(after_ms)
        session = GatherSession(browser=browser, url=page.url, page=page, sizer=pages)
        session.set_viewport({"width": 320, "height": 800})
        state = session.settle({"width": 320, "height": 800}, True)
        value = page.evaluate(read)
        session.close()
    return state, value


@pytest.mark.parametrize("written", [False, True], ids=["loaded", "written by document.open"])
def test_a_page_with_no_way_to_answer_is_measured_at_once(browser, tmp_path, written):
    """A page whose scripts have no way to answer its size (their timer and animation frame long run) is measured
    as soon as the new size is laid out, with no frame's wait (frames 0); one whose document was written with
    document.open() (which erases the init script's listeners with the page's own) cannot be asked, and is
    measured a frame later, once a second frame has begun at the new size, as before."""
    html = ("<p>Nothing here listens for the window's size."
            "<script>setTimeout(() => {}, 10); requestAnimationFrame(() => {});</script>")
    # (200 ms after the load: the 10 ms timer and the frame have run, and the record's 60 ms horizon is past; a
    # browser that loads the page quickly enough could otherwise be asked while the timer is still due)
    state, _ = _settle_on_file(browser, tmp_path, html, written, after_ms=200)
    assert state["settled"] is True and state["answered"] is False, state
    assert state["frames"] == (2 if written else 0), state


def test_a_page_that_could_answer_but_does_not_waits_one_frame(browser, tmp_path):
    """A resize listener that does nothing: the page could have answered, so it is measured a frame after the resize
    (its resize event dispatched), as every page was before the record could tell."""
    html = "<p>Listening</p><script>addEventListener('resize', () => {});</script>"
    state, _ = _settle_on_file(browser, tmp_path, html)
    assert (state["settled"], state["answered"], state["frames"]) == (True, False, 1), state


# Each way a page could answer a change of its size, or have work that a frame's wait would let run, in a fresh
# document: whether the record says it has none ("__elab-no-answer" cancelled). A statement, what is expected.
NO_ANSWER = {
    "nothing": ("", True),
    "a resize listener": ("addEventListener('resize', () => {})", False),
    "a resize listener named by an object": ("addEventListener({ toString: () => 'resize' }, () => {})", False),
    "the visual viewport's resize listener": ("visualViewport.addEventListener('resize', () => {})", False),
    "the window's onresize": ("onresize = () => {}", False),
    "the body's onresize attribute": ("document.body.setAttribute('onresize', 'void 0')", False),
    "the visual viewport's onresize": ("visualViewport.onresize = () => {}", False),
    "a media query's change listener": ("matchMedia('(max-width: 600px)').addEventListener('change', () => {})",
                                        False),
    "a media query's addListener": ("matchMedia('(max-width: 600px)').addListener(() => {})", False),
    "a media query's onchange": ("window.q = matchMedia('(max-width: 600px)'); q.onchange = () => {}", False),
    "a media query only read": ("matchMedia('(max-width: 600px)').matches", True),
    "a field's change listener": ("document.body.appendChild(document.createElement('input'))"
                                  ".addEventListener('change', () => {})", True),
    "a ResizeObserver": ("new ResizeObserver(() => {})", False),
    "a frame of its own": ("document.body.appendChild(document.createElement('iframe'))", False),
    "an animation frame pending": ("requestAnimationFrame(() => {})", False),
    "a timer due": ("setTimeout(() => {}, 30)", False),
    "a timer far off": ("setTimeout(() => {}, 5000)", True),
    "a scroll listener": ("addEventListener('scroll', () => {})", False),
    "an animationstart listener": ("document.body.addEventListener('animationstart', () => {})", False),
    "a transitionend listener, old name": ("addEventListener('webkitTransitionEnd', () => {})", False),
    "the body's onanimationstart": ("document.body.onanimationstart = () => {}", False),
    "an orientationchange listener": ("addEventListener('orientationchange', () => {})", False),
    "the screen's change listener": ("screen.addEventListener('change', () => {})", False),
    "the screen orientation's onchange": ("screen.orientation.onchange = () => {}", False),
    "a frame, the window's length replaced": ("document.body.appendChild(document.createElement('iframe'));"
                                              " window.length = 0", False),
}


def test_the_record_says_whether_the_page_has_a_way_to_answer_a_size_change(ask_record):
    """js/quiet.js's answer to the wait's "__elab-no-answer" question, each way a page can answer its size (and the
    calm rule's work that a frame would let run). A page opened without the record (a team's own page, run
    through empathy_lab.check) leaves the question unanswered: it may answer, so it is waited for."""
    deaf, unrecorded = ask_record("__elab-no-answer", {label: statement for label, (statement, _) in NO_ANSWER.items()})
    assert deaf == {label: expected for label, (_, expected) in NO_ANSWER.items()}
    assert unrecorded is False


def test_the_zoomed_shot_waits_for_a_page_layout_saw_answer(browser):
    """A page whose resize listener recolours a block 150 ms after a resize: layout sees it answer, so vision's
    200% shot (640 px) shows the block as the page left it once it had answered, not as it was a frame after."""
    import pygame

    page_html = ("<style>body{margin:0} div{height:400px;background:#d4351c}</style><div id=t></div><script>"
                 "let timer = 0; addEventListener('resize', () => { clearTimeout(timer); timer = setTimeout(() => {"
                 " t.style.background = innerWidth < 700 ? '#1d70b8' : '#d4351c' }, 150); });</script>")
    with browser.reused_page() as pages:
        page = pages.get()
        page.set_content(page_html)
        session = GatherSession(browser=browser, url="about:blank", page=page, sizer=pages,
                                params=GatherParams(vision=("blurredVision",)))
        widths = layout.gather(session)["widths"]
        shots = {s["kind"]: s["data"] for s in vision.gather(session)["shots"]}
        session.close()
    assert widths[0]["settle"]["answered"] is True
    picture = pygame.image.load(io.BytesIO(base64.b64decode(shots["zoom"])), "shot.jpg")
    r, _, b, *_ = picture.get_at((320, 200))
    assert b > 150 and r < 100, (r, b)


def test_a_page_whose_dispatch_event_lies_is_still_waited_for(browser, tmp_path):
    """A page that replaced EventTarget.prototype.dispatchEvent with one that always returns false (read as the
    answer to a cancelable event: "cancelled") and answers its size 80 ms after a resize: the wait asks the record
    through the browser's own dispatchEvent, kept before the page's scripts, so the answer is waited for."""
    html = ("<p id=p>Wide</p><script>EventTarget.prototype.dispatchEvent = function () { return false; };"
            "addEventListener('resize', () => setTimeout(() => {"
            " document.getElementById('p').textContent = 'answered ' + innerWidth; }, 80));</script>")
    state, text = _settle_on_file(browser, tmp_path, html, read="() => document.getElementById('p').textContent")
    assert text == "answered 320" and state["answered"] is True and state["frames"] >= 1, (text, state)


def test_a_frame_the_window_does_not_count_keeps_the_wait(browser, tmp_path):
    """A frame inside a declarative shadow root (no attachShadow call, and left out of the window's frame count):
    the page may answer through it, so the wait is not skipped (the session tells from Playwright's frames)."""
    html = ("<div><template shadowrootmode=open><iframe srcdoc='<p>inner'></iframe></template></div>"
            "<p>Outer</p>")
    state, _ = _settle_on_file(browser, tmp_path, html)
    assert state["frames"] >= 1, state


def test_a_lent_page_has_its_own_size_back_and_answered_when_the_check_returns(browser, tmp_path):
    """A page a team's test lends (gather_current_page) goes on being used after the check: it gets its own size
    back and the check returns once the page has answered it (a header rebuilt 150 ms after a resize), so the
    test's next step meets the page as it was, not half way through its answer."""
    from auditor.engine import gather_current_page

    html = ("<title>wide</title><p>Lent</p><script>let t = 0; addEventListener('resize', () => { clearTimeout(t);"
            " t = setTimeout(() => { document.title = innerWidth > 1000 ? 'wide' : 'narrow'; }, 150); });</script>")
    page = browser.new_page()
    try:
        (tmp_path / "lent.html").write_text(html, "utf-8")
        page.goto((tmp_path / "lent.html").as_uri())
        gathered = gather_current_page(page, [_claudia()], RunOptions(screenshots=True))
        title, size = page.evaluate("() => document.title"), page.viewport_size
    finally:
        page.context.close()
    assert gathered["status"] == "ok", gathered["error"]
    assert (title, size) == ("wide", {"width": 1280, "height": 800}), (title, size)
