"""The ``kiosk`` command.

::

    kiosk [--windowed] [--size WxH] [--config FILE]          run the kiosk (fullscreen by default)
    kiosk --headless --script FILE --record DIR               play a rehearsal script with no display
    kiosk export [--config FILE | --data FILE] --format csv|json [--out FILE]

Exit codes: 0 fine; 1 a rehearsal's outcome was not the one its script expected; 2 bad options or files
(every problem listed as ``file:line: key: message``); 3 the kiosk could not run (no browser), or a
rehearsal's task could not be tried (its page would not open or stopped answering: outcome "crashed").
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from auditor.errors import EmpathyLabError, UsageError


def _process_start() -> float:
    """The process's start on the time.monotonic() clock (Linux: from /proc), so startup includes imports."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        age = uptime - start_ticks / ticks
        return time.monotonic() - max(0.0, age)
    except (OSError, ValueError, IndexError):
        return time.monotonic()


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected WIDTHxHEIGHT, e.g. 1280x800") from None
    if not (640 <= w <= 7680 and 480 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r}: expected a size from 640x480 to 7680x4320")
    return w, h


def _run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="Empathy Lab's kiosk: try a council task as a persona.",
                                epilog="Also: 'kiosk export --format csv|json' writes the lab observations.")
    p.add_argument("--windowed", action="store_true", help="run in a window instead of fullscreen")
    p.add_argument("--size", type=_size, metavar="WxH", help="window size (default 1280x800; a script's size)")
    p.add_argument("--config", metavar="FILE", help="kiosk settings (YAML): PIN, personas, idle timeout, data dir")
    p.add_argument("--headless", action="store_true", help="no display (SDL's dummy drivers); needs --script")
    p.add_argument("--script", metavar="FILE", help="play a rehearsal script (YAML), or a shipped one by name: "
                   "christopher-accessible, claudia-inaccessible, ...")
    p.add_argument("--record", metavar="DIR", help="where a script writes screenshots, speech.log, timings.json")
    p.add_argument("--personas", metavar="DIR", help="persona folder (default: the project's personas/)")
    p.add_argument("--scenarios", metavar="DIR", help="scenario folder (default: the project's scenarios/)")
    return p


def _export_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk export", description="Write the lab observations as CSV or JSON.")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--out", metavar="FILE", help="output file (default: standard output)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--config", metavar="FILE", help="kiosk settings naming the data dir")
    src.add_argument("--data", metavar="FILE", help="the observations database itself")
    return p


def main(argv: list[str] | None = None) -> int:
    started = _process_start()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["export"]:
            return export_main(argv[1:])
        return run_main(argv, started)
    except EmpathyLabError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


def export_main(argv: list[str]) -> int:
    from kiosk.config import load_config
    from kiosk.observations import load, to_csv, to_json

    args = _export_parser().parse_args(argv)
    path = Path(args.data) if args.data else load_config(args.config).observations_path
    if args.data and not path.is_file():
        raise UsageError(f"--data: {path}: no such file")
    rows = load(path)
    text = to_csv(rows) if args.format == "csv" else to_json(rows)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--out: {args.out}: cannot write: {exc.strerror}") from None
        print(f"kiosk: wrote {len(rows)} observations to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_main(argv: list[str], started: float) -> int:
    args = _run_parser().parse_args(argv)
    if args.headless and not args.script:
        raise UsageError("--headless needs --script FILE (and --record DIR)")
    if args.script and not args.record:
        raise UsageError("--script needs --record DIR (where screenshots and timings.json go)")
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ["SDL_AUDIODRIVER"] = "dummy"

    from auditor.model.persona import load_personas
    from auditor.model.scenario import load_scenario, load_scenarios
    from kiosk.config import is_scenario_path, load_config
    from kiosk.script import load_script

    config = load_config(args.config)
    personas = load_personas(args.personas)
    scenarios = load_scenarios(args.scenarios)
    station_file = config.scenario if config.scenario and is_scenario_path(config.scenario) else None
    if station_file:   # a team's own task, offered from its own file (and read again on a reload)
        try:
            own = load_scenario(station_file)
        except UsageError as exc:
            raise UsageError(f"{config.path}:{config.line_of('scenario')}: scenario: {exc}") from None
        scenarios = {**scenarios, own.id: own}
        config = replace(config, scenario=own.id)
    script = load_script(args.script) if args.script else None
    first = None
    if script is not None:
        problems = []
        if script.persona is not None and script.persona not in personas:
            problems.append(f"{script.path}:{script.line_of('persona')}: persona: no persona '{script.persona}' "
                            f"(known: {', '.join(sorted(personas))})")
        if script.scenario is not None:
            try:
                scenario = scenarios.get(script.scenario) or load_scenario(script.scenario, args.scenarios)
                scenarios = {**scenarios, scenario.id: scenario}
                first = scenario
            except UsageError as exc:
                problems.append(f"{script.path}:{script.line_of('scenario')}: scenario: {exc}")
        if problems:
            raise UsageError("\n".join(problems))
    if first is None:
        from kiosk.app import check_station

        check_station(config, personas, scenarios)
    record_dir = Path(args.record) if args.record else None
    if record_dir is not None:
        record_dir.mkdir(parents=True, exist_ok=True)
        for old in ("speech.log", "timings.json", "observations.sqlite", "observations.sqlite-wal",
                    "observations.sqlite-shm"):
            (record_dir / old).unlink(missing_ok=True)

    def reload_scenarios() -> dict:
        found = load_scenarios(args.scenarios)
        if station_file:
            own = load_scenario(station_file)
            found[own.id] = own
        return found

    return _run(args, config, personas, scenarios, script, first, record_dir, started,
                lambda: load_personas(args.personas), reload_scenarios)


def _run(args, config, personas, scenarios, script, first_scenario, record_dir, started, reload_p, reload_s) -> int:
    from kiosk.app import KioskApp, default_store_path, open_window
    from kiosk.observations import ObservationStore
    from kiosk.rehearsal import Rehearsal
    from kiosk.speech_api import make_speaker

    size = args.size or (script.size if script else (1280, 800))
    fullscreen = not (args.windowed or args.headless or script is not None)
    screen = open_window(size, fullscreen)
    script_persona = personas.get(script.persona) if script is not None and script.persona else None
    speaker = make_speaker(record_dir / "speech.log" if record_dir else None, voice=config.voice,
                           persona=script_persona, engine=config.speech)
    store = ObservationStore(default_store_path(config, record_dir), station=config.station)
    app = KioskApp(config, personas, scenarios, speaker, store, screen, loaders=(reload_p, reload_s),
                   warm_browser=True)
    driver = None
    first_scene = None
    if script is not None:
        driver = Rehearsal(script, record_dir, started, starts_live=first_scenario is not None)
        if first_scenario is not None:
            from kiosk.scenes.live import LiveScene

            persona = personas[script.persona]
            version = script.version or (config.version if first_scenario.start.startswith("demo:") else None)
            app.begin_visit(persona)
            first_scene = LiveScene(app, persona, first_scenario, version)
    try:
        app.run(driver, first_scene)
    finally:
        import pygame

        pygame.quit()
    if driver is None:
        return 0
    data = driver.write(app)
    outcome = data["outcome"]
    p95 = data["key_to_frame_p95_ms"]
    print(f"kiosk: rehearsal done: startup {data['startup_s']} s, key to frame p95 "
          f"{p95 if p95 is not None else '-'} ms, fps {data['fps'] or '-'}, "
          f"outcome {outcome['ended'] if outcome else 'no task'}", file=sys.stderr)
    if outcome and outcome["ended"] == "crashed":
        print(f"kiosk: {script.path}: the task could not be tried: the page would not open or stopped answering "
              f"({app.log[-2] if len(app.log) > 1 else 'see above'})", file=sys.stderr)
        return 3
    if script.expect_finished is not None:
        finished = bool(outcome and outcome["finished"])
        if finished != script.expect_finished:
            print(f"kiosk: {script.path}:{script.line_of('expect_finished')}: expect_finished: expected the task "
                  f"to {'finish' if script.expect_finished else 'stay unfinished'}, but it "
                  f"{'finished' if finished else 'did not finish'}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
