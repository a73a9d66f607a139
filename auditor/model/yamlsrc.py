"""Reading facilitators' YAML safely, remembering the line of every key.

``load(path)`` never raises for bad input: it returns the data (or None) and a list of :class:`Problem`,
each saying where (file and line) and what. It refuses binary files, empty files, files over 1 MB,
duplicate keys, nesting deeper than 40 levels, more than 10,000 values and alias bombs ("billion laughs").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 1_000_000
MAX_NODES = 50_000       # values once aliases are expanded
MAX_WRITTEN = 10_000     # values written in the file (pure-Python PyYAML reads about 5,000 a second on a busy core)
MAX_DEPTH = 40

KeyPath = tuple  # of str (mapping keys) and int (list indexes)

INVALID = type("Invalid", (), {"__repr__": lambda self: "<invalid value, already reported>"})()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, printed as ``file:line: key.path: message (expected ...)``."""

    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return one_line(f"{where}: {self.key}: {self.message}")


def one_line(text: str) -> str:
    """Control, format and line-breaking characters (a key written "\\r", a right-to-left mark) shown escaped,
    so that one problem is always one line of plain text."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def key_text(path: KeyPath) -> str:
    """('steps', 3, 'name') -> 'steps[3].name'; () -> '(document)'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(document)"


@dataclass
class Source:
    """A loaded YAML document: its data and the line of every key path."""

    file: str
    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: KeyPath) -> int:
        """The line of a key path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def problem(self, path: KeyPath, message: str) -> Problem:
        p = Problem(self.file, self.line(path), key_text(path), message)
        self.problems.append(p)
        return p


class _TooBig(Exception):
    pass


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stopped as soon as the document grows past MAX_WRITTEN nodes or MAX_DEPTH levels
    (composing a 1 MB list node by node would otherwise take minutes, and deep nesting ends in recursion)."""

    def __init__(self, text: str):
        self._counted_to = 0   # (get_mark's count of "\n" so far: marks come in the order they are read)
        self._newlines = 0
        super().__init__(text)
        self._composed = 0
        self._depth = 0

    def get_mark(self):
        # Lines as a person's editor counts them, by "\n": PyYAML also breaks lines at a lone "\r", NEL, U+2028 and
        # U+2029, and would put a problem on a line the file does not have. Only the marks (where problems are
        # said to be) change; the scanner's own line and column, which its indentation rules read, do not.
        # (the text is given whole, so the reader's pointer only moves on)
        mark = super().get_mark()
        self._newlines += self.buffer.count("\n", self._counted_to, self.pointer)
        self._counted_to = self.pointer
        mark.line = self._newlines
        return mark

    def compose_node(self, parent, index):
        self._composed += 1
        self._depth += 1
        try:
            if self._composed > MAX_WRITTEN:
                raise _TooBig(f"too many values (expected at most {MAX_WRITTEN:,} values in one file)",
                              _event_line(self))
            if self._depth > MAX_DEPTH + 1:
                raise _TooBig(f"nested too deeply (expected at most {MAX_DEPTH} levels)", _event_line(self))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def fetch_flow_collection_start(self, TokenClass):
        # The scanner reads a whole run of '[' or '{' ahead (each might start a key), slower with each one:
        # refuse deep flow nesting while scanning, before composing ever sees it.
        if self.flow_level >= MAX_DEPTH:
            raise _TooBig(f"nested too deeply (expected at most {MAX_DEPTH} levels)", self.get_mark().line + 1)
        super().fetch_flow_collection_start(TokenClass)


def _event_line(loader) -> int | None:
    try:
        return loader.peek_event().start_mark.line + 1
    except Exception:
        return None


def display_path(path: Path) -> str:
    """A path as the user should read it: relative to the current directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load(path: Path | str, expected: str = "YAML") -> Source:
    path = Path(path)
    src = Source(display_path(path))
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        src.problems.append(Problem(src.file, None, "(document)", "is a directory, not a file"))
        return src
    except OSError as exc:
        src.problems.append(Problem(src.file, None, "(document)", f"cannot be read: {exc.strerror or exc}"))
        return src
    if len(raw) > MAX_BYTES:
        src.problems.append(Problem(src.file, 1, "(document)",
                                    f"the file is {len(raw):,} bytes (expected at most {MAX_BYTES:,})"))
        return src
    if b"\x00" in raw:
        src.problems.append(Problem(src.file, 1, "(document)", f"not a text file (expected {expected} written as UTF-8 text)"))
        return src
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        src.problems.append(Problem(src.file, line, "(document)", f"not UTF-8 text (expected {expected} written as UTF-8 text)"))
        return src
    return parse(text, src, expected)


def parse(text: str, src: Source, expected: str = "YAML") -> Source:
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        src.problems.append(Problem(src.file, 1, "(document)", f"the file is empty (expected {expected})"))
        return src
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character: PyYAML refuses it before reading anything
        line = text[: exc.position].count("\n") + 1
        src.problems.append(Problem(src.file, line, "(document)", f"contains the control character "
                                    f"U+{exc.character:04X} (expected {expected} written as plain text)"))
        return src
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc):
                mark = exc.problem_mark
                line = mark.line + 1 if mark else 1
                src.problems.append(Problem(src.file, line, "(document)",
                                            "a second document starts here (expected one document per file: remove the '---')"))
                return src
            raise
        if node is None:
            src.problems.append(Problem(src.file, 1, "(document)", f"the file is empty (expected {expected})"))
            return src
        counter = [0]
        src.lines[()] = node.start_mark.line + 1
        src.data = _convert(node, (), src, loader, counter, 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = (exc.problem or exc.context or "bad YAML").strip()
        hint = "check indentation, colons and quotes"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            hint = f"{exc.context.strip()} that starts on line {exc.context_mark.line + 1}; {hint}"
        src.problems.append(Problem(src.file, line, "(document)", f"could not read the YAML: {what} ({hint})"))
        src.data = None
    except yaml.YAMLError as exc:
        src.problems.append(Problem(src.file, 1, "(document)", f"could not read the YAML: {exc}"))
        src.data = None
    except _TooBig as exc:
        src.problems.append(Problem(src.file, None if not exc.args[1] else exc.args[1], "(document)", exc.args[0]))
        src.data = None
    except RecursionError:
        src.problems.append(Problem(src.file, 1, "(document)", f"nested too deeply (expected at most {MAX_DEPTH} levels)"))
        src.data = None
    finally:
        loader.dispose()
    return src


def _convert(node, path: KeyPath, src: Source, loader, counter: list[int], depth: int) -> Any:
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _TooBig(f"too many values, or aliases that expand too far (expected at most {MAX_NODES:,} values)",
                      node.start_mark.line + 1)
    if depth > MAX_DEPTH:
        raise _TooBig(f"nested too deeply (expected at most {MAX_DEPTH} levels)", node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                src.problems.append(Problem(src.file, key_node.start_mark.line + 1, key_text(path),
                                            "a key must be a plain word (expected 'name: value')"))
                continue
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            child = path + (key,)
            line = key_node.start_mark.line + 1
            if key in result:
                src.problems.append(Problem(src.file, line, key_text(child),
                                            f"appears twice (first on line {src.lines.get(child, '?')}; expected each key once)"))
                continue
            src.lines[child] = line
            result[key] = _convert(value_node, child, src, loader, counter, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = path + (index,)
            src.lines[child] = item.start_mark.line + 1
            items.append(_convert(item, child, src, loader, counter, depth + 1))
        return items
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        src.problems.append(Problem(src.file, node.start_mark.line + 1, key_text(path),
                                    f"{(exc.problem or 'cannot read this value').strip()} (expected plain text, a number, true or false)"))
        return INVALID
    except (ValueError, OverflowError) as exc:  # e.g. a date such as 2027-13-01
        src.problems.append(Problem(src.file, node.start_mark.line + 1, key_text(path),
                                    f"{node.value!r} cannot be read: {exc} (expected a valid value)"))
        return INVALID
