"""``python benchmarks/kiosk.py [--minutes N] [--repeat N]``: the kiosk's targets, measured through
``kiosk --headless --script`` (as a facilitator's rehearsal runs it) and /proc.

| figure | target | how |
|---|---|---|
| start to attract | <= 5 s | a script with no scenario: ``startup_s`` (process start to the first drawn frame) |
| "Start the task" to live page | <= 3 s | attract -> choose -> briefing -> Start: ``live_page_s`` (key to the first page frame) |
| key to frame | p95 <= 100 ms | Christopher: 24 Tabs, End, Home on the accessible start page: ``key_to_frame_ms`` |
| page frame rate | >= 30 fps | frames drawn while the page scrolls (PageDown/PageUp bursts): ``fps`` |
| idle CPU | <= 5% | kiosk + Chromium tree, /proc utime+stime over 20 s with the live page still; and at attract |
| key to speech | p95 <= 150 ms | Ashleigh: Tab, Down, H, F, K on the accessible demo: ``key_to_speech_ms`` |
| key to silence | p95 <= 30 ms | the same run: ``key_to_silence_ms`` |
| PSS | <= 800 MB, flat | sum of Pss (/proc/PID/smaps_rollup) over the kiosk's process tree, sampled every 5 s while a |
|  |  | script goes attract -> task -> debrief -> attract again and again for ``--minutes`` (default 2; 60 for the hour); |
|  |  | flatness (2nd half against 1st) is judged from 10 minutes up: a short soak's halves differ by where its visits fell |

CPU % is of one core (100% = one core busy). Every figure is printed with the load average at the time:
the machine may be shared, so run with nothing else going for figures to quote (``nice`` does not help a
benchmark; it is the others that should be niced). Exit code 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.soak import pss_mb, tree_pids  # noqa: E402  (the soak's /proc readings, shared)

ROOT = Path(__file__).resolve().parents[1]
CLK_TCK = os.sysconf("SC_CLK_TCK")
FLAT_JUDGED_FROM_MIN = 10  # a shorter soak's halves differ by where its few visits fell (see main)


# -- /proc ----------------------------------------------------------------------------------------

def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            continue
    return total / CLK_TCK


def load_average() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


# -- running the kiosk ----------------------------------------------------------------------------

class Run:
    """One ``kiosk --headless --script`` process, with its record directory."""

    def __init__(self, script: dict, workdir: Path, name: str):
        self.dir = workdir / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.script_path = workdir / f"{name}.yaml"
        self.script_path.write_text(yaml.safe_dump(script, sort_keys=False), encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "--headless", "--script",
                                      str(self.script_path), "--record", str(self.dir)],
                                     cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def wait_for(self, shot: str, timeout: float = 120) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if (self.dir / f"{shot}.png").exists():
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def finish(self, timeout: float = 300) -> dict:
        try:
            _, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        path = self.dir / "timings.json"
        if not path.exists():
            raise SystemExit(f"benchmark: the kiosk run {self.script_path.name} wrote no timings:\n{err[-2000:]}")
        return json.loads(path.read_text("utf-8"))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def live(persona: str, events: list, version: str = "accessible", scenario: str = "missed-bin-quick") -> dict:
    return {"persona": persona, "scenario": scenario, "version": version, "events": events}


def visit_loop(times: int) -> list:
    """Attract -> choose (first persona) -> briefing -> task -> some Tabs -> F10 -> debrief -> attract."""
    one = [{"key": "Enter"}, {"key": "Enter"}, {"key": "Enter"}, {"key": "Enter"}, {"wait": 1.0},
           *[{"key": "Tab"}] * 8, {"key": "F10"}, {"wait": 0.5}, {"key": "Escape"}, {"wait": 0.5}]
    return [event for _ in range(times) for event in one]


# -- the measurements -----------------------------------------------------------------------------

def p(values: list[float], q: float) -> float | None:
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    k = (len(values) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def measure_start_and_idle(work: Path) -> dict:
    """Startup to the attract screen, idle CPU at attract, "Start the task" to the live page, idle CPU there."""
    events = [{"wait": 8.0}, {"screenshot": "attract-idle-start"}, {"wait": 20.0}, {"screenshot": "attract-idle-end"},
              {"key": "Enter"}, {"key": "Enter"}, {"key": "Enter"}, {"key": "Enter"}, {"wait": 5.0},
              {"screenshot": "live-idle-start"}, {"wait": 20.0}, {"screenshot": "live-idle-end"}, {"key": "F10"}]
    run = Run({"events": events}, work, "start-idle")
    cpu = {}
    for where in ("attract", "live"):
        if not run.wait_for(f"{where}-idle-start"):
            break
        pids = tree_pids(run.proc.pid)
        t0, c0 = time.monotonic(), cpu_seconds(pids)
        run.wait_for(f"{where}-idle-end")
        pids = [pid for pid in pids if os.path.exists(f"/proc/{pid}")]
        cpu[where] = 100 * (cpu_seconds(pids) - c0) / (time.monotonic() - t0)
        cpu[f"{where}_load"] = load_average()
    data = run.finish()
    return {"startup_s": data["startup_s"], "live_page_s": data["live_page_s"], "cpu": cpu, "load": load_average()}


def measure_keys(work: Path) -> dict:
    events = [{"wait": 1.0}, *[{"key": "Tab"}] * 24, {"key": "End"}, {"key": "Home"},
              *[{"key": k} for k in ("PageDown", "PageDown", "PageUp", "PageUp")] * 3]
    data = Run(live("christopher", events), work, "keys").finish()
    return {"key_to_frame_ms": data["key_to_frame_ms"], "fps": data["fps"], "loop_fps": data["loop_fps"],
            "load": load_average()}


def measure_speech(work: Path) -> dict:
    keys = ["Control", "Tab", "Tab", "Tab", "ArrowDown", "ArrowDown", "h", "h", "k", "k", "ArrowDown", "Tab",
            "shift+Tab", "ArrowUp", "d", "ArrowDown", "ArrowDown", "ArrowDown", "Tab", "Tab"]
    data = Run(live("ashleigh", [{"wait": 1.5}, *[{"key": k} for k in keys]]), work, "speech").finish()
    return {"key_to_speech_ms": data["key_to_speech_ms"], "key_to_silence_ms": data["key_to_silence_ms"],
            "load": load_average()}


def measure_memory(work: Path, minutes: float) -> dict:
    run = Run({"events": visit_loop(2000)}, work, "soak")
    samples: list[tuple[float, float, str]] = []
    start = time.monotonic()
    try:
        while time.monotonic() - start < minutes * 60 and run.proc.poll() is None:
            samples.append((time.monotonic() - start, pss_mb(tree_pids(run.proc.pid)), load_average()))
            time.sleep(5)
    finally:
        run.stop()
    if len(samples) < 4:
        raise SystemExit("benchmark: the soak run stopped early:\n" + (run.proc.stderr.read() or "")[-2000:])
    later = samples[len(samples) // 4:]  # after warm-up (Chromium's first renderer, caches)
    first_half = statistics.fmean(mb for _, mb, _ in later[: len(later) // 2])
    second_half = statistics.fmean(mb for _, mb, _ in later[len(later) // 2:])
    return {"samples": len(samples), "max_mb": max(mb for _, mb, _ in samples),
            "first_mb": later[0][1], "last_mb": samples[-1][1],
            "growth_mb": second_half - first_half, "minutes": minutes, "load": samples[-1][2]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=2.0, help="length of the memory soak (60 for the full hour)")
    ap.add_argument("--repeat", type=int, default=1, help="run the key and speech measurements N times")
    ap.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    args = ap.parse_args(argv)
    rows: list[tuple[str, str, str, bool | None, str]] = []

    def row(name: str, value: float | None, unit: str, target: str, ok: bool | None, load: str) -> None:
        shown = "-" if value is None else f"{value:.1f} {unit}".strip()
        rows.append((name, shown, target, ok, load))
        print(f"  {name}: {shown} (target {target}; load {load})", file=sys.stderr, flush=True)

    everything: dict = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        work = Path(tmp)
        print(f"benchmark: start and idle (load {load_average()})", file=sys.stderr, flush=True)
        s = everything["start"] = measure_start_and_idle(work)
        row("start to attract", s["startup_s"], "s", "<= 5 s", s["startup_s"] is not None and s["startup_s"] <= 5,
            s["load"])
        row("'Start the task' to live page", s["live_page_s"], "s", "<= 3 s",
            s["live_page_s"] is not None and s["live_page_s"] <= 3, s["load"])
        for where in ("attract", "live"):
            if where in s["cpu"]:
                row(f"idle CPU at {where} (kiosk + Chromium)", s["cpu"][where], "%", "<= 5%", s["cpu"][where] <= 5,
                    s["cpu"][f"{where}_load"])
        frames, fps, speech, silence = [], [], [], []
        for i in range(args.repeat):
            print(f"benchmark: keys, pass {i + 1} (load {load_average()})", file=sys.stderr, flush=True)
            k = measure_keys(work / f"k{i}")
            frames += k["key_to_frame_ms"]
            fps.append(k["fps"])
            key_load = k["load"]
            print(f"benchmark: speech, pass {i + 1} (load {load_average()})", file=sys.stderr, flush=True)
            sp = measure_speech(work / f"s{i}")
            speech += sp["key_to_speech_ms"]
            silence += sp["key_to_silence_ms"]
            speech_load = sp["load"]
        everything["keys"] = {"key_to_frame_ms": frames, "fps": fps}
        everything["speech"] = {"key_to_speech_ms": speech, "key_to_silence_ms": silence}
        p95 = p(frames, 95)
        row("key to frame p50", p(frames, 50), "ms", "-", None, key_load)
        row("key to frame p95", p95, "ms", "<= 100 ms", p95 is not None and p95 <= 100, key_load)
        best_fps = max((f for f in fps if f is not None), default=None)
        row("page frames while scrolling", best_fps, "fps", ">= 30 fps", best_fps is not None and best_fps >= 30,
            key_load)
        for name, values, limit in (("key to speech", speech, 150), ("key to silence", silence, 30)):
            v = p(values, 95)
            row(f"{name} p95 ({len(values)} keys)", v, "ms", f"<= {limit} ms", v is not None and v <= limit,
                speech_load)
        print(f"benchmark: memory soak, {args.minutes:g} min (load {load_average()})", file=sys.stderr, flush=True)
        m = everything["memory"] = measure_memory(work / "soak", args.minutes)
        row("PSS max (kiosk + Chromium)", m["max_mb"], "MB", "<= 800 MB", m["max_mb"] <= 800, m["load"])
        # Each visit opens and closes a renderer, so PSS swings by a hundred MB within a visit: the halves of a
        # soak of a few visits differ by where the visits fell, not by a leak.
        judged = m["minutes"] >= FLAT_JUDGED_FROM_MIN
        flat = abs(m["growth_mb"]) <= max(20.0, 0.05 * m["first_mb"]) if judged else None
        row(f"PSS growth, 2nd half - 1st half of {m['minutes']:g} min", m["growth_mb"], "MB",
            "flat (<= 5%)" if judged else f"judged >= {FLAT_JUDGED_FROM_MIN} min", flat, m["load"])
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure'.ljust(width)}  {'measured':>12}  {'target':>12}  {'met':>4}  load average (1/5/15 min)")
    for name, shown, target, ok, load in rows:
        met = "-" if ok is None else ("yes" if ok else "NO")
        print(f"{name.ljust(width)}  {shown:>12}  {target:>12}  {met:>4}  {load}")
    if args.json:
        Path(args.json).write_text(json.dumps(everything, indent=2) + "\n", encoding="utf-8")
    return 0 if all(ok is not False for *_, ok, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
