"""The gatherer registry: every module here with NAME, ORDER and gather() is a gatherer."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_REGISTRY: list[ModuleType] | None = None


def gatherers() -> list[ModuleType]:
    """All gatherers, in the order they run on a page."""
    global _REGISTRY
    if _REGISTRY is None:
        found = []
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith("_") or info.name == "base":
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            if hasattr(module, "NAME") and callable(getattr(module, "gather", None)):
                found.append(module)
        _REGISTRY = sorted(found, key=lambda m: (getattr(m, "ORDER", 50), m.NAME))
    return _REGISTRY
