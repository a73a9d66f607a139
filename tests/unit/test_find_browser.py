"""Which browser the auditor launches (auditor.browser.find_browser): an explicit one, Playwright's own, a headless
shell for headless pages, the system's Chromium; said clearly when there is none. No browser is started."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import auditor.browser as browser_module
from auditor.browser import Browser, find_browser
from auditor.errors import AuditCannotRun


def executable(folder: Path, name: str) -> str:
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def machine(tmp_path, monkeypatch):
    """A machine with nothing on it: no browser on PATH, none at the usual places, no EMPATHY_LAB_BROWSER."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    monkeypatch.setenv("PATH", str(bin_))
    monkeypatch.delenv("EMPATHY_LAB_BROWSER", raising=False)
    monkeypatch.setattr(browser_module, "SYSTEM_BROWSERS", [])
    monkeypatch.setattr(browser_module, "HEADLESS_SHELLS", [])
    return SimpleNamespace(bin=bin_, root=tmp_path, monkeypatch=monkeypatch)


def test_headless_pages_get_the_shell_and_others_the_full_browser(machine):
    full = executable(machine.root, "chromium")
    shell = executable(machine.root, "chromium-headless-shell")
    machine.monkeypatch.setattr(browser_module, "SYSTEM_BROWSERS", [full])
    machine.monkeypatch.setattr(browser_module, "HEADLESS_SHELLS", [shell])
    assert find_browser(shell=True) == shell
    assert find_browser(shell=False) == full
    assert find_browser() == full          # (empathy_lab.browser_path: a team's tests may run headed)


def test_a_shell_on_the_path_counts_and_the_full_browser_stays_without_one(machine):
    full = executable(machine.bin, "chromium")
    assert find_browser(shell=True) == full
    shell = executable(machine.bin, "chrome-headless-shell")
    assert find_browser(shell=True) == shell


def test_an_explicit_browser_and_playwrights_own_come_before_the_shell(machine):
    shell = executable(machine.root, "chromium-headless-shell")
    machine.monkeypatch.setattr(browser_module, "HEADLESS_SHELLS", [shell])
    chosen = executable(machine.root, "my-chrome")
    assert find_browser(chosen, shell=True) == chosen
    machine.monkeypatch.setenv("EMPATHY_LAB_BROWSER", chosen)
    assert find_browser(shell=True) == chosen
    machine.monkeypatch.delenv("EMPATHY_LAB_BROWSER")
    own = executable(machine.root, "playwrights-chrome")
    playwright = SimpleNamespace(chromium=SimpleNamespace(executable_path=own))
    assert find_browser(playwright=playwright, shell=True) is None      # Playwright picks its own shell itself
    gone = SimpleNamespace(chromium=SimpleNamespace(executable_path=str(machine.root / "not-installed")))
    assert find_browser(playwright=gone, shell=True) == shell


def test_no_browser_at_all_says_what_to_install(machine):
    with pytest.raises(AuditCannotRun, match="no Chromium found.*apt-get install -y chromium"):
        find_browser(shell=True)
    with pytest.raises(AuditCannotRun, match="nope: no such file"):
        find_browser("nope", shell=True)


def test_only_a_headless_browser_may_be_a_shell():
    assert Browser().shell is True
    assert Browser(headless=False).shell is False      # the shell has no headed mode
    assert Browser(shell=False).shell is False         # the kiosk's view: the full browser


def test_the_kiosk_and_scenario_runs_ask_for_the_full_browser():
    root = Path(browser_module.__file__).parents[1]
    source = (root / "kiosk" / "app.py").read_text("utf-8")
    assert "Browser(shell=False)" in source and "Browser()" not in source
    source = (root / "auditor" / "commands" / "scenario_run.py").read_text("utf-8")
    assert "shell=False) as browser" in source


def test_the_makefile_installs_the_shell_the_auditor_looks_for():
    makefile = (Path(browser_module.__file__).parents[1] / "Makefile").read_text("utf-8")
    assert "SHELL_DEB := chromium-headless-shell" in makefile
    assert f"[ -x {browser_module.HEADLESS_SHELLS[0]} ]" in makefile
