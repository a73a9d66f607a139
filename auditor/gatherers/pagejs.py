"""The page scripts: JavaScript files under auditor/gatherers/js/ (package data), read once each.

Each file is one function expression (``(arg) => {...}`` or ``async () => {...}``) that a gatherer hands to
``GatherSession.run_js`` or ``page.evaluate``. They are linted with ESLint (eslint.config.mjs; ``make setup``
installs it from npm; tests/unit/test_page_scripts.py runs it).
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def page_script(name: str) -> str:
    """The text of ``js/<name>.js``."""
    return resources.files("auditor.gatherers").joinpath(f"js/{name}.js").read_text("utf-8")
