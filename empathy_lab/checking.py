"""``empathy_lab.check``: audit a page someone else's Playwright code opened, where it stands.

The run's checks are collected in ``RUN`` (the pytest plugin sets its threshold and report folder and writes
the report when the session ends)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

FORMATS = ("html", "json", "md", "junit", "sarif")


class AccessibilityFailure(AssertionError):
    """A check found failures at or above the threshold; the message holds the personas' sentences."""


@dataclass
class Run:
    """Every check of a test run, for one report."""
    fail_on: str = "serious"
    fail_on_review: bool = False
    report_dir: Path | None = None
    personas_dir: str | None = None
    current: str = ""                        # the test running now (set by the pytest plugin)
    pages: list[dict[str, Any]] = field(default_factory=list)
    personas: dict[str, Any] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)     # the report's files, once written

    def configure(self, fail_on: str = "serious", fail_on_review: bool = False, report_dir: Path | None = None,
                  personas_dir: str | None = None) -> None:
        """A new run: settings from the command line, nothing checked yet."""
        self.__init__(fail_on=fail_on, fail_on_review=fail_on_review, report_dir=report_dir,
                      personas_dir=personas_dir)

    def add(self, entry: dict[str, Any], personas: Iterable[Any]) -> None:
        self.pages.append(entry)
        for p in personas:
            self.personas.setdefault(p.id, p)

    def write(self) -> list[Path]:
        """Write the run's report in every format to ``report_dir``; the files written."""
        if self.report_dir is None or not self.pages:
            return []
        from auditor.gating import write_reports
        from auditor.reporters.json_report import build_report

        report = build_report(self.pages, list(self.personas.values()),
                              label=f"empathy_lab.check: {len(self.pages)} checks in a test run")
        self.written = write_reports(report, self.report_dir, list(FORMATS))
        return self.written


RUN = Run()


def browser_path() -> str | None:
    """The Chromium Empathy Lab would use here (``EMPATHY_LAB_BROWSER``, else the system's Chromium or Chrome),
    for pytest-playwright's ``browser_type_launch_args`` on machines without Playwright's own browser."""
    from auditor.browser import find_browser

    return find_browser()


def check(page, personas: str | Iterable[str] = "all", *, fail_on: str | None = None,
          fail_on_review: bool | None = None, label: str | None = None) -> dict[str, Any]:
    """Audit ``page`` (a Playwright page) as it stands for the personas (``"all"``, an id, ids separated by
    commas, or a list of ids), add it to the run's report, and raise :class:`AccessibilityFailure` with the
    personas' sentences when a failure at or above ``fail_on`` (default: the run's, ``serious``) is found.
    Returns the page's entry in report.json (findings, verdicts per persona)."""
    from auditor.gating import FAIL_ON, failing
    from auditor.engine import RunOptions, gather_current_page
    from auditor.judging import page_result
    from auditor.errors import UsageError
    from auditor.model.persona import load_personas, select
    from auditor.reporters.json_report import build_report

    threshold = fail_on or RUN.fail_on
    if threshold not in FAIL_ON:
        raise UsageError(f"empathy_lab.check: fail_on={threshold!r} (expected one of: {', '.join(FAIL_ON)})")
    spec = personas if isinstance(personas, str) else ",".join(personas)
    chosen = select(load_personas(RUN.personas_dir), spec)
    gathered = gather_current_page(page, chosen, RunOptions(screenshots=RUN.report_dir is not None))
    entry = page_result(gathered, chosen)
    entry["check"] = label or RUN.current or entry["url"]
    RUN.add(entry, chosen)
    if entry["status"] != "ok":
        raise AccessibilityFailure(f"Empathy Lab could not check {entry['url']}: {entry['error']}")
    review = RUN.fail_on_review if fail_on_review is None else fail_on_review
    bad = failing(build_report([entry], chosen), threshold, review, None)
    if bad:
        raise AccessibilityFailure(sentences(entry, bad, threshold))
    return entry


def sentences(entry: dict[str, Any], bad: list[dict[str, Any]], threshold: str) -> str:
    """The failure message: one line per finding, in the persona's words, with rule, impact and where."""
    lines = [f"Empathy Lab: {len(bad)} failure{'s' if len(bad) != 1 else ''} at or above '{threshold}' on "
             f"{entry['url']}" + (f" ({entry['title']})" if entry.get("title") else "") + ":"]
    for f in bad:
        wcag = ", ".join(f.get("wcag") or [])
        where = f" at {f['selector']}" if f.get("selector") else ""
        lines.append(f"  - {f['message']} [{f['rule']}, {f['impact']}{', WCAG ' + wcag if wcag else ''}]{where}")
    return "\n".join(lines)
