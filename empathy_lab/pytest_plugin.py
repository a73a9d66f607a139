"""The pytest plugin (entry point ``pytest11: empathy_lab``). It does nothing until a test calls
``empathy_lab.check(page, ...)``: then it names each check after its test, and ``--empathy-lab-report DIR``
writes every check of the run into one report (html, json, md, junit, sarif) when the session ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from empathy_lab.checking import FORMATS, RUN

IMPACTS = ("critical", "serious", "moderate", "minor", "none")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("empathy-lab", "Empathy Lab (empathy_lab.check in your Playwright tests)")
    group.addoption("--empathy-lab-report", metavar="DIR", default=None,
                    help="write every empathy_lab.check of the run into one report here "
                         f"({', '.join(FORMATS)})")
    group.addoption("--empathy-lab-fail-on", metavar="IMPACT", default="serious", choices=IMPACTS,
                    help="a check fails its test on failures of this impact or worse: "
                         f"{', '.join(IMPACTS)} (default serious)")
    group.addoption("--empathy-lab-fail-on-review", action="store_true", default=False,
                    help="let needs-review findings fail the test too")
    group.addoption("--empathy-lab-personas-dir", metavar="DIR", default=None,
                    help="your own persona files (default ./personas when there is one, else the shipped ones)")


def pytest_configure(config: pytest.Config) -> None:
    out = config.getoption("empathy_lab_report")
    RUN.configure(fail_on=config.getoption("empathy_lab_fail_on"),
                 fail_on_review=config.getoption("empathy_lab_fail_on_review"),
                 report_dir=Path(out) if out else None,
                 personas_dir=config.getoption("empathy_lab_personas_dir"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    RUN.current = item.nodeid
    try:
        return (yield)
    finally:
        RUN.current = ""


def pytest_sessionfinish(session: pytest.Session) -> None:
    RUN.write()


def pytest_terminal_summary(terminalreporter) -> None:
    if not RUN.pages:
        return
    failed = sum(1 for p in RUN.pages for f in p.get("findings", []) if f["outcome"] == "fail")
    line = (f"Empathy Lab: {len(RUN.pages)} check{'s' if len(RUN.pages) != 1 else ''}, {failed} "
            f"failure{'s' if failed != 1 else ''} in all")
    if RUN.written:
        line += f"; report: {Path(RUN.written[0]).parent}"
    terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def empathy_lab_demo_url():
    """Empathy Lab's demo council service on a free local port (its address, ending in '/'), for trying
    empathy_lab.check before pointing it at your own service."""
    from auditor.demo import DemoServer

    with DemoServer() as server:
        yield server.url
