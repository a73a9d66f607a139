"""An answer the browser downloads instead of showing (a PDF in the headless shell, which has no viewer; anything
sent as an attachment) is said as what it is, not in Playwright's words ("Download is starting"). No browser: a
fake page plays Playwright's part (the main document's answer as a ``response`` event, then goto failing)."""

from __future__ import annotations

from types import SimpleNamespace

from auditor import engine
from auditor.browser import BrowserError

MAIN = object()


def answer(status=200, ctype="application/pdf", frame=MAIN, navigation=True):
    request = SimpleNamespace(is_navigation_request=lambda: navigation)
    return SimpleNamespace(status=status, status_text="", headers={"content-type": ctype} if ctype else {},
                           request=request, frame=frame)


class DownloadingPage:
    """goto emits ``answers`` to the response listeners, then fails as Playwright does for a download."""

    def __init__(self, answers):
        self.main_frame = MAIN
        self.answers = answers
        self.listeners: dict[str, list] = {}
        self.context = SimpleNamespace(add_cookies=lambda cookies: None)

    def on(self, event, fn):
        self.listeners.setdefault(event, []).append(fn)

    def remove_listener(self, event, fn):
        self.listeners[event].remove(fn)

    def goto(self, url, **kwargs):
        for response in self.answers:
            for fn in list(self.listeners.get("response", [])):
                fn(response)
        raise BrowserError("Page.goto: Download is starting")


def gathered(answers) -> tuple[dict, DownloadingPage]:
    page = DownloadingPage(answers)
    released = []
    pages = SimpleNamespace(get=lambda: page, release=lambda reusable: released.append(reusable))
    result = {"url": "http://x/", "status": "ok", "error": None, "title": "", "artifacts": {}, "timings": {}}
    engine._gather_into(result, None, "http://x/", set(), None, None, engine.RunOptions(), pending=[],
                        navigations=[0], pages=pages)
    assert released == [False]                   # a page that went wrong takes its context with it
    return result, page


def test_a_downloaded_answer_is_said_by_its_type():
    result, page = gathered([answer(ctype="application/pdf; charset=binary")])
    assert (result["status"], result["error"]) == ("error", "not a web page (application/pdf)")
    assert page.listeners["response"] == []      # listened to for the goto only


def test_a_page_type_sent_as_a_download_is_said_so():
    result, _ = gathered([answer(ctype="text/html; charset=utf-8")])
    assert result["error"] == "not a web page: the server sends it as a download (text/html)"
    result, _ = gathered([answer(ctype="")])
    assert result["error"] == "not a web page: the server sends it as a download (no content type)"


def test_the_last_answer_of_the_main_document_counts_and_others_do_not():
    redirect_then_pdf = [answer(status=302, ctype="text/html"), answer(ctype="application/zip"),
                         answer(ctype="text/css", frame=object()), answer(ctype="image/png", navigation=False)]
    result, _ = gathered(redirect_then_pdf)
    assert result["error"] == "not a web page (application/zip)"


def test_an_http_error_is_said_first_and_an_unseen_answer_plainly():
    result, _ = gathered([answer(status=404, ctype="application/pdf")])
    assert result["error"] == "HTTP 404"
    result, _ = gathered([])
    assert result["error"] == "not a web page: the browser downloads it"
