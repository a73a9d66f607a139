"""The page-script gatherers (dom, axtree, layout's script) on a page that replaced the built-ins they use
(tests/hostile/pages/overrides.html: Array.prototype, JSON, Promise, querySelectorAll...): they must gather
exactly what they gather from the same page without that script, not fail and not return quiet nonsense."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.gatherers import axtree, dom
from auditor.gatherers.base import GatherParams, GatherSession, settle

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).resolve().parent.parent / "hostile" / "pages" / "overrides.html"
TIMING = {"ms", "js_ms"}


def gathered(browser, path: Path) -> tuple[dict, GatherSession]:
    url = path.as_uri()
    page = browser.new_page()
    session = GatherSession(browser=browser, url=url, page=page, params=GatherParams())
    try:
        page.goto(url)
        settle(page)
        out = {g.NAME: g.gather(session) for g in (dom, axtree)}
        out["tampered"] = session._tampered(page)
        return out, session
    finally:
        session.close()
        page.context.close()


@pytest.fixture(scope="module")
def both(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("overrides")
    text = HOSTILE.read_text("utf-8")
    assert "Array.prototype.map = function () { return []; };" in text
    (folder / "hostile.html").write_text(text, "utf-8")
    (folder / "plain.html").write_text(re.sub(r"<script>.*?</script>", "", text, flags=re.S), "utf-8")
    return gathered(browser, folder / "hostile.html")[0], gathered(browser, folder / "plain.html")[0]


def test_the_overridden_page_is_seen_as_such_and_a_plain_one_is_not(both):
    hostile, plain = both
    assert hostile["tampered"] is True and plain["tampered"] is False


def test_dom_facts_are_those_of_the_page_without_the_overrides(both):
    hostile, plain = both
    assert "error" not in hostile["dom"]
    assert {k: v for k, v in hostile["dom"].items() if k not in TIMING} == \
        {k: v for k, v in plain["dom"].items() if k not in TIMING}
    assert hostile["dom"]["lang"]["html"] == "en" and hostile["dom"]["title"] == "Built-ins overridden"


def test_axtree_is_that_of_the_page_without_the_overrides(both):
    hostile, plain = both

    def same(nodes):  # the URL and Chromium's node ids differ between the two files
        return [{k: v for k, v in n.items() if k not in ("url", "backend_id")} for n in nodes]

    assert same(hostile["axtree"]["nodes"]) == same(plain["axtree"]["nodes"])
    assert hostile["axtree"]["transcript"] == plain["axtree"]["transcript"]
    assert hostile["axtree"]["counts"]["resolved"] == plain["axtree"]["counts"]["resolved"] > 0
    assert [i["selector"] for i in hostile["axtree"]["images"]] == ["html > body > main > img"]


def test_a_page_whose_script_breaks_in_its_own_world_still_gets_an_answer(browser):
    """A break the check cannot see (a getter that throws) still falls back to the isolated world."""
    page = browser.new_page()
    session = GatherSession(browser=browser, url="about:blank", page=page, params=GatherParams())
    try:
        page.set_content("<h1>Hi</h1><script>Object.defineProperty(window, 'boom', {get() { throw new Error('x'); }});"
                         "</script>")
        assert session.run_js(page, "() => document.querySelector('h1').textContent") == "Hi"
        assert session.run_js(page, "() => window.boom") is None   # the page's own globals are not reached
    finally:
        session.close()
        page.context.close()


def _axe_on(browser, html: str) -> tuple[dict, dict]:
    """The axe gatherer's artifact on a page of ``html``, and what the session knew of the page's built-ins."""
    from auditor.gatherers import axe as axe_gatherer

    page = browser.new_page()
    session = GatherSession(browser=browser, url="about:blank", page=page, params=GatherParams())
    try:
        page.set_content(html)
        settle(page)
        artifact = axe_gatherer.gather(session)
        return artifact, dict(session._tamper_checked)
    finally:
        session.close()
        page.context.close()


def _elements(artifact: dict) -> list[tuple[str, str, str | None]]:
    return [(rule["id"], node["target"][0], node.get("element")) for part in ("violations", "incomplete")
            for rule in artifact[part] for node in rule["nodes"]]


_NAMED = ("<main><h1>Names</h1><img id='pic' src='/pixel.png'><div><img src='/other.png'></div>"
          "<input type='text'><a href='#'></a></main>")


def test_axe_names_its_elements_in_its_own_run_and_checks_the_built_ins_there(browser):
    """The names read in axe's evaluation are those the separate read gives, and the check of the page's built-ins
    made there is kept for the other page scripts."""
    from auditor.gatherers import axe as axe_gatherer

    artifact, checked = _axe_on(browser, _NAMED)
    assert list(checked.values()) == [False]          # the page's built-ins are the browser's: known, not asked again
    named = _elements(artifact)
    assert ("image-alt", "#pic", "#pic") in named
    assert sum(1 for _, _, element in named if element) >= 3
    for part in ("violations", "incomplete"):          # the separate read (the way a page that broke them goes)
        for rule in artifact[part]:
            for node in rule["nodes"]:
                node.pop("element", None)
    page = browser.new_page()
    session = GatherSession(browser=browser, url="about:blank", page=page, params=GatherParams())
    try:
        page.set_content(_NAMED)
        axe_gatherer._name_elements(session, artifact)
    finally:
        session.close()
        page.context.close()
    assert _elements(artifact) == named


def test_axe_names_elements_where_the_page_broke_the_lookups_it_leaves_axe(browser):
    """A page that replaced document.querySelector (axe runs in its world all the same): the names come from an
    isolated world, not from the page's lookup (which would find nothing: no name at all)."""
    broken = _NAMED + "<script>document.querySelector = function () { return null; };</script>"
    artifact, checked = _axe_on(browser, broken)
    assert list(checked.values()) == [True]
    assert ("image-alt", "#pic", "#pic") in _elements(artifact)
    assert _elements(artifact) == _elements(_axe_on(browser, _NAMED)[0])
