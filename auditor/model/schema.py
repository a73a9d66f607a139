"""A small declarative schema for facilitators' YAML, and a validator that reports every error at once.

A schema is a dict of key -> :class:`Field`. ``check(source, schema)`` walks the data, records a
:class:`~auditor.model.yamlsrc.Problem` for each thing wrong (unknown keys with the nearest valid key,
wrong types, numbers out of range, values not in a list), and returns the data with defaults filled in.
The same Field docs feed ``personas/README.md`` checks, so the schema is the one place a field is described.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from auditor.model.yamlsrc import INVALID, KeyPath, Problem, Source, key_text

MISSING = object()


@dataclass(frozen=True)
class Field:
    kind: str                                  # text, int, number, bool, choice, list, map, date
    doc: str = ""
    required: bool = False
    default: Any = MISSING
    min: float | None = None
    max: float | None = None
    choices: "tuple[str, ...] | Callable[[], Iterable[str]]" = ()   # or a function giving them when asked
    items: "Field | None" = None               # for lists
    fields: "dict[str, Field] | None" = None   # for maps
    min_items: int = 0
    max_items: int | None = None
    pattern: str | None = None                 # for text: a regular expression the whole value must match
    pattern_doc: str = ""                      # what the pattern means, in plain words
    max_length: int = 5000
    example: Any = None

    def options(self) -> tuple[str, ...]:
        """The allowed values of a choice (a registry's ids are read when a file is checked, not at import)."""
        return tuple(self.choices() if callable(self.choices) else self.choices)

    def expected(self) -> str:
        """What a valid value looks like, in plain words."""
        if self.kind == "text":
            return self.pattern_doc or "text"
        if self.kind in ("int", "number"):
            noun = "a whole number" if self.kind == "int" else "a number"
            if self.min is not None and self.max is not None:
                return f"{noun} from {_num(self.min)} to {_num(self.max)}"
            if self.min is not None:
                return f"{noun} of at least {_num(self.min)}"
            return noun
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of: " + ", ".join(self.options())
        if self.kind == "date":
            return "a date written YYYY-MM-DD"
        if self.kind == "list":
            inner = self.items.expected() if self.items else "values"
            return f"a list of {_plural(inner)}"
        if self.kind == "map":
            keys = ", ".join(self.fields or {})
            return f"a block of settings ({keys})" if keys else "a block of settings"
        return self.kind


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _plural(text: str) -> str:
    for a, b in (("a whole number", "whole numbers"), ("a number", "numbers"), ("one of:", "values, each one of:"),
                 ("a block of settings", "blocks of settings"), ("a date", "dates")):
        if text.startswith(a):
            return b + text[len(a):]
    return text


def _show(value: Any) -> str:
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return repr(short)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a block of settings"
    if isinstance(value, list):
        return "a list"
    return str(value)


def nearest(word: str, options: list[str] | tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(str(word).lower(), [o.lower() for o in options], n=1, cutoff=0.6)
    if not found:
        return None
    for option in options:
        if option.lower() == found[0]:
            return option
    return None


def check(src: Source, schema: dict[str, Field], path: KeyPath = (), data: Any = MISSING,
          extra_check: Callable[[Source, dict], None] | None = None) -> dict | None:
    """Validate ``data`` (default: the whole document) as a map of ``schema``; return it with defaults."""
    data = src.data if data is MISSING else data
    field_ = Field("map", fields=schema)
    result = _check_value(src, field_, data, path)
    if extra_check and isinstance(result, dict):
        extra_check(src, result)
    return result


def check_document(src: Source, schema: dict[str, Field]) -> dict | None:
    """A whole loaded file checked as a map of ``schema``; None when it could not be read (already reported)
    or is not a map of settings."""
    return None if src.data is None else check(src, schema)


def _check_value(src: Source, f: Field, value: Any, path: KeyPath) -> Any:
    if value is INVALID:  # yamlsrc already said what is wrong with it
        return None
    if f.kind == "map":
        if not isinstance(value, dict):
            src.problem(path, f"{_show(value)} is not a block of settings (expected {f.expected()})")
            return None
        if f.fields is None:  # free-form: any keys (headers, per-rule thresholds)
            return {str(k): v for k, v in value.items()}
        out: dict[str, Any] = {}
        allowed = list(f.fields)
        for key, item in value.items():
            if key not in (f.fields or {}):
                guess = nearest(key, allowed)
                hint = f"did you mean '{guess}'?" if guess else "expected one of: " + ", ".join(allowed)
                src.problem(path + (key,), f"unknown key ({hint})")
                continue
            out[key] = _check_value(src, f.fields[key], item, path + (key,))
        for key, sub in (f.fields or {}).items():
            if key in value:
                continue
            if sub.required:
                src.problems.append(_missing(src, path, key, sub))
            elif sub.default is not MISSING:
                out[key] = sub.default() if callable(sub.default) else sub.default
            else:
                out[key] = None
        return out
    if value is None and not f.required and f.default is not MISSING:
        return f.default() if callable(f.default) else f.default
    if f.kind == "list":
        if isinstance(value, (str, int, float)) and f.items is not None and f.items.kind != "map":
            value = [value]  # a single value where a list is expected: accept it as a one-item list
        if not isinstance(value, list):
            src.problem(path, f"{_show(value)} is not a list (expected {f.expected()})")
            return None
        if len(value) < f.min_items:
            src.problem(path, f"has {len(value)} item{'s' if len(value) != 1 else ''} (expected at least {f.min_items})")
        if f.max_items is not None and len(value) > f.max_items:
            src.problem(path, f"has {len(value)} items (expected at most {f.max_items})")
        return [_check_value(src, f.items, item, path + (i,)) for i, item in enumerate(value)] if f.items else value
    if f.kind == "bool":
        if not isinstance(value, bool):
            src.problem(path, f"{_show(value)} is not true or false (expected true or false)")
            return None
        return value
    if f.kind in ("int", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            noun = "a whole number" if f.kind == "int" else "a number"
            src.problem(path, f"{_show(value)} is not {noun} (expected {f.expected()})")
            return None
        if f.kind == "int" and isinstance(value, float):
            if not value.is_integer():
                src.problem(path, f"{_num(value)} is not a whole number (expected {f.expected()})")
                return None
            value = int(value)
        if value != value or (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
            src.problem(path, f"{_num(value) if value == value else 'nan'} is out of range (expected {f.expected()})")
            return None
        return value
    if f.kind == "choice":
        if not isinstance(value, str) or value not in f.options():
            guess = nearest(str(value), f.options()) if isinstance(value, str) else None
            hint = f"; did you mean '{guess}'?" if guess else ""
            src.problem(path, f"{_show(value)} is not allowed (expected {f.expected()}{hint})")
            return None
        return value
    if f.kind == "date":
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        src.problem(path, f"{_show(value)} is not a date (expected {f.expected()})")
        return None
    if f.kind == "text":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            src.problem(path, f"{_show(value)} is not text (expected {f.expected()})")
            return None
        if not value.strip():
            src.problem(path, f"is empty (expected {f.expected()})")
            return None
        if len(value) > f.max_length:
            src.problem(path, f"is {len(value):,} characters long (expected at most {f.max_length:,})")
            return None
        if f.pattern and not re.fullmatch(f.pattern, value):
            src.problem(path, f"{_show(value)} is not valid (expected {f.expected()})")
            return None
        return value
    raise ValueError(f"unknown field kind {f.kind!r}")


def _missing(src: Source, path: KeyPath, key: str, sub: Field) -> Problem:
    return Problem(src.file, src.line(path), key_text(path + (key,)), f"is missing (expected {sub.expected()})")


def check_id_matches_file(src: Source, data: dict) -> None:
    """A facilitator's file is named after its id (claudia.yaml has id: claudia)."""
    stem = Path(src.file).stem
    if data.get("id") and data["id"] != stem:
        src.problem(("id",), f"'{data['id']}' does not match the file name '{Path(src.file).name}' "
                             f"(expected id: {stem}, or rename the file to {data['id']}.yaml)")


def validate_files(paths: list[Path], expected: str, check_one: Callable[[Source], Any]) -> tuple[dict, list[Problem]]:
    """Load and check each file; return the good items by id (ids unique across files) and every problem."""
    from auditor.model import yamlsrc

    items: dict[str, Any] = {}
    problems: list[Problem] = []
    for path in paths:
        src = yamlsrc.load(path, expected=expected)
        item = check_one(src)
        if item is not None:
            if item.id in items:
                src.problem(("id",), f"'{item.id}' is already used by {items[item.id].path} (expected a unique id)")
            else:
                items[item.id] = item
        problems.extend(src.problems)
    return items, problems
