"""GatherSession.note_tampered keeps what another gatherer's evaluation found about the page's built-ins only for
the document that evaluation saw: a page that moved on meanwhile is asked afresh by run_js."""

from __future__ import annotations

from auditor.gatherers.base import GatherSession


class Page:
    def __init__(self, url: str):
        self.url = url


def test_the_check_is_kept_for_the_document_the_evaluation_saw():
    page = Page("https://council.example/bins")
    session = GatherSession(browser=None, url=page.url, page=page)
    session.note_tampered(page, True, "https://council.example/bins")
    assert session._tamper_checked == {(id(page), "https://council.example/bins"): True}


def test_a_page_that_moved_on_since_the_evaluation_is_asked_afresh():
    page = Page("https://council.example/signed-in")
    session = GatherSession(browser=None, url=page.url, page=page)
    session.note_tampered(page, False, "https://council.example/bins")   # read before the page moved on
    session.note_tampered(page, False, None)                               # the evaluation said nothing
    assert session._tamper_checked == {}
