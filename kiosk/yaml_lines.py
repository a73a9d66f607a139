"""YAML loading that remembers where each value came from, for ``file:line: key: message`` errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from auditor.errors import UsageError

Path_ = tuple  # a key path such as ("events", 3, "key")


def load(path: str | Path) -> tuple[Any, dict[tuple, int]]:
    """Parse a YAML file; return (data, {key path: 1-based line}). Raises UsageError when it cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise UsageError(f"{where}: not valid YAML: {problem}") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, at: tuple, lines: dict[tuple, int]) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[at + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, at + (key,), lines)
            lines[at + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, at + (index,), lines)


def key_text(at: tuple) -> str:
    """("events", 3, "key") -> "events[3].key"."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


class Problems:
    """Collects every problem in a file so that they are all reported at once."""

    def __init__(self, path: str | Path, lines: dict[tuple, int]) -> None:
        self.path = str(path)
        self.lines = lines
        self.items: list[str] = []

    def add(self, at: tuple, message: str) -> None:
        probe = at
        while probe and probe not in self.lines:
            probe = probe[:-1]
        line = self.lines.get(probe, 1)
        self.items.append(f"{self.path}:{line}: {key_text(at)}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise UsageError("\n".join(self.items))
