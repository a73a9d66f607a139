"""Page time for slow personas: step pauses that pass on the page without sleeping.

Pawel, Simone and Ron take ``persona.audit.step_pause`` seconds before each step (reading, checking, a
break). Sleeping for that long would make a run take many minutes, so the page's own clock is moved on
instead, with the clock API of the page object (Playwright's ``page.clock``), measured here with
Playwright 1.65 and Debian's Chromium:

- ``page.clock.install()`` before the first navigation replaces ``Date``, ``setTimeout``, ``setInterval``
  and friends in every document of the context; without ``pause_at`` the fake time still flows with real
  time, so pages behave normally between steps;
- ``page.clock.run_for(ms)`` fires every timer due in that span at once (120 s of page time take ~30 ms);
- the fake time carries on across navigations (a new document's ``Date.now()`` continues from the old), and
  each document's timers count from when it set them, exactly as on a real visit.

So the inaccessible demo's "session expired" timer (a ``setTimeout`` of ``timeout_s`` on each page) fires
during a pause when a persona has spent that long on one page. ``wait N`` steps use the same clock.
"""

from __future__ import annotations

from typing import Any


class PageClock:
    """Moves a page's time on; ``enabled`` False means real time (the clock is left alone)."""

    def __init__(self, page: Any, enabled: bool):
        self.page = page
        self.enabled = enabled
        if enabled:
            page.clock.install()

    def pause(self, seconds: float) -> None:
        """Let ``seconds`` pass on the page (firing its timers); real sleep only when the clock is not fake."""
        if seconds <= 0:
            return
        if self.enabled:
            self.page.clock.run_for(int(seconds * 1000))
        else:
            self.page.wait_for_timeout(int(seconds * 1000))
