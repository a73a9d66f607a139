"""empathy_lab.check runs the gatherers on a page someone else opened, through auditor.browser.LentBrowser:
it must offer every browser method the gatherers call (a new one on Browser alone left the Tab walk failing
on lent pages)."""

from __future__ import annotations

import re
from pathlib import Path

import auditor.browser as browser_module

GATHERERS = Path(browser_module.__file__).with_name("gatherers")


def test_lent_browser_offers_what_the_gatherers_use():
    used = set()
    for source in GATHERERS.glob("*.py"):
        used |= set(re.findall(r"(?:session|self)\.browser\.(\w+)", source.read_text("utf-8")))
    assert {"cdp", "send_many", "new_page"} <= used
    missing = sorted(name for name in used if not callable(getattr(browser_module.LentBrowser, name, None)))
    assert missing == []
