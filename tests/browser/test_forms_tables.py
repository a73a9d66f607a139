"""The ``dom`` gatherer's red texts, purpose fields, tables, preformatted text, frames and text blocks on
tests/fixtures/forms, and the probes over them (error_message, input_purpose, data_table, sensory_reference,
frame_title, and the ASCII art, picture-file and neighbouring-link checks): every barrier on broken.html is found, nothing on
clean.html."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.gatherers import axtree as axtree_gatherer
from auditor.gatherers import dom as dom_gatherer
from auditor.gatherers.base import GatherSession, settle
from auditor.probes import (data_table, error_message, frame_title, image_text_alternative, input_purpose,
                            link_purpose, sensory_reference)
from auditor.probes.base import AuditParams

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "forms"


@pytest.fixture(scope="module")
def gathered(browser):
    cache: dict[str, dict] = {}

    def run(name: str) -> dict:
        if name not in cache:
            url = (FIXTURES / f"{name}.html").as_uri()
            with browser.page() as page:
                page.goto(url)
                settle(page)
                session = GatherSession(browser=browser, url=url, page=page)
                cache[name] = {"dom": dom_gatherer.gather(session), "axtree": axtree_gatherer.gather(session)}
        return cache[name]

    return run


def findings(artifacts: dict) -> list[tuple[str, str, str, str]]:
    return sorted((f.rule, f.key, f.selector, f.outcome)
                  for probe in (error_message, input_purpose, data_table, sensory_reference, image_text_alternative,
                                frame_title, link_purpose)
                  for f in probe.check(artifacts, AuditParams()))


def test_the_facts_are_plain_json(gathered):
    markup = gathered("broken")["dom"]["markup"]
    assert json.loads(json.dumps(markup)) == markup
    reds = {r["selector"]: r for r in markup["errors"]["red_texts"]}
    assert set(reds) == {"#top", "#question", "#err-name"}
    assert reds["#question"]["labels_fields"] and not reds["#err-name"]["tied"]
    tables = {t["selector"]: t for t in markup["tables"]}
    assert (tables["#times"]["column_headers"], tables["#times"]["row_headers"], tables["#times"]["scoped"]) == \
        (True, True, False)
    assert tables["#inner"]["inside_data_table"] and tables["#costs"]["nested_tables"] == 1
    assert (tables["#answers"]["rows"], tables["#answers"]["cols"], tables["#answers"]["headers"]) == (3, 3, 0)


def test_every_barrier_on_the_broken_page_is_found(gathered):
    assert findings(gathered("broken")) == [
        ("data_table", "nested", "#inner", "review"),
        ("data_table", "no-headers", "#answers", "review"),
        ("data_table", "two-way", "#times", "review"),
        ("error_message", "colour-only", "#question", "review"),
        ("error_message", "not-tied", "#err-name", "review"),
        ("error_message", "not-tied", "#top", "review"),
        ("frame_title", "", "#social", "review"),
        ("image_text_alternative", "ascii-art", "#art", "review"),
        ("input_purpose", "", "#email", "review"),
        ("input_purpose", "", "#name", "review"),
        ("link_purpose", "adjacent", "#panda-img", "review"),
        ("link_purpose", "image-file", "#bat", "review"),
        ("sensory_reference", "", "#send", "review"),
    ]


def test_nothing_on_the_clean_page(gathered):
    assert findings(gathered("clean")) == []
