"""The auditor runs headless pages in Chromium's headless shell where the machine has one, and in the full
Chromium otherwise (auditor.browser.find_browser): both must give the same findings and verdicts. The demo's
inaccessible pages, every persona, in each browser (about 20 s on 2 cores)."""

from __future__ import annotations

import os

import pytest

from auditor.browser import HEADLESS_SHELLS, Browser
from auditor.demo import PAGES
from auditor.engine import RunOptions, context_options, gather_page, in_own_thread
from auditor.judging import page_result
from auditor.model.persona import load_personas

pytestmark = pytest.mark.browser

SHELL = next((path for path in HEADLESS_SHELLS if os.access(path, os.X_OK)), None)
# (the choice is Empathy Lab's only with the system's browsers: an explicit browser is used for everything, and
# Playwright's own Chromium runs every headless page in Playwright's own shell)
CHOOSES = SHELL is not None and not os.environ.get("EMPATHY_LAB_BROWSER")


def audited(browser: Browser, urls: list[str]) -> dict[str, dict]:
    personas = list(load_personas().values())
    options = RunOptions()
    out = {}
    with browser.reused_page(context_options(options)) as pages:
        for url in urls:
            result = page_result(gather_page(browser, url, personas, options, pages), personas)
            out[url] = {"status": result["status"], "error": result["error"], "verdicts": result["verdicts"],
                        "findings": sorted((f["rule"], f.get("outcome"), str(f.get("selector") or f.get("element")),
                                            tuple(sorted(f.get("who") or []))) for f in result["findings"])}
    return out


@pytest.mark.skipif(not CHOOSES, reason="no headless shell and system Chromium to choose between here (make setup "
                                        "installs Debian's; EMPATHY_LAB_BROWSER or Playwright's own Chromium decides)")
def test_the_shell_and_the_full_browser_find_the_same(demo_server):
    urls = [f"{demo_server.url}inaccessible/{name}" for name in PAGES[:4]] + [f"{demo_server.url}accessible/start"]
    runs = {}

    def run() -> None:
        for shell in (True, False):
            with Browser(shell=shell) as browser:
                if browser.executable is None:
                    pytest.skip("Playwright's own Chromium: Playwright runs headless pages in its own shell")
                assert browser.executable.endswith("headless-shell") == shell, browser.executable
                runs[shell] = audited(browser, urls)

    in_own_thread(run)
    assert all(page["status"] == "ok" for page in runs[True].values()), runs[True]
    assert sum(len(page["findings"]) for page in runs[True].values()) > 20     # the inaccessible pages fail
    assert runs[True] == runs[False]
