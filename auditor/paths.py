"""Where Empathy Lab's data lives: personas, scenarios (with the demo service) and reports.

Two kinds of place:

- **Shipped**: the personas and scenarios Empathy Lab comes with. In a checkout (or an editable install) they
  are the repository's own top-level ``personas/`` and ``scenarios/`` folders, the source of truth. In an
  installed wheel they are package data, ``auditor/shipped/`` (setup.py copies them there when it builds),
  found through ``importlib.resources``.
- **A team's own**: ``EMPATHY_LAB_HOME/personas`` when that variable is set, else a ``personas/`` (or
  ``scenarios/``) folder in the working folder, such as ``audit init`` writes. These take precedence over
  the shipped ones; ``--personas-dir`` takes precedence over both (the commands handle that).

Reports go to ``reports/`` in the checkout, or in the working folder when Empathy Lab is installed.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def checkout_root() -> Path | None:
    """The repository when running from a checkout (or an editable install of one), else None."""
    if (ROOT / "pyproject.toml").is_file() and (ROOT / "personas").is_dir() and (ROOT / "scenarios").is_dir():
        return ROOT
    return None


def shipped_root() -> Path:
    """The folder that holds the shipped personas/ and scenarios/."""
    root = checkout_root()
    if root is not None:
        return root
    data = resources.files("auditor") / "shipped"
    if not isinstance(data, Path) or not data.is_dir():  # a zipped install, or a wheel built without its data
        from auditor.errors import AuditCannotRun

        raise AuditCannotRun(f"Empathy Lab's own personas and scenarios are missing from its installation "
                             f"({data}); reinstall it from a wheel or a checkout")
    return data


def project_root() -> Path:
    """Where a team's own files are looked for first: EMPATHY_LAB_HOME, or the checkout, or the working folder."""
    home = os.environ.get("EMPATHY_LAB_HOME")
    if home:
        return Path(home)
    return checkout_root() or Path.cwd()


def _own_or_shipped(name: str) -> Path:
    home = os.environ.get("EMPATHY_LAB_HOME")
    if home:
        return Path(home) / name
    here = Path.cwd() / name
    if here.is_dir() and any(p.suffix in (".yaml", ".yml") for p in here.iterdir()):
        return here
    return shipped_root() / name


def personas_dir() -> Path:
    """A team's own personas/ (EMPATHY_LAB_HOME or the working folder) when there is one, else the shipped ones."""
    return _own_or_shipped("personas")


def scenarios_dir() -> Path:
    """A team's own scenarios/ when there is one, else the shipped ones."""
    return _own_or_shipped("scenarios")


def shipped_personas_dir() -> Path:
    return shipped_root() / "personas"


def shipped_scenarios_dir() -> Path:
    return shipped_root() / "scenarios"


def is_shipped(path: Path) -> bool:
    """Whether a folder is one of Empathy Lab's own (not a team's)."""
    try:
        return path.resolve().parent == shipped_root().resolve()
    except OSError:
        return False


def demo_dir() -> Path:
    """The bundled demo service (always the shipped one: a team's scenarios/ does not hold it)."""
    own = scenarios_dir() / "demo"
    return own if own.is_dir() else shipped_scenarios_dir() / "demo"


def reports_dir() -> Path:
    return project_root() / "reports"
