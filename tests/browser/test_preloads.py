"""A worker's reused page holds axe-core's source and the gatherers' page scripts in every document from the start
(ReusedPage's preloads: auditor.browser.axe_loader, auditor.gatherers.base.preload_script), instead of sending
them with every page. The page sees nothing of them (axe-core is loaded when the audit runs it, as when it is
injected), frames and about:blank get nothing, and what they find is what the scripts sent as before find."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import auditor.browser as browser_module
from auditor.browser import ContextOptions, run_axe
from auditor.engine import RunOptions, gather_page, worker_page
from auditor.gatherers import base, dom
from auditor.gatherers.base import GatherSession
from auditor.model.persona import load_personas
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


def untimed(facts: dict) -> dict:
    return {k: v for k, v in facts.items() if k not in ("ms", "js_ms")}


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


def no_isolated_world(self, page, script, arg):
    raise AssertionError("run_js went to an isolated world: the page's own world failed")


def test_a_worker_page_runs_the_gatherers_scripts_from_its_documents_copy(browser, site, monkeypatch):
    """dom's script (34 KB) is not sent to a worker page's document: its key is; the facts are those of the script
    sent as before, and the page can neither see nor replace what holds the copy (nor reach the table of scripts
    through Object.prototype.hasOwnProperty.call, which js/pristine.js does not check)."""
    monkeypatch.setattr(GatherSession, "_isolated", no_isolated_world)
    with browser.page() as own:
        own.goto(site + "page")
        session = GatherSession(browser=browser, url=own.url, page=own)
        sent_facts = untimed(session.run_js(own, dom.SCRIPT))
        session.close()
    with worker_page(browser, RunOptions()) as pages:
        page = pages.get()
        page.goto(site + "page")
        assert page.evaluate("[typeof window.__elabRun, Object.keys(window).includes('__elabRun')]") == ["function", False]
        page.evaluate("() => { try { window.__elabRun = () => JSON.stringify({forged: true}); } catch (e) {}"
                      " Object.prototype.hasOwnProperty.call = (o, k) => { try { o[k] = () =>"
                      " JSON.stringify({forged: true}); } catch (e) {} return true; }; }")
        sent = []
        evaluate = type(page).evaluate
        monkeypatch.setattr(type(page), "evaluate", lambda self, expression, arg=None:
                            sent.append(expression) or evaluate(self, expression, arg))
        session = GatherSession(browser=browser, url=page.url, page=page)
        assert untimed(session.run_js(page, dom.SCRIPT)) == sent_facts
        session.close()
        monkeypatch.setattr(type(page), "evaluate", evaluate)
        assert sent and not any(dom.SCRIPT in expression for expression in sent)
        assert any(expression == base._RUN_PRELOADED for expression in sent)


def test_a_script_the_documents_copy_lacks_is_sent_and_a_page_of_its_own_is_not_trusted(browser, site, monkeypatch):
    """A script marked after the worker page's context was made, and a page whose own script defines the copy's
    name in a context the audit gave none: the script is sent, and it is what runs."""
    monkeypatch.setattr(GatherSession, "_isolated", no_isolated_world)
    with worker_page(browser, RunOptions()) as pages:
        page = pages.get()
        late = base.preloaded("() => ({late: document.title})")
        page.goto(site + "page")
        sent = []
        evaluate = type(page).evaluate
        monkeypatch.setattr(type(page), "evaluate", lambda self, expression, arg=None:
                            sent.append(expression) or evaluate(self, expression, arg))
        session = GatherSession(browser=browser, url=page.url, page=page)
        assert session.run_js(page, late) == {"late": "loader"}
        session.close()
        monkeypatch.setattr(type(page), "evaluate", evaluate)
        assert base._RUN_PRELOADED in sent and base.as_json(late) in sent
    with browser.page() as own:
        own.goto(site + "page")
        own.evaluate("() => { window.__elabRun = () => JSON.stringify('forged'); }")
        session = GatherSession(browser=browser, url=own.url, page=own)
        assert session.run_js(own, base.preloaded("() => document.title")) == "loader"
        session.close()


def test_an_audit_on_a_worker_page_finds_what_one_in_a_fresh_context_does(browser, site):
    personas = list(load_personas().values())
    with worker_page(browser, RunOptions()) as pages:
        reused = [gather_page(browser, site + "page", personas, RunOptions(), pages) for _ in range(2)]
    fresh = gather_page(browser, site + "page", personas, RunOptions())
    for gathered in reused:
        assert gathered["status"] == "ok", gathered["error"]
        for name in ("dom", "axtree", "layout"):
            assert gathered["artifacts"][name].get("error") is None, (name, gathered["artifacts"][name])
    assert [r["id"] for r in reused[0]["artifacts"]["axe"]["violations"]] == \
        [r["id"] for r in fresh["artifacts"]["axe"]["violations"]]
    assert untimed(reused[0]["artifacts"]["dom"]) == untimed(fresh["artifacts"]["dom"]) == \
        untimed(reused[1]["artifacts"]["dom"])
