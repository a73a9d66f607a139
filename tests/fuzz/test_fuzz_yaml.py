"""Property-based tests: ``audit validate`` answers every persona, scenario and config file it is given.

Generated files are valid, mutated (keys renamed, values of the wrong type, keys dropped or added), cut short,
sprinkled with odd characters (tabs, BOMs, NUL bytes, right-to-left marks, line separators), tagged
``!!python/object``, nested deeply, or blown up (billion laughs, 1 MB of values, more than the 1 MB cap).
Whatever comes in, ``audit validate`` exits 0 or 2, prints only ``file:line: key: message`` lines and the
summary, never a traceback or an "internal error", and answers within a time bound.

Profiles (environment variable ``EMPATHY_LAB_FUZZ``): ``ci`` (default, about 20 s on 2 cores) and
``nightly`` (ten times the examples, for a scheduled run)::

    EMPATHY_LAB_FUZZ=nightly .venv/bin/pytest tests/unit/test_fuzz_yaml.py
"""

from __future__ import annotations

import copy
import io
import os
import re
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import main
from auditor.config import load_config
from auditor.errors import UsageError
from auditor.paths import personas_dir, scenarios_dir

pytestmark = pytest.mark.fuzz

# The time bound is on processor time (a busy CI machine stretches wall time, not work); a wall-clock bound
# still catches a hang that sleeps or waits.
settings.register_profile("empathy-lab-ci", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("empathy-lab-nightly", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile("empathy-lab-" + os.environ.get("EMPATHY_LAB_FUZZ", "ci"))
CPU_BOUND_S = 3.0     # processor time for one file, however hostile (measured: at most 0.9 s, for 1 MB)
WALL_BOUND_S = 60.0

PROBLEM = re.compile(r"^(?P<file>[^\n]+?)(?::(?P<line>\d+))?: (?P<key>[^\n]+?): (?P<message>[^\n]+)$")
SUMMARY = re.compile(r"^\d+ errors? in \d+ files? \(checked [^\n]*\)$")

VALID_PERSONA = yaml.safe_load((personas_dir() / "claudia.yaml").read_text("utf-8"))
VALID_SCENARIO = yaml.safe_load((scenarios_dir() / "missed-bin.yaml").read_text("utf-8"))
VALID_CONFIG = {
    "urls": ["https://www.example.gov.uk/bins/start", "https://www.example.gov.uk/bins/postcode"],
    "personas": ["claudia", "christopher"],
    "fail_on": "serious",
    "fail_on_review": False,
    "thresholds": {"personas": {"ron": "moderate"}, "rules": {"region": "none"}},
    "headers": {"Authorization": "Bearer abc"},
    "cookies": [{"name": "session", "value": "abc", "domain": "www.example.gov.uk"}],
    "wait_for": [{"url": "https://www.example.gov.uk/bins/", "selector": "main h1"}],
    "timeout": 30,
    "concurrency": 2,
    "out": "reports/bins",
    "ignore": [{"rule": "color-contrast", "reason": "Legacy banner", "expires": "2027-03-31"}],
}
VALID = {"persona": VALID_PERSONA, "scenario": VALID_SCENARIO, "config": VALID_CONFIG}

ODD = ["\t", "\ufeff", "\x00", "\u202e", "\u2028", "\x85", "\U0001f600", "\u0301", "\r", ":", "- ", "[", "{",
       "}", "]", '"', "'", "&a ", "*a", "!", "%", "@", "`", "|", ">", "#", "---\n", "...\n", "\\", "\n  ", "? "]
TAGS = ["!!python/object/apply:os.system ['echo pwned']", "!!python/object:builtins.dict {}",
        "!!python/name:os.system", "!!binary 'AAAA'", "!!set {a, b}", "!!timestamp 2027-13-45", "!custom x",
        "!!omap [{a: 1}]", "!!float nan", "!!int 0x"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True),
    st.text(max_size=30), st.lists(st.sampled_from(ODD + list("abc é")), max_size=8).map("".join),
    st.sampled_from(["", "yes", "no", "on", "0x1F", "1e400", "2027-02-30", "~", "null", ".inf", "*", "&"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)


def _paths(data, prefix=()):
    """Every key path in a document."""
    yield prefix
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated(draw, base: dict) -> str:
    """A valid document with a few keys renamed, dropped or added, and values swapped for other types."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["rename", "swap", "drop", "add"]))
        if action == "rename" and isinstance(parent, dict):
            new_key = draw(st.one_of(st.text(max_size=15), st.sampled_from(["nmae", "audit ", "ID", "\n", "a: b"])))
            parent[new_key] = parent.pop(path[-1])
        elif action == "swap":
            parent[path[-1]] = draw(values)
        elif action == "drop":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=15))] = draw(values)
        else:
            parent.append(draw(values))
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)


@st.composite
def corrupted(draw, base: dict) -> str:
    """A valid document's text cut short, or with odd characters or tags spliced in, or tabs for spaces."""
    text = yaml.safe_dump(base, allow_unicode=True, sort_keys=False)
    how = draw(st.sampled_from(["truncate", "splice", "tag", "tabs", "bom"]))
    at = draw(st.integers(0, len(text)))
    if how == "truncate":
        return text[:at]
    if how == "splice":
        return text[:at] + "".join(draw(st.lists(st.sampled_from(ODD), min_size=1, max_size=5))) + text[at:]
    if how == "tag":
        key = draw(st.sampled_from(list(base)))
        return text.replace(f"{key}:", f"{key}: {draw(st.sampled_from(TAGS))}\n_{key}:", 1)
    if how == "tabs":
        return text.replace("  ", "\t", draw(st.integers(1, 5)))
    return "\ufeff" + text


@st.composite
def hostile(draw) -> str:
    """Documents built to hurt a parser: alias bombs, deep nesting, many documents, long lines."""
    how = draw(st.sampled_from(["laughs", "deep_flow", "deep_block", "documents", "long_key", "anchors"]))
    n = draw(st.integers(2, 12))
    if how == "laughs":
        lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(n)]
        return "\n".join(lines) + "\n"
    if how == "deep_flow":
        depth = draw(st.integers(10, 5000))
        return "audit: " + "[" * depth + "1" + "]" * draw(st.integers(0, depth)) + "\n"
    if how == "deep_block":
        return "".join("  " * i + f"k{i}:\n" for i in range(draw(st.integers(10, 300)))) + "  " * 300 + "x: 1\n"
    if how == "documents":
        return "---\nid: a\n" * n
    if how == "long_key":
        return "? " + "k" * draw(st.integers(100, 5000)) + "\n: v\n"
    return "".join(f"k{i}: &x{i} *x{i}\n" for i in range(n))


def documents(kind: str):
    base = VALID[kind]
    as_bytes = st.one_of(
        st.just(yaml.safe_dump(base, sort_keys=False)), mutated(base), corrupted(base), hostile(),
        st.text(max_size=200),
    ).map(lambda text: text.encode("utf-8", "surrogatepass"))
    return st.one_of(as_bytes, st.binary(max_size=200))


def write(folder: Path, kind: str, raw: bytes) -> Path:
    where = {"persona": folder / "personas" / "claudia.yaml", "scenario": folder / "scenarios" / "missed-bin.yaml",
             "config": folder / "audit.yaml"}[kind]
    where.parent.mkdir(parents=True, exist_ok=True)
    where.write_bytes(raw)
    return where


def run_validate(path: Path) -> tuple[int, str, str, tuple[float, float]]:
    """Exit code, stdout, stderr, and (processor seconds, wall seconds) of ``audit validate PATH``."""
    out, err = io.StringIO(), io.StringIO()
    cpu, wall = time.process_time(), time.perf_counter()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["validate", str(path)])
    return code, out.getvalue(), err.getvalue(), (time.process_time() - cpu, time.perf_counter() - wall)


def assert_answered(path: Path, raw: bytes) -> int:
    """validate's whole contract for one file; returns the exit code."""
    code, out, err, took = run_validate(path)
    assert "Traceback" not in out + err and "internal error" not in err, err
    assert code in (0, 2), (code, err)
    assert took[0] < CPU_BOUND_S and took[1] < WALL_BOUND_S, f"{took} s for {len(raw):,} bytes"
    lines = err.splitlines()
    if code == 0:
        assert not lines and out.startswith("all valid:"), (out, err)
        return code
    assert lines and SUMMARY.match(lines[-1]), err
    last_line = raw.count(b"\n") + 1
    for line in lines[:-1]:
        m = PROBLEM.match(line)
        assert m, f"not file:line: key: message: {line!r}"
        assert Path(m["file"]).name == path.name, line
        if m["line"]:
            assert 1 <= int(m["line"]) <= last_line + 1, (line, last_line)
    return code


@pytest.fixture(autouse=True, scope="module")
def bugs_raise():
    """A bug shows its traceback to Hypothesis (instead of the CLI's polite 'internal error')."""
    old = os.environ.get("EMPATHY_LAB_DEBUG")
    os.environ["EMPATHY_LAB_DEBUG"] = "1"
    yield
    if old is None:
        os.environ.pop("EMPATHY_LAB_DEBUG")
    else:
        os.environ["EMPATHY_LAB_DEBUG"] = old


@pytest.mark.parametrize("kind", ["persona", "scenario", "config"])
def test_shipped_shapes_are_valid(kind, tmp_path):
    """The generators start from valid files (else every 'mutation' would be a no-op)."""
    path = write(tmp_path, kind, yaml.safe_dump(VALID[kind], sort_keys=False).encode())
    assert assert_answered(path, path.read_bytes()) == 0


@pytest.mark.parametrize("kind", ["persona", "scenario", "config"])
def test_validate_answers_every_generated_file(kind):
    @PROFILE
    @given(raw=documents(kind))
    def check(raw: bytes) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            assert_answered(write(Path(tmp), kind, raw), raw)

    check()


BIG = {
    "billion laughs": "\n".join(['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                                + [f"{c}: &{c} [{','.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]),
    "1 MB of list items": "urls:\n" + "- 1\n" * 249_000,
    "1 MB flow list": "urls: [" + ",".join(["1"] * 495_000) + "]",
    "a 1 MB string": "name: " + "a" * 990_000,
    "over the 1 MB cap": "urls:\n" + "- https://www.example.gov.uk/\n" * 40_000,
    "100,000 nested brackets": "audit: " + "[" * 100_000,
    "3,000 nested blocks": "".join(" " * i + f"k{i}:\n" for i in range(3000)),
}


@pytest.mark.parametrize("name", list(BIG))
@pytest.mark.parametrize("kind", ["persona", "config"])
def test_huge_and_bomb_files_are_refused_quickly(name, kind, tmp_path):
    raw = BIG[name].encode()
    path = write(tmp_path, kind, raw)
    assert assert_answered(path, raw) == 2


@pytest.mark.parametrize("out", ["../elsewhere", "/tmp/empathy-lab-outside", "reports/../../up", "link/inside"])
def test_config_out_outside_its_folder_is_refused(out, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "link").symlink_to(outside)    # a link inside the folder that leads out of it
    config = project / "audit.yaml"
    config.write_text(f"urls: [http://127.0.0.1:9/]\nout: {out}\n")
    code, _, err, _ = run_validate(config)
    assert code == 2 and "out: " in err and "outside this file's folder" in err, err
    with pytest.raises(UsageError, match="outside this file's folder"):
        load_config(config, ["claudia"])
    before = sorted(p.name for p in tmp_path.rglob("*"))
    err_text = io.StringIO()
    with redirect_stderr(err_text), redirect_stdout(io.StringIO()):
        assert main(["--config", str(config), "--persona", "claudia"]) == 2
    assert "outside this file's folder" in err_text.getvalue()
    assert sorted(p.name for p in tmp_path.rglob("*")) == before, "the refused run wrote something"


def test_config_out_inside_its_folder_is_accepted(tmp_path):
    config = tmp_path / "audit.yaml"
    config.write_text("urls: [http://127.0.0.1:9/]\nout: reports/bins\n")
    assert load_config(config, ["claudia"]).out == str((tmp_path / "reports" / "bins").resolve())
