"""The probe registry: every module in this package with a META and a check() is a probe.

This is the one list of probes. Persona validation (the checks a persona may ask for), ``audit validate``'s
cross-check of what each probe says about personas, the rule texts written into report.json and the table of
checks in ``personas/README.md`` all come from here, so a new probe is one file (plus its test).
``python -m auditor.probes`` rewrites the README's table; a unit test fails while it is out of date.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from types import ModuleType

_REGISTRY: dict[str, ModuleType] | None = None

TABLE_START = "<!-- checks: generated from the probes' META by `python -m auditor.probes`; do not edit by hand -->"
TABLE_END = "<!-- end of checks -->"


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


def forget() -> None:
    """Drop the cached registry, so the next call looks again (after a probe package joins ``__path__``)."""
    global _REGISTRY
    _REGISTRY = None


def probe_ids() -> list[str]:
    return list(registry())


def rules_block(personas) -> dict[str, dict]:
    """report.json's ``rules``: the texts of every probe the personas run, by id in registry order, so that
    reporters read a rule's words from the report and never from the code (docs/architecture.md)."""
    wanted = {pid for persona in personas for pid in persona.audit.probes}
    return {pid: rule_entry(module.META) for pid, module in registry().items() if pid in wanted}


def rule_entry(meta) -> dict:
    """One probe's entry in report.json's ``rules``."""
    return {"id": meta.id, "title": meta.failure_title, "pass_title": meta.title, "summary": meta.summary,
            "wcag": list(meta.wcag), "impact": meta.impact, "fix": meta.fix, "why": dict(meta.why),
            "source": "empathy-lab"}


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def checks_table() -> str:
    """The facilitators' table of checks (``personas/README.md``): name and what it finds, from each META."""
    rows = ["| name | what it finds |", "|---|---|"]
    rows += [f"| `{pid}` | {_cell(module.META.summary)} |" for pid, module in registry().items()]
    return "\n".join(rows)


def with_checks_table(text: str) -> str:
    """``text`` (the README) with the part between the table's markers replaced by :func:`checks_table`."""
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no '{TABLE_START}' ... '{TABLE_END}' markers")
    return text[:start] + TABLE_START + "\n" + checks_table() + "\n" + text[end:]


def write_checks_table(readme: Path) -> bool:
    """Bring ``readme``'s table of checks up to date; True when it changed."""
    text = readme.read_text("utf-8")
    new = with_checks_table(text)
    if new != text:
        readme.write_text(new, "utf-8")
    return new != text
