"""Fixtures for browser tests: one headless Chromium per test session, and the bundled demo service."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from auditor.browser import Browser
from auditor.demo import DemoServer


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per test module (auditor.browser finds Debian's or Playwright's own).

    Playwright's sync API allows one running instance per thread: a module-wide browser is stopped before
    other modules (kiosk tests, CLI tests) start their own in the same thread."""
    with Browser() as running:
        yield running


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServer]:
    """The demo council service on a free local port; ``demo_server.url`` ends with '/'.

    The inaccessible version's session timeout is the default (120 s), far longer than any test.
    """
    with DemoServer() as server:
        yield server


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def _serve(directory: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def serve_directory():
    """``with serve_directory(path) as url``: static files of a folder on a free local port (url ends with '/')."""
    return _serve


@pytest.fixture
def ask_record(browser):
    """``ask_record(event, {label: statement})``: the answer of the browser layer's init script (js/quiet.js) to a
    cancelable ``event`` dispatched on the window after each statement, each in a fresh document (a fixture page
    loaded, as pages are): ``({label: cancelled}, what a page opened without the record answers)``."""
    fixture = (Path(__file__).resolve().parent.parent / "fixtures" / "keyboard" / "clean.html").as_uri()

    def ask(event: str, statements: dict[str, str]) -> tuple[dict[str, bool], bool]:
        question = f"!window.dispatchEvent(new Event('{event}', {{ cancelable: true }}))"
        answers = {}
        page = browser.new_page()
        try:
            for label, statement in statements.items():
                page.goto(fixture)
                answers[label] = page.evaluate(f"async () => {{ {statement}; return {question}; }}")
        finally:
            page.context.close()
        bare = browser._browser.new_context()   # (Playwright's own context: no init script)
        try:
            other = bare.new_page()
            other.goto(fixture)
            unrecorded = other.evaluate(question)
        finally:
            bare.close()
        return answers, unrecorded

    return ask
