"""Golden transcripts: what a screen reader says on every page of the bundled demo service, both versions.

Each page is reached as a visitor reaches it (earlier answers POSTed in the same browser context), its
accessibility tree is read by the ``axtree`` gatherer, and the transcript (auditor.model.phrasing, one
phrase a line) is compared with ``tests/golden/transcripts/VERSION-PAGE.txt``. The kiosk speaks the same
phrases, so a change here is a change in what Ashleigh hears.

After a deliberate change to the phrasing or to the demo pages, regenerate and READ the files::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/browser/test_transcripts.py
    git diff tests/golden/transcripts/
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from auditor.gatherers import axtree
from auditor.gatherers.base import GatherSession

pytestmark = pytest.mark.browser

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "transcripts"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

ANSWERS = [
    ("postcode", {"postcode": "E8 1DY"}),
    ("address", {"address": "14 Mare Street, London, E8 1DY"}),
    ("missed", {"bin": "garden", "details": "out-by-7am"}),
    ("date", {"date-day": "3", "date-month": "3", "date-year": "2025"}),
    ("contact", {"name": "Sam Jones", "email": "sam@example.com", "phone": ""}),
]
FORMS = [name for name, _ in ANSWERS]
JOURNEY = ["start", *FORMS, "check", "confirmation"]
PAGES = [("accessible", p) for p in JOURNEY] + [("inaccessible", p) for p in [*JOURNEY, "session-expired"]]
# Things that change from run to run, and what they become in the golden files.
VOLATILE = [(re.compile(r"\bMB-[A-Z0-9]{6}\b"), "MB-XXXXXX")]


def reach(page, base: str, version: str, name: str) -> None:
    """Answer the questions before ``name`` in this context's session, then open it."""
    root = f"{base}{version}"
    upto = len(FORMS) if name in ("check", "confirmation") else (FORMS.index(name) if name in FORMS else 0)
    for form_page, form in ANSWERS[:upto]:
        page.request.post(f"{root}/{form_page}", form=form, max_redirects=0)
    if name == "confirmation":
        page.request.post(f"{root}/check", form={}, max_redirects=0)
    page.goto(f"{root}/{name}")
    assert page.url == f"{root}/{name}", f"{version}/{name} redirected to {page.url}"


def heard(browser, base: str, version: str, name: str) -> list[str]:
    with browser.page() as page:
        reach(page, base, version, name)
        artifact = axtree.gather(GatherSession(browser=browser, url=page.url, page=page))
    lines = []
    for phrase in artifact["transcript"]:
        for pattern, stand_in in VOLATILE:
            phrase = pattern.sub(stand_in, phrase)
        lines.append(" ".join(phrase.split()))
    return lines


@pytest.mark.parametrize("version,name", PAGES, ids=[f"{v}-{p}" for v, p in PAGES])
def test_transcript_matches_the_golden_file(browser, demo_server, version, name):
    lines = heard(browser, demo_server.url, version, name)
    assert lines and all(lines), "a transcript has no blank phrases"
    path = GOLDEN / f"{version}-{name}.txt"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.is_file(), f"no golden transcript {path}; run with UPDATE_GOLDEN=1 and read what it wrote"
    assert lines == path.read_text(encoding="utf-8").splitlines()


def test_every_demo_page_has_a_golden_file():
    """No stale goldens for pages that no longer exist."""
    expected = {f"{v}-{p}.txt" for v, p in PAGES}
    assert {p.name for p in GOLDEN.glob("*.txt")} == expected
