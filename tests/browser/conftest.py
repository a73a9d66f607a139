"""Fixtures for browser tests: one headless Chromium per test session, and the bundled demo service."""

from __future__ import annotations

from collections.abc import Iterator

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
