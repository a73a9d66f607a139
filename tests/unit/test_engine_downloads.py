"""An answer the browser downloads instead of showing (a PDF in the headless shell, which has no viewer; anything
sent as an attachment) is said as what it is, not in Playwright's words ("Download is starting"). No browser: a
fake page plays Playwright's part (the main document's answer as a ``response`` event, then goto failing)."""

from __future__ import annotations

from types import SimpleNamespace

from auditor import engine
import pytest

from auditor.browser import BrowserError, BrowserTimeout

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


class LoadingPage:
    """wait_for_load_state times out until ``loads_after`` calls (never, with None); the document is complete."""

    def __init__(self, loads_after=None, state="complete"):
        self.calls, self.loads_after, self.state = 0, loads_after, state

    def wait_for_load_state(self, what, timeout):
        self.calls += 1
        assert what == "load" and 1 <= timeout <= engine.LOAD_STEP_MS
        if self.loads_after is not None and self.calls >= self.loads_after:
            return
        raise BrowserTimeout(f"Timeout {timeout}ms exceeded.")

    def evaluate(self, expression):
        assert expression == "document.readyState"
        return self.state


def test_a_page_that_started_a_download_is_checked_once_its_document_is_complete(monkeypatch):
    page = LoadingPage()                      # Playwright's load never comes: the navigation became a download
    engine._until_loaded(page, 5000, downloads=["a download"])
    assert page.calls == 1
    page = LoadingPage(loads_after=3)         # no download: the load is waited for, a step at a time
    engine._until_loaded(page, 5000, downloads=[])
    assert page.calls == 3


def test_without_a_download_or_a_complete_document_the_wait_times_out(monkeypatch):
    clock = iter(range(0, 10_000, 1))
    monkeypatch.setattr(engine.time, "monotonic", lambda: next(clock) / 10)   # 100 ms a look
    with pytest.raises(BrowserTimeout):
        engine._until_loaded(LoadingPage(), 1000, downloads=[])
    with pytest.raises(BrowserTimeout):
        engine._until_loaded(LoadingPage(state="interactive"), 1000, downloads=["a download"])
