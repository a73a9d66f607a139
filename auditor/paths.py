"""Where the project's own data lives (personas, scenarios, reports)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_root() -> Path:
    return Path(os.environ.get("EMPATHY_LAB_HOME", ROOT))


def personas_dir() -> Path:
    return project_root() / "personas"


def scenarios_dir() -> Path:
    return project_root() / "scenarios"


def demo_dir() -> Path:
    return scenarios_dir() / "demo"


def reports_dir() -> Path:
    return project_root() / "reports"
