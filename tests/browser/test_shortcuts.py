"""Browser test for the ``shortcuts`` gatherer (js/shortcuts.js) and the ``key_shortcuts`` probe on small
fixture pages (tests/fixtures/shortcuts): which printable keys pressed with nothing focused change the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.gatherers import shortcuts
from auditor.gatherers.base import GatherParams, GatherSession, settle
from auditor.probes import key_shortcuts
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "shortcuts"


def gather(browser, name: str) -> dict:
    url = (FIXTURES / f"{name}.html").as_uri()
    page = browser.new_page()
    try:
        page.goto(url)
        settle(page)
        return shortcuts.gather(GatherSession(browser=browser, url=url, page=page, params=GatherParams()))
    finally:
        page.context.close()


def test_single_key_shortcuts_on_the_document_are_found_and_fail(browser):
    art = gather(browser, "search_slash")
    assert art["listening"] == ["document"] and art["tested"] and not art["any_key"]
    found = {s["key"]: s for s in art["shortcuts"]}
    assert set(found) == {"/", "?"}
    assert found["/"]["focus"]["selector"] == "#q"                  # "/" moved focus into the search field
    assert [c["attribute"] for c in found["?"]["changes"]] == ["hidden"]
    assert art["keys_pressed"] == len(shortcuts.KEYS)             # the keys held back after "/" were pressed again
    [finding] = key_shortcuts.check({"shortcuts": art}, AuditParams())
    assert finding.outcome == "fail"


def test_a_visible_setting_that_turns_the_shortcut_off_is_found(browser):
    art = gather(browser, "shortcuts_setting")
    [found] = art["shortcuts"]
    assert found["key"] == "n" and found["off_by"]["selector"] == "#off" and found["off_by"]["visible"]
    # toggles named as the accessible name has it (aria-labelledby before aria-label)
    assert [t["name"] for t in art["toggles"]] == ["Turn off one-key shortcuts", "Keyboard shortcuts"]
    assert key_shortcuts.check({"shortcuts": art}, AuditParams()) == []


def test_a_clock_escape_a_field_of_its_own_and_marking_keyboard_use_are_not_shortcuts(browser):
    art = gather(browser, "no_shortcuts")
    assert art["tested"] and art["shortcuts"] == [] and not art["any_key"]
    assert key_shortcuts.check({"shortcuts": art}, AuditParams()) == []


def _listening_after(browser, html: str, meanwhile: str) -> tuple[list[str], list[str]]:
    """Who hears keys on a page of ``html`` as the gatherer finds it after ``prepare`` took the page's objects and
    ``meanwhile`` (page script) ran, and as a fresh look (two round trips, no ``prepare``) finds it."""
    page = browser.new_page()
    session = GatherSession(browser=browser, url="about:blank", page=page, params=GatherParams())
    try:
        page.set_content(html)
        shortcuts.prepare(session)
        session.prepared[shortcuts.NAME].answers()   # (taken before ``meanwhile``: they go on another CDP session)
        page.evaluate(meanwhile)
        cdp = session.cdp()
        found = shortcuts._prepared_listening(session, cdp)
        return found, shortcuts.listening(cdp, browser.send_many)
    finally:
        session.close()
        page.context.close()


def test_the_listeners_are_read_when_the_gatherer_runs_through_the_objects_prepare_took(browser):
    """``prepare`` takes the window, document, root and body early; their listeners are read at the gatherer's
    time, and a body or root the page replaced since is not read in place of the page's own (an unchecked
    version would report the old body's listener here)."""
    later = "() => document.addEventListener('keyup', () => {})"
    assert _listening_after(browser, "<p>Hi</p>", later) == (["document"], ["document"])
    on_body = "<body><p>Hi</p><script>document.body.addEventListener('keydown', () => {});</script></body>"
    assert _listening_after(browser, on_body, "() => 1") == (["body"], ["body"])
    replaced = "() => { document.body = document.createElement('body'); }"
    assert _listening_after(browser, on_body, replaced) == (None, [])
    root = "() => document.replaceChild(document.createElement('html'), document.documentElement)"
    assert _listening_after(browser, on_body, root)[0] is None


@pytest.mark.parametrize("listening", [True, False], ids=["keys heard", "nothing hears keys"])
def test_keys_are_pressed_at_the_pages_own_size_whatever_size_the_last_gatherer_left(browser, listening):
    """Shortcuts sets its own viewport (OWN_VIEWPORT): after layout's and vision's narrow sizes, a page that hears
    keys has its own size back before the first key (what a key does may depend on the size); a page nothing
    hears keys on is left at the size it was given (no relayout: the clearing puts the size back at about:blank)."""
    html = ("<p id=p>Keys</p><script>window.widths = [];"
            + ("document.addEventListener('keydown', (e) => { widths.push(innerWidth);"
               " if (e.key === 'k') document.getElementById('p').textContent = 'pressed k'; });" if listening else "")
            + "</script>")
    with browser.reused_page() as pages:
        page = pages.get()
        page.set_content(html)
        session = GatherSession(browser=browser, url="about:blank", page=page, params=GatherParams(), sizer=pages)
        session.set_viewport({"width": 320, "height": 800})
        art = shortcuts.gather(session)
        widths = page.evaluate("() => [...new Set(window.widths)]")
        size = session.viewport()
        session.close()
    assert shortcuts.OWN_VIEWPORT is True
    if listening:
        assert [s["key"] for s in art["shortcuts"]] == ["k"] and widths == [1280], (art, widths)
        assert size == session.base_viewport()
    else:
        assert art["tested"] is False and widths == [] and size == {"width": 320, "height": 800}, (art, size)


def test_keys_wait_for_the_pages_answer_to_its_own_size(browser):
    """A header that rebuilds itself 150 ms after a resize: when shortcuts puts the page's own size back, the keys
    are pressed once that answer is done (the first key sees it), not while it is still to come."""
    html = ("<p id=p>Keys</p><nav id=n>narrow</nav><script>window.seen = null; let t = 0;"
            "addEventListener('resize', () => { clearTimeout(t); t = setTimeout(() => {"
            " document.getElementById('n').textContent = innerWidth > 1000 ? 'wide' : 'narrow'; }, 150); });"
            "document.addEventListener('keydown', (e) => { if (window.seen === null)"
            " window.seen = document.getElementById('n').textContent;"
            " if (e.key === 'k') document.getElementById('p').textContent = 'pressed k'; });</script>")
    with browser.reused_page() as pages:
        page = pages.get()
        page.set_content(html)
        session = GatherSession(browser=browser, url="about:blank", page=page, params=GatherParams(), sizer=pages)
        session.set_viewport({"width": 320, "height": 800})
        page.wait_for_timeout(300)   # (the narrow answer done)
        art = shortcuts.gather(session)
        seen = page.evaluate("() => window.seen")
        session.close()
    assert seen == "wide" and [s["key"] for s in art["shortcuts"]] == ["k"], (seen, art)
