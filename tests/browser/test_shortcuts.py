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
