"""The probe registry: every module in this package with a META and a check() is a probe."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_REGISTRY: dict[str, ModuleType] | None = None


def registry() -> dict[str, ModuleType]:
    global _REGISTRY
    if _REGISTRY is None:
        found: dict[str, ModuleType] = {}
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
            if info.name.startswith("_") or info.name == "base":
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            meta = getattr(module, "META", None)
            if meta is None or not callable(getattr(module, "check", None)):
                continue
            if meta.id != info.name:
                raise RuntimeError(f"probe module {info.name} declares id {meta.id!r}")
            found[meta.id] = module
        _REGISTRY = found
    return _REGISTRY


def probe_ids() -> list[str]:
    return list(registry())
