"""``python benchmarks/bench_speech.py``: how fast does the kiosk speak, and how fast does it fall silent?

Three tables:

1. **Routes to audio**: time to synthesise short phrases with libespeak-ng (ctypes, the route taken), the
   espeak-ng program (``--stdout``), and pyttsx3's ``save_to_file`` (in a child process: its driver loads the
   same library with other settings).
2. **Voice**: ~50 phrases spoken as key presses come in at random intervals (0.1-0.6 s, so that many cut the
   previous phrase off): key to start of speech and key to silence, p50/p95/max. Targets: <= 150 ms p95 and
   <= 30 ms p95.
3. **Screen reader on the demo** (``--page``, needs Chromium): the same two figures for reader keys (Down,
   H, K, F, Tab...) over the bundled demo's pages, where Tab includes the page moving focus and the tree
   being read again.

Playback goes through pygame's mixer: the real sound device, else SDL's dummy driver (which plays in real
time), else no device at all (then "start of speech" is the moment the audio was ready to play).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time

PHRASES = [
    "Skip to main content, link", "banner landmark", "Eastbrook Borough Council, link",
    "Report a missed bin collection, heading level 1", "main landmark", "Postcode, edit text, required",
    "For example, E8 1DY", "Continue, button", "Which bin was missed?, grouping",
    "General waste, radio button, not checked, 1 of 4", "Recycling, radio button, not checked, 2 of 4",
    "Garden waste, radio button, checked, 3 of 4", "Food waste, radio button, not checked, 4 of 4",
    "There is a problem, alert", "Enter a real postcode, link", "Email address, edit text, invalid entry",
    "Date of the missed collection, grouping", "Day, edit text", "Month, edit text", "Year, edit text",
    "out of list, Change, link", "Check your answers before sending your report, heading level 1",
    "Use this service to tell us if your bin was not emptied on your collection day.",
    "You can report a missed collection for general waste, recycling, garden waste and food waste.",
    "content info landmark", "Support links, navigation landmark", "list, 2 items",
]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def row(name: str, values: list[float], target: float | None = None) -> str:
    p95 = pct(values, 0.95)
    verdict = "" if target is None else ("  ok" if p95 <= target else f"  OVER {target:g} ms")
    return (f"{name:<28} {len(values):>4} {pct(values, 0.5):>9.1f} {p95:>9.1f} {max(values, default=float('nan')):>9.1f}"
            f"{verdict}")


HEADER = f"{'measure':<28} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}"

PYTTSX3_CHILD = r"""
import os, sys, tempfile, time, json, contextlib, io
import pyttsx3
engine = pyttsx3.init("espeak")
times = []
for text in json.loads(sys.argv[1]):
    path = tempfile.mktemp(suffix=".wav")
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        engine.save_to_file(text, path)
        engine.runAndWait()
    with open(path, "rb") as f:
        f.read()
    times.append((time.perf_counter() - start) * 1000)
    os.remove(path)
print(json.dumps(times))
"""


def bench_routes(phrases: list[str]) -> list[str]:
    import json

    from kiosk.voice import EspeakProcess, LibEspeak, SpeechError

    lines = []
    for name, factory in (("libespeak-ng (ctypes)", LibEspeak.shared), ("espeak-ng --stdout", EspeakProcess)):
        try:
            synth = factory()
        except SpeechError as exc:
            lines.append(f"{name:<28} unavailable: {exc}")
            continue
        times = []
        for text in phrases:
            start = time.perf_counter()
            synth.synthesize(text, "en-gb", 175)
            times.append((time.perf_counter() - start) * 1000)
        lines.append(row(name, times))
    try:
        done = subprocess.run([sys.executable, "-c", PYTTSX3_CHILD, json.dumps(phrases)], capture_output=True,
                              text=True, timeout=120)
        lines.append(row("pyttsx3 save_to_file", json.loads(done.stdout.strip().splitlines()[-1])))
    except Exception as exc:  # pyttsx3 missing or failing: say so, the rest stands
        lines.append(f"{'pyttsx3 save_to_file':<28} unavailable: {exc}")
    return lines


def open_bench_voice(rate: int):
    from kiosk.voice import MixerPlayer, open_voice

    voice = open_voice(rate=rate)
    if not isinstance(voice.player, MixerPlayer) and "SDL_AUDIODRIVER" not in os.environ:
        voice.close()
        os.environ["SDL_AUDIODRIVER"] = "dummy"
        voice = open_voice(rate=rate)
    return voice


def describe(voice) -> str:
    player = type(voice.player).__name__
    if player == "MixerPlayer":
        import pygame

        player += f" ({pygame.mixer.get_init()}, SDL_AUDIODRIVER={os.environ.get('SDL_AUDIODRIVER', 'default')})"
    return f"{type(voice.synth).__name__} -> {player}, voice {voice.voice}, {voice.rate} wpm"


def bench_voice(count: int, rate: int, seed: int) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    voice = open_bench_voice(rate)
    try:
        for i in range(count):
            voice.speak(PHRASES[i % len(PHRASES)], at=time.perf_counter())
            time.sleep(rng.uniform(0.1, 0.6))
        voice.stop(at=time.perf_counter())
        voice.wait_idle(5)
        lines = [row("key -> start of speech", voice.timings["key_to_speech_ms"], 150),
                 row("key -> silence", voice.timings["key_to_silence_ms"], 30)]
        return describe(voice), lines
    finally:
        voice.close()


def bench_page(count: int, rate: int, seed: int) -> tuple[str, list[str]]:
    from auditor.browser import Browser
    from auditor.demo import DemoServer
    from kiosk.screenreader import make_reader

    rng = random.Random(seed)
    voice = open_bench_voice(rate)
    keys = ["ArrowDown"] * 4 + ["ArrowUp", "h", "k", "f", "d", "Tab", "Tab", "Shift+Tab", "Shift+h"]
    per_key: dict[str, list[float]] = {}
    try:
        with DemoServer() as server, Browser(shell=False) as browser:   # (the kiosk's browser)
            for path in ("accessible/start", "inaccessible/start", "accessible/postcode"):
                page = browser.new_page()
                page.goto(server.url + path)
                reader = make_reader(page, browser.cdp(page), voice)
                reader.update()
                for _ in range(count // 3):
                    name = rng.choice(keys)
                    before = len(voice.timings["key_to_speech_ms"])
                    if not reader.handle_key(name):
                        page.keyboard.press(name)
                        reader.after_input()
                    end = time.perf_counter() + rng.uniform(0.1, 0.6)
                    while time.perf_counter() < end:
                        reader.update()
                        time.sleep(0.016)
                    per_key.setdefault(name.split("+")[-1] if name != "Shift+Tab" else "Tab",
                                       []).extend(voice.timings["key_to_speech_ms"][before:])
                reader.close()
                page.context.close()
        lines = [row("key -> start of speech", voice.timings["key_to_speech_ms"], 150),
                 row("key -> silence", voice.timings["key_to_silence_ms"], 30)]
        lines += [row(f"  {name}", values) for name, values in sorted(per_key.items())]
        return describe(voice), lines
    finally:
        voice.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50, help="key presses to time (default 50)")
    parser.add_argument("--rate", type=int, default=300, help="words a minute (default 300, a practised user)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--page", action="store_true", help="also time the screen reader on the demo (Chromium)")
    args = parser.parse_args(argv)
    if args.count < 3:
        parser.error("--count: at least 3")

    print("Routes to audio (synthesis only, %d phrases)" % len(PHRASES))
    print(HEADER)
    print("\n".join(bench_routes(PHRASES)))
    print()
    setup, lines = bench_voice(args.count, args.rate, args.seed)
    print(f"Voice: {setup}")
    print(HEADER)
    print("\n".join(lines))
    if args.page:
        print()
        setup, lines = bench_page(args.count, args.rate, args.seed)
        print(f"Screen reader on the demo service: {setup}")
        print(HEADER)
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
