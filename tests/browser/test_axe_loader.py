"""axe-core on a worker's reused page: its context holds axe-core's source once (auditor.browser.axe_loader), each
document loads it from there when the audit runs it, instead of 572 KB sent with every page. The page sees
nothing of it before the audit, frames and about:blank get nothing, and the findings are those of axe-core
injected as on any other page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import auditor.browser as browser_module
from auditor.browser import run_axe
from benchmarks.sized_pages import serve_pages

pytestmark = pytest.mark.browser

# Some failures axe-core finds (an image without alt text, a field without a label, an empty link), what the
# page's own script saw of axe-core as it ran (before any audit), and a same-origin frame.
PAGE = """<!doctype html><html lang="en"><head><title>loader</title></head><body><main><h1>Loader</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40"><input type="text"><a href="/x"></a>
<iframe src="/frame" title="a frame"></iframe></main><script>
window.seen = {axe: typeof window.axe, loader: typeof window.__elabAxeLoad,
               listed: Object.keys(window).includes("__elabAxeLoad")};
try { window.__elabAxeLoad = () => ({run: () => Promise.resolve({violations: []})}); } catch (e) {}
</script></body></html>"""

FRAME = """<!doctype html><html lang="en"><head><title>frame</title></head><body><p>In a frame</p><script>
window.seen = {loader: typeof window.__elabAxeLoad};</script></body></html>"""

# A page with an `axe` of its own (a site that ships an old axe-core, or anything called axe): the audit's
# axe-core is still the one that runs.
OWN_AXE = """<!doctype html><html lang="en"><head><title>own axe</title></head><body><main><h1>Own</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40"></main><script>
window.axe = {run: () => Promise.resolve({violations: [], incomplete: [], passes: [], inapplicable: []})};
</script></body></html>"""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd, base = serve_pages(lambda path: FRAME if path.startswith("/frame") else
                              OWN_AXE if path.startswith("/own") else PAGE)
    yield base
    httpd.shutdown()


def found(result: dict) -> list[tuple[str, list]]:
    return sorted((rule["id"], sorted(str(node["target"]) for node in rule["nodes"]))
                  for rule in result["violations"])


def no_injection(page, cdp=None):
    raise AssertionError("axe-core was injected: the context's copy of its source was not used")


def test_a_reused_page_runs_axe_core_from_its_context_with_the_findings_of_an_injected_one(browser, site,
                                                                                           monkeypatch):
    with browser.page() as own:
        own.goto(site + "page")
        injected = run_axe(own)
    assert {"image-alt", "label", "link-name"} <= {rule for rule, _ in found(injected)}
    monkeypatch.setattr(browser_module, "_inject_axe", no_injection)
    with browser.reused_page(max_uses=1) as pages:
        for _ in range(2):   # (the second page is in a context of its own: max_uses 1)
            page = pages.get()
            page.goto(site + "page")
            assert page.evaluate("window.seen") == {"axe": "undefined", "loader": "function", "listed": False}
            assert found(run_axe(page)) == found(injected)
            assert page.evaluate("typeof window.axe") == "object"   # loaded when run, as when injected
            frame = next(f for f in page.frames if f.url.endswith("/frame"))
            assert frame.evaluate("window.seen") == {"loader": "undefined"}
            pages.release()
        assert pages.fresh_pages == 2
    with browser.reused_page() as pages:
        page = pages.get()
        page.goto(site + "page")
        pages.release()   # (cleared at about:blank for the next URL)
        assert page.url == "about:blank" and page.evaluate("typeof window.__elabAxeLoad") == "undefined"


def test_a_page_with_an_axe_of_its_own_is_checked_with_the_audits(browser, site):
    with browser.reused_page() as pages:
        page = pages.get()
        page.goto(site + "own")
        assert [rule for rule, _ in found(run_axe(page))] == ["image-alt"]
    with browser.page() as own:
        own.goto(site + "own")
        assert [rule for rule, _ in found(run_axe(own))] == ["image-alt"]


def test_a_page_without_the_copy_gets_axe_core_injected(browser, site, monkeypatch):
    """A team's own page (empathy_lab.check), a context of its own: axe-core goes in with the page, as before."""
    calls = []
    inject = browser_module._inject_axe
    monkeypatch.setattr(browser_module, "_inject_axe", lambda page, cdp=None: calls.append(1) or inject(page, cdp))
    with browser.page() as own:
        own.goto(site + "page")
        assert "image-alt" in {rule for rule, _ in found(run_axe(own))}
    assert calls == [1]
