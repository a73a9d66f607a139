"""The ``dom`` gatherer's ``markup`` facts and the ``tabwalk`` gatherer's ``activation`` entries on the fixture
pages in tests/fixtures/structure (served over HTTP so the page source can be read back), and the structure
probes over them: every barrier on broken.html is found, nothing on clean.html."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor.gatherers import dom as dom_gatherer
from auditor.gatherers import tabwalk
from auditor.gatherers.base import GatherSession, settle
from auditor.probes import (abbreviation, colour_meaning, error_identification, field_format, form_group,
                            generated_content, hidden_content, image_text_alternative, keyboard_activation, language,
                            link_appearance, link_destination, markup)
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "structure"
DOM_PROBES = (abbreviation, colour_meaning, error_identification, field_format, form_group, generated_content,
              hidden_content, link_appearance, markup)
WALK_PROBES = (keyboard_activation, link_destination)


@pytest.fixture(scope="module")
def gathered(browser, serve_directory) -> Iterator:
    cache: dict[str, dict] = {}

    def run(name: str) -> dict:
        if name not in cache:
            url = f"{root}{name}.html"
            with browser.page() as page:
                page.goto(url)
                settle(page)
                session = GatherSession(browser=browser, url=url, page=page)
                cache[name] = {"dom": dom_gatherer.gather(session), "tabwalk": tabwalk.gather(session),
                               "axtree": {"images": []}}
        return cache[name]

    with serve_directory(FIXTURES) as root:
        yield run


def findings(artifacts: dict) -> list[tuple[str, str, str]]:
    out = []
    for probe in DOM_PROBES + WALK_PROBES + (language, image_text_alternative):
        out += [(f.rule, f.key, f.outcome) for f in probe.check(artifacts, AuditParams())]
    return sorted(out)


def test_markup_facts_are_plain_json_without_the_source(gathered):
    art = gathered("broken")["dom"]["markup"]
    assert json.loads(json.dumps(art)) == art
    assert art["source_read"] and "source" not in art and "body_text" not in art
    assert art["stray_end_tags"] == [{"tag": "span", "line": 19}]
    assert [d["id"] for d in art["duplicate_ids"]] == ["box"]
    assert [g["content"] for g in art["generated"]] == ["Closed on Sundays"]


def test_activation_records_listeners_and_hrefs(gathered):
    act = {a["name"]: a for a in gathered("broken")["tabwalk"]["activation"]}
    assert act["Continue"]["explicit_role"] == "button" and act["Continue"]["key"] == ""
    assert act["Open the map"]["href"] == "#" and act["Open the map"]["click"] == ""
    assert act["Opening times"]["native"] is False and act["Opening times"]["tabindex"] == "0"


def test_every_barrier_on_the_broken_page_is_found(gathered):
    rules = {rule for rule, _, outcome in findings(gathered("broken")) if outcome == "fail"}
    assert rules == {"abbreviation", "colour_meaning", "error_identification", "field_format", "form_group",
                     "generated_content", "hidden_content", "link_appearance", "markup", "keyboard_activation",
                     "link_destination", "language", "image_text_alternative"}
    keys = {key for _, key, _ in findings(gathered("broken"))}
    assert {"link-as-button", "inert-stop", "hash", "javascript", "direction", "titled-decoration",
            "ungrouped", "duplicate-id", "stray-end-tag"} <= keys


def test_nothing_on_the_clean_page(gathered):
    assert findings(gathered("clean")) == []


def test_listeners_the_page_put_on_the_window_are_heard(gathered):
    """The page's own script listening on the window (asked of its world: an isolated world's window lists
    none of them) works the stops below it: the button has keys, the link a click listener, page-wide."""
    act = {a["name"]: a for a in gathered("window_listeners")["tabwalk"]["activation"]}
    assert act["Show more options"]["click"] == "self" and act["Show more options"]["key"] == "page"
    assert act["Open the map"]["click"] == "page"
    assert not [f for f in findings(gathered("window_listeners")) if f[0] == "keyboard_activation"]
