"""Behaviour digest: what the audit and the kiosk give, without timings, to show a refactor changed nothing.

::

    python -m benchmarks.digest [--tree DIR] [--only demo,gds,hostile,rehearsal] [--out FILE] [--artifacts DIR]
    python -m benchmarks.digest compare BEFORE.json AFTER.json      # exit 0 identical, 1 different
    python -m benchmarks.digest replay ARTIFACTS_DIR [--tree DIR] [--out FILE]

Runs, each as a subprocess of the code in ``--tree`` (default: this checkout; another checkout's code is used by
putting it first on PYTHONPATH, so one venv serves a ``git worktree`` of the base commit too):

- **demo**: ``audit`` with no URL (both versions of the bundled demo service, every persona);
- **gds**: every page of ../shared/corpus/gds-tool-audit (``--corpus``), served on 127.0.0.1, every persona;
- **hostile**: tests/hostile's pages and its two normal pages, with the personas and time limit that
  tests/browser/test_hostile.py uses;
- **rehearsal**: the shipped kiosk rehearsals ``christopher-accessible`` and ``ashleigh-accessible``, headless.

and writes one JSON digest: per section, each page's status, error, title, verdicts, findings (every field, the
evidence's pictures left out), outcomes and criteria; for a rehearsal its outcome, scenes, waits and the
debrief's spoken summary (numbers left out: it says how long the task took). Ports, timings, dates and pictures
are normalised away, and so is the demo service's reference number (random for each report sent). Each section
also gets its figures (pages, findings, fails, reviews) and a sha256 of its normalised content, which
``compare`` sets side by side.

Where the page decides between an error and a result by the clock (the hostile corpus's pages marked "either",
and any page that ran into a time limit), only the kind of outcome counts, not its text or findings. What the
kiosk says while a page loads is not digested either: how much of its reading a key cuts off is timing.

``--artifacts DIR`` keeps the gds run's artifacts; ``replay DIR`` judges them again with ``audit replay`` in
the given tree. Two trees replaying the same artifacts must agree exactly: judging is deterministic, gathering
on a loaded machine is not quite (a focus screenshot a frame late).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
SECTIONS = ("demo", "gds", "hostile", "rehearsal")
REHEARSALS = ("christopher-accessible", "ashleigh-accessible")
HOSTILE_PERSONAS = "christopher,ashleigh"
HOSTILE_LIMIT_S = float(os.environ.get("EMPATHY_LAB_HOSTILE_LIMIT", "20"))   # as tests/browser/test_hostile.py
LOOPBACK = re.compile(r"https?://(?:127\.0\.0\.1|localhost|\[::1\]):\d+")
TIMED = re.compile(r"did not finish|crashed")
DURATION = r"\d+ minutes?(?: \d+ seconds?)?|\d+ seconds?"
DEMO_REFERENCE = re.compile(r"\bMB-[A-Z2-9]{6}\b")   # auditor/demo.py: a random reference for each report sent
SERVER_NOISE = re.compile(r"-{40}\nException occurred during processing of request.*?-{40}\n", re.S)
DROP_KEYS = {"timings", "generated", "took_s", "started", "duration_s", "seconds"}


def clean(value: Any) -> Any:
    """The value with loopback ports, timings and pictures taken out."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in sorted(value.items()) if k not in DROP_KEYS}
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, str):
        if value.startswith("data:image/") or value.endswith((".png", ".jpg", ".webp")):
            return "<picture>"
        return DEMO_REFERENCE.sub("MB-REFERENCE", LOOPBACK.sub("http://HOST", value))
    if isinstance(value, float):
        return round(value, 3)
    return value


def page_digest(page: dict, loose: bool = False) -> dict:
    """One page of report.json as it should stay; ``loose``: only whether it was an error or a result."""
    kind = page.get("status")
    if loose or (kind == "error" and TIMED.search(page.get("error") or "")):
        return {"url": clean(page["url"]), "status": CLOCK}
    keep = {k: page.get(k) for k in ("url", "status", "error", "title", "verdicts", "findings", "outcomes",
                                     "criteria", "artifacts_failed", "sampled")}
    evidence = page.get("evidence") or {}
    keep["transcript"] = evidence.get("transcript")
    # A finding whose text held the demo's random reference has a fingerprint made from it: named by its place.
    ids = {f["id"]: f"{f['rule']}#{i}" for i, f in enumerate(page.get("findings") or [])
           if DEMO_REFERENCE.search(json.dumps(f))}
    if ids:
        keep["findings"] = [dict(f, id=ids.get(f["id"], f["id"])) for f in keep["findings"]]
        keep["verdicts"] = {who: {k: [ids.get(i, i) for i in v] if isinstance(v, list) else v
                                  for k, v in verdict.items()} for who, verdict in keep["verdicts"].items()}
    return clean(keep)


def figures(pages: list[dict]) -> dict:
    findings = [f for p in pages for f in p.get("findings") or []]
    return {"pages": len(pages), "errors": sum(p.get("status") == "error" for p in pages),
            "findings": len(findings), "fail": sum(f.get("outcome") == "fail" for f in findings),
            "review": sum(f.get("outcome") == "review" for f in findings)}


def section(items: Any, counts: dict) -> dict:
    text = json.dumps(items, sort_keys=True, ensure_ascii=False)
    return {"figures": counts, "sha256": hashlib.sha256(text.encode()).hexdigest(), "items": items}


def run(tree: Path, args: list[str], timeout: float = 1800) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tree), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    proc = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=timeout)
    # A test server's own report of a client that hung up (socketserver prints it between dashed lines) is no
    # fault of the code under test.
    stderr = SERVER_NOISE.sub("", proc.stderr)
    if "Traceback" in stderr:
        raise SystemExit(f"digest: {' '.join(args[:3])} failed in {tree}:\n{proc.stderr[-3000:]}")
    return proc


def audit(tree: Path, urls: list[str], out: Path, *extra: str) -> dict:
    proc = run(tree, ["-m", "auditor.cli", *urls, "--out", str(out), "--format", "json", *extra])
    report = out / "report.json"
    if not report.is_file():
        raise SystemExit(f"digest: audit wrote no report (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    data = json.loads(report.read_text("utf-8"))
    data["exit"] = proc.returncode
    return data


def report_section(report: dict, loose: set[str] = frozenset()) -> dict:
    pages = report["pages"]
    items = {"exit": report["exit"],
             "pages": [page_digest(p, loose=p["url"].rsplit("/", 1)[-1] in loose) for p in pages]}
    return section(items, figures(pages))


def demo(tree: Path, work: Path) -> dict:
    return report_section(audit(tree, [], work / "demo"))


def serve_corpus(corpus: Path):
    spec = importlib.util.spec_from_file_location("detect", HERE / "benchmarks" / "detect.py")
    detect = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(detect)
    return detect.serve(corpus)


def gds(tree: Path, work: Path, corpus: Path, artifacts: Path | None) -> dict:
    httpd, base = serve_corpus(corpus)
    try:
        urls = [f"{base}tests/{page.name}" for page in sorted((corpus / "tests").glob("*.html"))]
        extra = ["--persona", "all", "--concurrency", "2", "--no-screenshots"]
        if artifacts is not None:
            extra += ["--save-artifacts", str(artifacts)]
        return report_section(audit(tree, urls, work / "gds", *extra))
    finally:
        httpd.shutdown()


def hostile(tree: Path, work: Path) -> dict:
    spec = importlib.util.spec_from_file_location("hostile_server", HERE / "tests" / "hostile" / "server.py")
    server_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server_mod)
    either = {name for name, (_, expected) in server_mod.CORPUS.items() if expected == "either"}
    with server_mod.HostileServer() as server:
        order = [server_mod.NORMAL[0], *server_mod.CORPUS, *server_mod.NORMAL]
        report = audit(tree, [server.url(p) for p in order], work / "hostile", "--persona", HOSTILE_PERSONAS,
                       "--concurrency", "2", "--timeout", f"{HOSTILE_LIMIT_S:g}", "--no-screenshots")
    return report_section(report, loose=either)


def rehearsal(tree: Path, work: Path) -> dict:
    items = {}
    for name in REHEARSALS:
        record = work / "rehearsal" / name
        proc = run(tree, ["-m", "kiosk.cli", "--headless", "--script", name, "--record", str(record)])
        timings = json.loads((record / "timings.json").read_text("utf-8")) if (record / "timings.json").is_file() \
            else {}
        speech = record / "speech.log"
        spoken = [line.split("\t", 1)[-1] for line in speech.read_text("utf-8").splitlines()] \
            if speech.is_file() else []
        last = re.sub(r"\d+", "N", re.sub(DURATION, "TIME", spoken[-1])) if spoken else None
        items[name] = clean({"exit": proc.returncode, "outcome": timings.get("outcome"),
                             "scenes": timings.get("scenes"), "screenshots": timings.get("screenshots"),
                             "waits_timed_out": timings.get("waits_timed_out"), "last_spoken": last})
    counts = {"rehearsals": len(items),
              "finished": sum(bool((i["outcome"] or {}).get("finished")) for i in items.values())}
    return section(items, counts)


def replay(tree: Path, artifacts: Path, work: Path) -> dict:
    out = work / "replay"
    proc = run(tree, ["-m", "auditor.cli", "replay", str(artifacts), "--out", str(out), "--format", "json"])
    data = json.loads((out / "report.json").read_text("utf-8"))
    data["exit"] = proc.returncode
    return report_section(data)


CLOCK = "error or result (decided by the clock)"


def _align(a: Any, b: Any) -> tuple[Any, Any, int]:
    """A page that ran into a time limit in one run (the machine's load decides that) is compared by its kind
    only in both; returns the two sides and how many pages that was."""
    if not (isinstance(a, dict) and isinstance(b, dict) and isinstance(a.get("pages"), list)
            and isinstance(b.get("pages"), list) and len(a["pages"]) == len(b["pages"])):
        return a, b, 0
    pages_a, pages_b, clocked = [], [], 0
    for pa, pb in zip(a["pages"], b["pages"]):
        if CLOCK in (pa.get("status"), pb.get("status")) and pa != pb:
            pa = pb = {"url": pa.get("url"), "status": CLOCK}
            clocked += 1
        pages_a.append(pa)
        pages_b.append(pb)
    return dict(a, pages=pages_a), dict(b, pages=pages_b), clocked


def compare(before: dict, after: dict) -> int:
    differ = 0
    print(f"{'section':<10} {'same':<5} figures before -> after")
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a is None or b is None:
            print(f"{name:<10} {'-':<5} only in {'after' if a is None else 'before'}")
            continue
        items_a, items_b, clocked = _align(a["items"], b["items"])
        same = items_a == items_b
        differ += not same
        fig = ", ".join(f"{k} {a['figures'].get(k)}" + ("" if a["figures"].get(k) == b["figures"].get(k)
                                                          else f"->{b['figures'].get(k)}") for k in b["figures"])
        note = f" ({clocked} page{'s' if clocked != 1 else ''} hit a time limit in one run: compared by kind only)" \
            if clocked else ""
        print(f"{name:<10} {'yes' if same else 'NO':<5} {fig}{note}")
        if not same:
            for line in first_differences(items_a, items_b):
                print(f"    {line}")
    return 1 if differ else 0


def first_differences(a: Any, b: Any, path: str = "", limit: int = 12) -> list[str]:
    out: list[str] = []

    def walk(x: Any, y: Any, where: str) -> None:
        if len(out) >= limit or x == y:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for k in sorted(set(x) | set(y), key=str):
                walk(x.get(k), y.get(k), f"{where}.{k}")
        elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            for i, (p, q) in enumerate(zip(x, y)):
                walk(p, q, f"{where}[{i}]")
        else:
            out.append(f"{where}: {json.dumps(x)[:160]} -> {json.dumps(y)[:160]}")

    walk(a, b, path)
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["compare"]:
        p = argparse.ArgumentParser(prog="benchmarks.digest compare")
        p.add_argument("before")
        p.add_argument("after")
        args = p.parse_args(argv[1:])
        return compare(*(json.loads(Path(f).read_text("utf-8")) for f in (args.before, args.after)))
    p = argparse.ArgumentParser(prog="benchmarks.digest", description=__doc__.split("\n\n")[0])
    p.add_argument("mode", nargs="?", choices=("run", "replay"), default="run")
    p.add_argument("artifacts_in", nargs="?", metavar="ARTIFACTS_DIR", help="replay: the saved artifacts")
    p.add_argument("--tree", default=str(HERE), help="the checkout whose code runs (default: this one)")
    p.add_argument("--only", default=",".join(SECTIONS), help="sections, comma-separated")
    p.add_argument("--corpus", default=str(HERE.parent / "shared" / "corpus" / "gds-tool-audit"))
    p.add_argument("--artifacts", help="keep the gds run's artifacts here (for replay)")
    p.add_argument("--out", default="-", help="the digest's file (default: standard output)")
    args = p.parse_args(argv)
    tree = Path(args.tree).resolve()
    digest: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="elab-digest-") as tmp:
        work = Path(tmp)
        if args.mode == "replay":
            if not args.artifacts_in:
                p.error("replay needs ARTIFACTS_DIR")
            digest["replay"] = replay(tree, Path(args.artifacts_in).resolve(), work)
        else:
            for name in args.only.split(","):
                if name not in SECTIONS:
                    p.error(f"--only: unknown section {name!r} (expected {', '.join(SECTIONS)})")
                print(f"digest: {name} in {tree} ...", file=sys.stderr, flush=True)
                if name == "gds":
                    digest[name] = gds(tree, work, Path(args.corpus),
                                       Path(args.artifacts).resolve() if args.artifacts else None)
                else:
                    digest[name] = globals()[name](tree, work)
                print(f"digest: {name}: {digest[name]['figures']}", file=sys.stderr, flush=True)
    text = json.dumps(digest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
