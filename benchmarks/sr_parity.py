"""``make bench-sr``: does Empathy Lab's screen reader say what a real one says? Orca is the reference.

For each page of the corpus (every page of the bundled demo service, both versions; the shared GDS
accessibility-tool-audit pages; the pages in benchmarks/sr_pages/ with forms, tables, landmarks, live regions
and dialogs) the same keys go to GNOME Orca on Chromium (benchmarks/orca_session.py) and to the kiosk's screen
reader (kiosk/screenreader.py) on the project's headless Chromium:

=============  ===========  ==========================================================================
key kind       Orca         Empathy Lab (NVDA's keys)
=============  ===========  ==========================================================================
tab            Tab          Tab (from the top of a freshly loaded page)
shift_tab      Shift+Tab    Shift+Tab (after the Tabs)
heading        h            h        (each quick key from the top of the page)
link           k            k
field          Orca+Tab     f
landmark       m            d        (Orca speaks the landmark's first line: compared with that)
line           say all      the auditor's reading-order transcript, stop by stop, in order
=============  ===========  ==========================================================================

Each key is pressed as many times as Empathy Lab finds things of its kind (at most ``--cap``), so neither
reader runs off the end, where they differ by design (Orca wraps to the top; NVDA says "no next heading").
A key agrees when both reached the same element and said the same name, role (through a vocabulary map),
states and value (benchmarks/sr_compare.py). Prints agreement per key kind and per page, and every
disagreement; writes reports/bench/sr_parity.json. Demo pages are snapshots (their HTML as a visitor with
earlier answers gets it), so both readers see the same page without sharing a session.

Exit code: 0 when overall and every page's agreement is at least ``--min-agreement`` %, 1 when not, 2 for bad
arguments, 3 when Orca or Chromium cannot run here.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(Path(__file__).resolve().parent))   # after the packages: benchmarks/kiosk.py is not kiosk/

from auditor.browser import Browser  # noqa: E402
from auditor.commands.demo_run import _session  # noqa: E402
from auditor.demo import COOKIE, EXTRA_PAGES, PAGES, VERSIONS, DemoServer  # noqa: E402
from auditor.model import phrasing  # noqa: E402
from auditor.model.axnode import AXNode, from_dict, to_dict  # noqa: E402
from auditor.paths import reports_dir  # noqa: E402
from kiosk.screenreader import CdpPage, ScreenReader, focused_node  # noqa: E402
from orca_session import OrcaSession, OrcaUnavailable, missing  # noqa: E402
from sr_compare import compare, element_speech, same_place, say_all_reached  # noqa: E402

OWN_PAGES = Path(__file__).resolve().parent / "sr_pages"
GDS = ROOT.parent / "shared" / "corpus" / "gds-tool-audit"

# kind -> (Orca's key, Empathy Lab's key)
KEYS = {
    "tab": ("Tab", "Tab"), "shift_tab": ("shift+Tab", "Shift+Tab"), "heading": ("h", "h"), "link": ("k", "k"),
    "field": ("Insert+Tab", "f"), "landmark": ("m", "d"),
}
# Roles Empathy Lab's form-field key (NVDA's F) stops on and Orca's form-field key does not (Orca's list is
# check box, radio button, combo box, list box, entry, password text, push button, spin button, text). Orca's
# key also passes over a disabled field ("grayed"); NVDA's stops on it ("unavailable").
NOT_ORCA_FIELDS = {"DisclosureTriangle", "switch", "slider"}
# Live regions: Orca 43's say-all does not read their text (it says "statusbar" for role=status and nothing for
# an alert); compared on Tab and quick keys, left out of the say-all comparison (docs/screen-reader.md).
LIVE_ROLES = {"status", "alert", "log", "marquee", "timer"}
QUICK = {"heading": "heading", "link": "link", "field": "field", "landmark": "landmark"}
KIND_ORDER = [*KEYS, "line"]

def demo_snapshots(demo_url: str, folder: Path) -> list[str]:
    """Every demo page's HTML as a visitor who answered the questions before it gets it (the audit's own
    sessions: auditor/commands/demo_run.py), with a <base> so that its styles and scripts still come from the
    demo server. Returns the file names written."""
    written = []
    for version in VERSIONS:
        for page in (*PAGES, *EXTRA_PAGES[version]):
            cookie = _session(demo_url, version, submit=page == "confirmation", upto=page)
            request = urllib.request.Request(f"{demo_url}{version}/{page}", headers={"Cookie": f"{COOKIE}={cookie}"})
            with urllib.request.urlopen(request, timeout=10) as reply:
                html = reply.read().decode("utf-8")
            html = re.sub(r"(<head[^>]*>)", rf'\1<base href="{demo_url}">', html, count=1, flags=re.I)
            name = f"{version}-{page}.html"
            (folder / name).write_text(html, encoding="utf-8")
            written.append(name)
    return written


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass    # (a browser that went away before its favicon's 404 was written: nothing to say)


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def corpus(folder: Path, demo_url: str, only: list[str], gds: Path) -> list[str]:
    """The corpus's pages as paths under ``folder`` (served), filtered by ``only`` (substrings)."""
    (folder / "demo").mkdir()
    pages = [f"demo/{n}" for n in demo_snapshots(demo_url, folder / "demo")]
    (folder / "own").symlink_to(OWN_PAGES)
    pages += [f"own/{p.name}" for p in sorted(OWN_PAGES.glob("*.html"))]
    if gds.is_dir():
        (folder / "gds").symlink_to(gds)
        pages += [f"gds/tests/{p.name}" for p in sorted((gds / "tests").glob("*.html"))]
    if only:
        pages = [p for p in pages if any(o in p for o in only)]
    return pages


# -- Empathy Lab's side ------------------------------------------------------------------------------------
class Recorder:
    """A speaker that keeps what it is told to say."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def speak(self, text: str, interrupt: bool = True) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass


def _reader(browser: Browser, page, url: str) -> tuple[ScreenReader, Recorder, CdpPage]:
    page.goto(url, wait_until="load")
    cdp_page = CdpPage(page, browser.cdp(page))
    speaker = Recorder()
    reader = ScreenReader(cdp_page, speaker, read_on_load=False)
    reader._check_document()       # the page announced, as the kiosk does on its first frame
    return reader, speaker, cdp_page


def _first_line(reader: ScreenReader) -> None:
    """Put the reading cursor where a screen reader's caret is on a page just loaded: on the first thing
    with content (not on a landmark's or list's entry)."""
    stops = reader._stops
    reader.cursor = next((i for i, s in enumerate(stops) if not s.exit and not phrasing.entry_phrase(s.node)), -1)


def _label_text(stops: list[tuple[str, AXNode]], index: int, near: int = 3) -> bool:
    """A text stop (or a heading: a <label> inside an <h1>) that is a nearby field's label, read again as the
    field's name. Orca's say-all reads a label once, as the field's name, and skips the heading that holds it
    (NVDA reads both, as Empathy Lab does): a difference by design, left out of the line comparison."""
    phrase, node = stops[index]
    if node.role not in ("StaticText", "heading"):
        return False
    text = " ".join((node.name if node.role == "heading" else phrase).split()).casefold()
    for _, other in stops[max(0, index - near):index + near + 1]:
        if other.role in phrasing.FIELD_ROLES and other.name_from == "label" \
                and " ".join(other.name.split()).casefold() == text:
            return True
    return False


def _empty_heading(node: AXNode) -> bool:
    """A heading with no name (no text in it): Orca's heading key and its say-all pass over it (its landmark
    key and caret do stop there); Empathy Lab says "heading level 4" (docs/screen-reader.md)."""
    return node.role == "heading" and not node.name.strip()


def _said(speaker: Recorder, before: int) -> str:
    return ", ".join(speaker.said[before:])


def empathy_lab(browser: Browser, url: str, cap: int) -> dict:
    """The keys' phrases and nodes on Empathy Lab's side, and the reading-order stops."""
    out: dict = {"keys": {}, "stops": []}
    with browser.page() as page:
        reader, speaker, cdp_page = _reader(browser, page, url)
        reader._ensure_tree()
        out["title"] = " ".join(reader._tree.name.split())
        _first_line(reader)
        first_id = reader.current.node.backend_id if reader.current else None
        reader.cursor = -1
        tabs: list[dict] = []
        seen: set = set()
        for _ in range(cap):
            before = len(speaker.said)
            if not reader.handle_key("Tab"):
                page.keyboard.press("Tab")
                reader.after_input()
            node = focused_node(cdp_page.tree())
            if node is None or node.backend_id in seen:
                page.keyboard.press("Shift+Tab")    # back onto the last one, where Orca (n Tabs) is
                reader.after_input()
                break
            seen.add(node.backend_id)
            tabs.append({"phrase": _said(speaker, before) or phrasing.phrase(node), "node": to_dict(node),
                         "first_line": not tabs and node.backend_id == first_id})
        out["keys"]["tab"] = tabs
        backs = []
        for _ in range(min(2, len(tabs) - 1)):
            before = len(speaker.said)
            if not reader.handle_key("Shift+Tab"):
                page.keyboard.press("Shift+Tab")
                reader.after_input()
            node = focused_node(cdp_page.tree())
            if node is None:
                break
            backs.append({"phrase": _said(speaker, before), "node": to_dict(node)})
        out["keys"]["shift_tab"] = backs
    with browser.page() as page:
        reader, speaker, cdp_page = _reader(browser, page, url)
        reader._ensure_tree()
        stops = reader._stops
        live = {n.backend_id for region in reader._tree.walk() if region.role in LIVE_ROLES
                for n in region.walk() if n.backend_id is not None}
        out["stops"] = [{"phrase": s.phrase, "node": to_dict(s.node)} for s in stops
                        if not s.exit and s.phrase and not phrasing.entry_phrase(s.node)
                        and s.node.backend_id not in live]
        for kind, quick in QUICK.items():
            _first_line(reader)
            got = []
            for _ in range(cap):
                index = phrasing.next_of(stops, reader.cursor, quick)
                if index is None:
                    break
                before = len(speaker.said)
                reader.handle_key(KEYS[kind][1])
                stop = reader.current
                if kind == "field" and (stop.node.role in NOT_ORCA_FIELDS or stop.node.states.get("disabled")):
                    continue    # Orca's form-field key does not stop there (by design): the next one
                if kind == "heading" and _empty_heading(stop.node):
                    continue    # Orca's heading key and say-all pass over a heading with nothing in it
                entry = {"phrase": _said(speaker, before), "node": to_dict(stop.node)}
                if kind == "landmark":
                    # Orca speaks the landmark's first line: compare with the first thing inside it (a
                    # container's entry is not a thing, but one that can take focus, a <video>, is: Orca's
                    # caret stops on it)
                    inner = next((s for s in stops[reader.cursor + 1:] if not s.exit
                                  and (not phrasing.entry_phrase(s.node) or s.node.focusable)), None)
                    if inner is not None:
                        if got and got[-1].get("inner_id") == id(inner):
                            continue    # starts where the last one did: one place for both readers
                        entry = {"phrase": inner.phrase, "node": to_dict(inner.node), "landmark": entry["phrase"],
                                 "inner_id": id(inner)}
                got.append(entry)
            out["keys"][kind] = got
    return out


# -- Orca's side -------------------------------------------------------------------------------------------
def orca(session: OrcaSession, url: str, plan: dict[str, int], first_line: bool = False, title: str = "") -> dict:
    """What Orca says for the same keys (as many of each kind as ``plan`` says), and its say-all."""
    out: dict = {"keys": {}, "say_all": []}
    session.open(url, title=title)
    tab_first = first_line
    for kind in ("tab", "shift_tab"):
        out["keys"][kind] = []
        for i in range(plan.get(kind, 0)):
            # (Orca says nothing when focus lands where its caret already is: do not wait long for that)
            expect = 1.0 if kind == "tab" and i == 0 and tab_first else 5.0
            out["keys"][kind].append([u.text for u in session.key(KEYS[kind][0], expect=expect)])
    session.reload()
    # Quick keys are browse-mode keys: in focus mode they would be typed into the form field Orca's caret is on
    # (after the reload Orca may put it on a combo box and switch to focus mode; Orca says so)
    session.browse_mode()
    # Orca answers ctrl+Home (the top of the page) as soon as it has taken the reloaded page in: on a loaded
    # machine that can take seconds, and quick keys pressed before then are answered late or not at all
    session.key("ctrl+Home", expect=15.0)
    for kind in QUICK:
        if plan.get(kind):
            out["keys"][kind] = [[u.text for u in session.key(KEYS[kind][0])] for _ in range(plan[kind])]
        session.browse_mode()
        session.key("ctrl+Home", expect=1.0)
    out["say_all"] = [u.text for u in session.say_all()]
    return out


SAY_ALL: dict[str, list[str]] = {}


# -- judging -----------------------------------------------------------------------------------------------
def judge(page: str, el: dict, orc: dict) -> list[dict]:
    rows = []
    for kind in KEYS:
        for i, (mine, theirs) in enumerate(zip(el["keys"].get(kind, []), orc["keys"].get(kind, []))):
            node = from_dict(mine["node"])
            if kind == "tab" and i == 0 and not theirs and mine.get("first_line"):
                continue    # Orca's caret was on it already: focus there is not news to Orca (by design)
            verdict = same_place(mine["phrase"], node, theirs) if kind == "landmark" else \
                compare(mine["phrase"], node, theirs)
            rows.append({"page": page, "kind": kind, "n": i + 1, "agree": verdict.agree,
                         "differs": verdict.differs, "empathy_lab": mine["phrase"],
                         "orca": " | ".join(element_speech(theirs)), "orca_all": theirs,
                         "missing": verdict.missing, "extra": verdict.extra, "role": node.role,
                         "design": verdict.design, "node": mine["node"]})
    SAY_ALL[page] = orc["say_all"]
    every = [(s["phrase"], from_dict(s["node"])) for s in el["stops"]]
    kept = [i for i in range(len(every)) if not _label_text(every, i) and not _empty_heading(every[i][1])]
    stops = [every[i] for i in kept]
    for n, (i, (ok, why)) in enumerate(zip(kept, say_all_reached(stops, orc["say_all"])), 1):
        phrase, node = every[i]
        rows.append({"page": page, "kind": "line", "n": n, "agree": ok, "differs": [] if ok else [why],
                     "empathy_lab": phrase, "orca": "", "role": node.role, "node": el["stops"][i]["node"]})
    return rows


def saved_pages(saved: dict) -> list[str]:
    """The pages a saved run (finished, or stopped part-way) has been through, in its order."""
    return list(saved.get("pages_done") or saved.get("pages") or dict.fromkeys(r["page"] for r in saved["rows"]))


def load_runs(paths: list[Path]) -> dict:
    """Saved runs read and put together, as one run: a page in several is taken from the last one given."""
    merged: dict = {"rows": [], "say_all": {}, "pages_done": []}
    for path in paths:
        saved = json.loads(path.read_text("utf-8"))
        pages = saved_pages(saved)
        merged["rows"] = [r for r in merged["rows"] if r["page"] not in pages] + saved["rows"]
        merged["pages_done"] = [p for p in merged["pages_done"] if p not in pages] + pages
        merged["say_all"].update(saved.get("say_all", {}))
    return merged


def rejudge(saved: dict) -> tuple[list[dict], list[str]]:
    """Judge a saved run again (both sides' words are in it) with the comparison as it is now."""
    rows: list[dict] = []
    pages = saved_pages(saved)
    for page in pages:
        these = [r for r in saved["rows"] if r["page"] == page]
        el = {"keys": {}, "stops": [{"phrase": r["empathy_lab"], "node": r["node"]} for r in these
                                    if r["kind"] == "line"]}
        orc = {"keys": {}, "say_all": saved.get("say_all", {}).get(page, [])}
        for r in these:
            if r["kind"] != "line":
                el["keys"].setdefault(r["kind"], []).append({"phrase": r["empathy_lab"], "node": r["node"]})
                orc["keys"].setdefault(r["kind"], []).append(r["orca_all"])
        rows += judge(page, el, orc)
    return rows, pages


def percent(rows: list[dict]) -> float:
    return 100.0 * sum(r["agree"] for r in rows) / len(rows) if rows else 100.0


def report(rows: list[dict], pages: list[str], seconds: float, out: Path) -> tuple[float, list[tuple[str, float]]]:
    overall = percent(rows)
    print(f"\nScreen-reader parity with Orca: {overall:.1f}% of {len(rows)} keys agree "
          f"({len(pages)} pages, {seconds:.0f} s)")
    print("\nby key kind:")
    for kind in KIND_ORDER:
        these = [r for r in rows if r["kind"] == kind]
        if these:
            print(f"  {kind:10} {percent(these):6.1f}%  of {len(these)}")
    print("\nby page:")
    by_page = []
    for page in pages:
        these = [r for r in rows if r["page"] == page]
        by_page.append((page, percent(these)))
        print(f"  {percent(these):6.1f}%  {len(these):4} keys  {page}")
    design: dict[str, int] = {}
    for r in rows:
        for why in r.get("design", []):
            design[why] = design.get(why, 0) + 1
    if design:
        print("\ndifferences by design, set aside (docs/screen-reader.md):")
        for why, count in design.items():
            print(f"  {why} ({count} keys)")
    wrong = [r for r in rows if not r["agree"]]
    if wrong:
        print(f"\ndisagreements ({len(wrong)}):")
        for r in wrong:
            print(f"  {r['page']} {r['kind']} #{r['n']} [{', '.join(r['differs'])}]: "
                  f"Empathy Lab {r['empathy_lab']!r}; Orca {r['orca']!r}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"overall": overall, "pages": dict(by_page), "rows": rows, "say_all": SAY_ALL}, indent=1), "utf-8")
    print(f"\nwritten: {out}")
    return overall, by_page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="sr_parity", description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", default=[], help="pages whose path holds this (repeatable)")
    ap.add_argument("--cap", type=int, default=6, help="most keys of one kind on a page (default 6)")
    ap.add_argument("--gds", type=Path, default=GDS, help="the GDS corpus folder (default ../shared/corpus/...)")
    ap.add_argument("--min-agreement", type=float, default=95.0, help="exit 1 below this %% (default 95)")
    ap.add_argument("--out", type=Path, default=None, help="JSON results (default reports/bench/sr_parity.json)")
    ap.add_argument("--rejudge", type=Path, action="append", default=[], metavar="JSON",
                    help="judge saved runs' words again, together (no browser, no Orca; repeatable: runs of "
                         "parts of the corpus make one report, a page in several is taken from the last)")
    ap.add_argument("--resume", type=Path, action="append", default=[], metavar="JSON",
                    help="carry on from saved runs (finished or stopped; repeatable): their pages are not run "
                         "again, and are judged again and reported with the new ones")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))     # end Orca's session cleanly when stopped
    if args.cap < 1:
        print("sr_parity: --cap must be 1 or more", file=sys.stderr)
        return 2
    out = args.out or reports_dir() / "bench" / "sr_parity.json"
    earlier: list[dict] = []      # rows of saved runs (--rejudge, --resume), judged again
    done: list[str] = []          # and their pages
    if args.rejudge or args.resume:
        option = "--rejudge" if args.rejudge else "--resume"
        try:
            saved = load_runs(args.rejudge or args.resume)
            SAY_ALL.update(saved["say_all"])
            earlier, done = rejudge(saved)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            print(f"sr_parity: {option}: not a saved run of sr_parity ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
            return 2
        if args.rejudge:
            overall, by_page = report(earlier, done, 0.0, out)
            return verdict(overall, by_page, args.min_agreement)
    gone = missing()
    if gone:
        print("sr_parity: Orca cannot run here; install the Debian packages " + " ".join(gone)
              + " (make system does)", file=sys.stderr)
        return 3
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="elab-srpages-") as tmp, DemoServer() as demo:
        folder = Path(tmp)
        pages = corpus(folder, demo.url, args.only, args.gds)
        if not pages:
            print("sr_parity: no page matches --only " + " ".join(args.only), file=sys.stderr)
            return 2
        if args.resume:
            print(f"resuming: {len(done)} pages from {', '.join(map(str, args.resume))} are not run again")
            pages = [p for p in pages if p not in done]
        httpd, base = serve(folder)
        try:
            mine = {}
            with Browser() as browser:      # Empathy Lab first: its counts say how many keys Orca gets
                for page in pages:
                    mine[page] = empathy_lab(browser, base + page, args.cap)
            rows: list[dict] = []
            try:
                with OrcaSession() as session:
                    for number, page in enumerate(pages, 1):
                        plan = {k: len(v) for k, v in mine[page]["keys"].items()}
                        tabs = mine[page]["keys"]["tab"]
                        theirs = orca(session, base + page, plan, bool(tabs and tabs[0].get("first_line")),
                                      mine[page].get("title", ""))
                        page_rows = judge(page, mine[page], theirs)
                        rows += page_rows
                        out.parent.mkdir(parents=True, exist_ok=True)
                        out.write_text(json.dumps({"partial": True, "pages_done": done + pages[:number],
                                                   "rows": earlier + rows,
                                                   "say_all": SAY_ALL}, indent=1), "utf-8")
                        print(f"[{number}/{len(pages)}] {percent(page_rows):5.1f}% {page}", flush=True)
                        for r in page_rows:
                            if not r["agree"]:
                                print(f"    {r['kind']} #{r['n']} [{', '.join(r['differs'])}]: Empathy Lab "
                                      f"{r['empathy_lab']!r}; Orca {r['orca']!r}", flush=True)
            except OrcaUnavailable as exc:
                print(f"sr_parity: {exc}", file=sys.stderr)
                return 3
        finally:
            httpd.shutdown()
    overall, by_page = report(earlier + rows, done + pages, time.monotonic() - started, out)
    return verdict(overall, by_page, args.min_agreement)


def verdict(overall: float, by_page: list[tuple[str, float]], least: float) -> int:
    """Exit code: 0 when overall and every page are at ``least`` % or above, else 1 (and says which)."""
    low = [p for p, pct in by_page if pct < least]
    if overall < least or low:
        print(f"below {least:g}%: " + (", ".join(low) if low else "overall"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
