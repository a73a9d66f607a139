"""The page scripts (auditor/gatherers/js/*.js): real files, linted with ESLint, every one used and shipped.

ESLint comes from npm through ``make setup`` (package.json, package-lock.json, eslint.config.mjs); without it this
test fails and says so (a lint that cannot run is not a lint that passed).
"""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

from auditor.gatherers.pagejs import page_script

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "auditor" / "gatherers" / "js"
ESLINT = ROOT / "node_modules" / ".bin" / "eslint"


def eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    if not ESLINT.is_file():
        pytest.fail(f"{ESLINT.relative_to(ROOT)} is missing: run `make setup` (it installs ESLint from npm)")
    return subprocess.run([str(ESLINT), *args], cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=120)


def test_the_page_scripts_pass_eslint():
    done = eslint("auditor/gatherers/js")
    assert done.returncode == 0, done.stdout + done.stderr


def test_eslint_fails_on_a_page_script_with_an_error():
    bad = "async () => {\n  const unused = 1;\n  return undefinedThing + 1;\n}\n"
    done = eslint("--stdin", "--stdin-filename", "auditor/gatherers/js/bad.js", stdin=bad)
    assert done.returncode == 1
    assert "'unused' is assigned a value but never used" in done.stdout
    assert "'undefinedThing' is not defined" in done.stdout


def test_every_page_script_is_used_and_every_use_has_its_file():
    used = set()
    for path in (ROOT / "auditor").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "page_script":
                used.add(node.args[0].value)
    files = {p.stem for p in JS.glob("*.js")}
    assert used == files, (sorted(used - files), sorted(files - used))
    assert all(page_script(name).lstrip().startswith(("(", "async", "//", "/*", "window", "if")) for name in files)


def test_no_long_page_script_in_a_python_string():
    """A page function of more than a few lines lives in js/, where ESLint reads it: the gatherers', the
    journeys' and the kiosk's."""
    for path in sorted([*(ROOT / "auditor").rglob("*.py"), *(ROOT / "kiosk").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.count("\n") > 12 \
                    and re.search(r"=>|function\s*\(", node.value) and "document" in node.value:
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno}: a page script in a Python string")
