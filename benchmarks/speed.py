"""``make bench``: how fast is the full audit, how does it scale, and does memory stay flat?

Prints one table, measured in one run on this machine:

- **audit speed**: the full 7-persona audit against bare axe-core (axe-playwright-python, one browser) on the
  GDS corpus pages and on the demo service: seconds per page (median, p95) and the ratio to bare axe.
- **scaling**: 1, 10, 100 and 1,000 generated pages (the demo service's pages with varied content) at
  ``--concurrency`` 1, 2 and 4: pages per minute, peak RSS of the whole process tree, and whether memory stays
  flat (peak RSS over the last 100 pages within 10% of the first 100's).
- **page size** (issue 23): generated council pages of 50, 200, 800 and 2,000 focusable elements
  (benchmarks/sized_pages.py), the full audit against bare axe-core in the same run, warm (one worker and one
  bare-axe browser reused over the pages, each size ``--size-repeats`` times) and cold (``audit URL --persona
  all`` and a bare-axe script as fresh processes, browser start included); per gatherer, per Tab-walk step and
  per probe; peak RSS of the process tree. Warm, bare axe and the full audit alternate page by page in one
  browser (its own page for axe, the worker's reused page for the audit), so both meet the same load.
- **site** (``--site N``): an N-page generated site of mixed sizes at ``--concurrency 2``: pages per minute and
  peak RSS.
- **kiosk**: run ``benchmarks/kiosk.py`` (it drives ``kiosk --headless --script``) and its table is appended.

Results go to reports/bench/speed.json; docs/benchmarks.md records them with the machine they were taken on.
``--quick`` measures fewer pages (for a smoke run); ``--sizes`` and ``--workers`` choose the scaling grid.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import sized_pages  # noqa: E402  (benchmarks/ is not a package)
from detect import serve as serve_corpus  # noqa: E402
from soak import pss_mb, tree_pids  # noqa: E402

from auditor.browser import Browser, bare_axe  # noqa: E402
from auditor.commands.demo_run import _session, demo_urls  # noqa: E402
from auditor.demo import DemoServer  # noqa: E402
from auditor.engine import RunOptions, audit_urls  # noqa: E402
from auditor.model.persona import load_personas  # noqa: E402
from auditor.paths import project_root, reports_dir  # noqa: E402


# -- memory of the whole process tree ---------------------------------------------------------------------

def tree_rss_mb(root: int | None = None) -> float:
    total = 0
    for pid in tree_pids(root or os.getpid()):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                stat = fh.read()
            total += int(stat[stat.rindex(b")") + 2:].split()[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def tree_pss_mb(root: int | None = None) -> float:
    """Proportional set size of the process tree (shared pages counted once, split among the processes that
    share them): Chromium's processes share much of their memory, which their RSS counts again in each.
    In MB of 10^6 bytes, as this benchmark's other figures (soak.pss_mb counts in MiB)."""
    return pss_mb(tree_pids(root or os.getpid())) * 1024 * 1024 / 1e6


class MemorySampler:
    """Samples the tree's RSS every 0.25 s (and its PSS every 5 s, and the load average); ``take_window()``
    gives the peak since the last call."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.peak_pss = 0.0
        self.window_peak = 0.0
        self.loads: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        tick = 0
        while not self._stop.wait(0.25):
            value = tree_rss_mb()
            self.peak = max(self.peak, value)
            self.window_peak = max(self.window_peak, value)
            if tick % 20 == 0:
                self.peak_pss = max(self.peak_pss, tree_pss_mb())
                self.loads.append(os.getloadavg()[0])
            tick += 1

    def take_window(self) -> float:
        value, self.window_peak = self.window_peak, tree_rss_mb()
        return value

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()


# -- generated site for scaling -----------------------------------------------------------------------------

WORDS = ("bin collection council tax recycling garden waste permit parking street lighting library planning "
         "application housing repair benefit payment school admission licence noise complaint fly tipping "
         "resident account online form report apply pay renew request").split()


def generated_site(templates: list[str]) -> tuple[ThreadingHTTPServer, str]:
    """/p/N: one of the demo's pages with N-seeded extra content (paragraphs, a list, links, a table)."""

    def render(path: str) -> str | None:
        try:
            n = int(path.rsplit("/", 1)[-1])
        except ValueError:
            return None
        rnd = random.Random(n)
        base = templates[n % len(templates)]
        paras = "".join(
            "<p>" + " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 60))).capitalize() + ".</p>"
            for _ in range(rnd.randint(1, 6)))
        items = "".join(f'<li><a href="/p/{rnd.randint(0, 999)}">{rnd.choice(WORDS).title()} '
                        f'{rnd.choice(WORDS)}</a></li>' for _ in range(rnd.randint(2, 12)))
        rows = "".join(f"<tr><td>{rnd.choice(WORDS)}</td><td>{rnd.randint(1, 99)}</td></tr>"
                       for _ in range(rnd.randint(0, 8)))
        extra = (f'<section aria-labelledby="more-{n}"><h2 id="more-{n}">More about '
                 f'{rnd.choice(WORDS)}</h2>{paras}<ul>{items}</ul>'
                 + (f"<table><caption>Figures</caption><tr><th>Item</th><th>Count</th></tr>{rows}</table>"
                    if rows else "") + "</section>")
        return base.replace("</main>", extra + "</main>", 1)

    return sized_pages.serve_pages(render)


def demo_templates(server: DemoServer) -> list[str]:
    """The demo's pages as a visitor sees them (answers filled in), with links made absolute to the demo."""
    import urllib.request

    pages = []
    for version in ("accessible", "inaccessible"):
        cookie = _session(server.url, version, submit=False)
        for url in demo_urls(server.url):
            if f"/{version}/" not in url or url.endswith("confirmation"):
                continue
            req = urllib.request.Request(url, headers={"Cookie": f"demo_session={cookie}"})
            html = urllib.request.urlopen(req, timeout=10).read().decode()
            pages.append(html.replace('href="/static/', f'href="{server.url}static/')
                         .replace('src="/static/', f'src="{server.url}static/'))
    return pages


# -- measurements -------------------------------------------------------------------------------------------

def gatherer_ms(pages: list[dict]) -> dict[str, float]:
    """Median milliseconds per gatherer (and the page total) over the pages that were audited."""
    keys = sorted({k for p in pages if p.get("status") == "ok" for k in p.get("timings", {})})
    return {k: round(1000 * statistics.median(p["timings"][k] for p in pages
                                              if p.get("status") == "ok" and k in p.get("timings", {})))
            for k in keys}


def stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"median": float("nan"), "p95": float("nan"), "n": 0}
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "n": len(ordered)}


def alternate(urls: list[str], repeats: int, options: RunOptions, on_page) -> None:
    """Bare axe-core and the full audit page by page in one browser, ``repeats`` passes over ``urls``, so both
    meet the same load (a pass of each in turn lets the machine's load favour one side). Bare axe gets its own
    page, reused from URL to URL as a team would run it; the audit one worker's reused page.
    ``on_page(url, axe_seconds, audit_seconds, gathered, result)`` is called for each pair."""
    from auditor.engine import gather_page, in_own_thread, worker_page
    from auditor.judging import page_result

    personas = list(load_personas().values())

    def run() -> None:
        with Browser(timeout_s=options.timeout_s) as browser, browser.page() as page, \
                worker_page(browser, options) as pages:
            for _ in range(repeats):
                for url in urls:
                    t0 = time.perf_counter()
                    if options.cookies_for:
                        page.context.add_cookies(options.cookies_for(url))
                    page.goto(url, wait_until="load")
                    bare_axe(page)
                    axe_s = time.perf_counter() - t0
                    page.goto("about:blank")
                    t0 = time.perf_counter()
                    gathered = gather_page(browser, url, personas, options, pages)
                    result = page_result(gathered, personas)
                    on_page(url, axe_s, time.perf_counter() - t0, gathered, result)

    in_own_thread(run)


def paired_row(label: str, urls: list[str], repeats: int, options: RunOptions) -> dict:
    """The audit against bare axe-core over ``urls``, alternating page by page, ``repeats`` times: each page's
    median of its repeats, then the median over pages, and the median of the pages' own ratios."""
    axe: dict[str, list[float]] = {u: [] for u in urls}
    ours: dict[str, list[float]] = {u: [] for u in urls}
    gathered_pages: list[dict] = []
    loads: list[float] = []

    def on_page(url, axe_s, ours_s, gathered, result) -> None:
        if gathered["status"] != "ok":
            return
        axe[url].append(axe_s)
        ours[url].append(ours_s)
        gathered_pages.append(gathered)
        loads.append(os.getloadavg()[0])

    alternate(urls, repeats, options, on_page)
    done = [u for u in urls if axe[u]]
    a = [statistics.median(axe[u]) for u in done]
    o = [statistics.median(ours[u]) for u in done]
    ratios = [y / x for x, y in zip(a, o)]
    return {"pages": f"{label} ({len(done)} of {len(urls)}, {repeats}x)", "ours": stats(o), "axe": stats(a),
            "ratio": statistics.median(o) / statistics.median(a) if a else float("nan"),
            "page_ratio": stats(ratios), "gatherers_ms": gatherer_ms(gathered_pages),
            "load": os.getloadavg(), "load_min": min(loads, default=0), "load_max": max(loads, default=0)}


def speed_rows(quick: bool, repeats: int = 3) -> list[dict]:
    rows = []
    corpus = project_root().parent / "shared" / "corpus" / "gds-tool-audit"
    if corpus.is_dir():
        httpd, base = serve_corpus(corpus)
        names = sorted(p.name for p in (corpus / "tests").glob("*.html"))[: 15 if quick else None]
        try:
            rows.append(paired_row("GDS corpus", [f"{base}tests/{n}" for n in names], repeats, RunOptions()))
        finally:
            httpd.shutdown()
    with DemoServer(timeout_s=0) as server:
        cookies = {(v, s): _session(server.url, v, s) for v in ("accessible", "inaccessible") for s in (False, True)}
        host = urllib.parse.urlsplit(server.url).hostname

        def cookies_for(url: str) -> list[dict]:
            parts = urllib.parse.urlsplit(url).path.strip("/").split("/")
            return [{"name": "demo_session", "value": cookies[(parts[0], parts[-1] == "confirmation")],
                     "domain": host, "path": "/"}]

        rows.append(paired_row("demo service", demo_urls(server.url), repeats, RunOptions(cookies_for=cookies_for)))
    return rows


def scaling_rows(sizes: list[int], workers: list[int]) -> list[dict]:
    personas = list(load_personas().values())
    rows = []
    with DemoServer(timeout_s=0) as demo:
        httpd, base = generated_site(demo_templates(demo))
        try:
            for size in sizes:
                for n in workers:
                    urls = [f"{base}p/{i}" for i in range(size)]
                    windows: list[float] = []
                    done = [0]
                    with MemorySampler() as mem:
                        def progress(index, total, url, result, _mem=mem):
                            done[0] += 1
                            if done[0] % 100 == 0:
                                windows.append(_mem.take_window())
                        t0 = time.perf_counter()
                        pages = audit_urls(urls, personas, RunOptions(screenshots=False), progress=progress,
                                           concurrency=n)
                        elapsed = time.perf_counter() - t0
                    lost = size - sum(1 for p in pages if p["status"] == "ok")
                    flat = None
                    if len(windows) >= 2:
                        flat = windows[-1] <= windows[0] * 1.10
                    rows.append({"pages": size, "workers": n, "ppm": 60 * size / elapsed, "seconds": elapsed,
                                 "load": os.getloadavg(),
                                 "peak_rss_mb": mem.peak, "first100_mb": windows[0] if windows else None,
                                 "last100_mb": windows[-1] if windows else None, "windows_mb": windows,
                                 "flat": flat, "lost": lost})
                    print(f"  scaling {size:>5} pages x {n} workers: {rows[-1]['ppm']:.0f} pages/min, "
                          f"peak {mem.peak:.0f} MB, lost {lost}", flush=True)
        finally:
            httpd.shutdown()
    return rows


def probe_seconds(artifacts: dict, personas: list) -> dict[str, float]:
    """Seconds each probe takes over one page's artifacts, summed over the personas that ask for it."""
    from auditor.probes.base import params_for
    from auditor.probes import registry

    out: dict[str, float] = {}
    for pid, module in registry().items():
        for persona in personas:
            if pid in persona.audit.probes:
                t0 = time.perf_counter()
                try:
                    module.check(artifacts, params_for(persona))
                except Exception:
                    pass
                out[pid] = out.get(pid, 0.0) + time.perf_counter() - t0
    return out


def _cold(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=900)
    return time.perf_counter() - t0


COLD_AXE = ("import sys; from auditor.browser import Browser, bare_axe\n"
            "with Browser() as b, b.page() as p:\n    p.goto(sys.argv[1], wait_until='load'); bare_axe(p)\n")


def size_rows(sizes: list[int], repeats: int, cold: bool) -> list[dict]:
    """Issue 23: the full audit against bare axe-core on generated pages of each size, warm and cold."""
    personas = list(load_personas().values())
    httpd, base = sized_pages.serve()
    options = RunOptions(timeout_s=600)
    rows = {n: {"size": n, "axe": [], "ours": [], "gatherers": [], "tabwalk": [], "probes": [], "sampled": "",
                "sampling": {}, "loads": []}
            for n in sizes}

    def on_page(url, axe_s, ours_s, gathered, result) -> None:
        row = rows[int(url.rstrip("/").rsplit("/", 1)[1])]
        row["axe"].append(axe_s)
        row["ours"].append(ours_s)
        row["gatherers"].append(gathered["timings"])
        walk = gathered["artifacts"].get("tabwalk") or {}
        row["tabwalk"].append(walk.get("cost_ms") or {})
        row["sampling"] = walk.get("sampling") or {}
        row["probes"].append(probe_seconds(gathered["artifacts"], personas))
        row["sampled"] = result.get("sampled", "")
        row["status"] = gathered["status"]
        row["loads"].append(os.getloadavg()[0])

    try:
        with MemorySampler() as mem:
            alternate([f"{base}{n}" for n in sizes], repeats, options, on_page)
        for n in sizes:
            row = rows[n]
            row["load"] = os.getloadavg()
            row["peak_rss_mb"] = mem.peak
            if cold:
                row["cold_axe"] = _cold([sys.executable, "-c", COLD_AXE, f"{base}{n}"])
                with __import__("tempfile").TemporaryDirectory() as out:
                    row["cold_ours"] = _cold([str(Path(sys.executable).parent / "audit"), f"{base}{n}",
                                              "--persona", "all", "--out", out, "--timeout", "600"])
    finally:
        httpd.shutdown()
    out = []
    for n in sizes:
        row = rows[n]
        keys = {k for g in row["gatherers"] for k in g}
        steps = {k for w in row["tabwalk"] for k in w}
        probes = {k for p in row["probes"] for k in p}
        out.append({**row, "axe": stats(row["axe"]), "ours": stats(row["ours"]),
                    "gatherers_ms": {k: round(1000 * statistics.median(g[k] for g in row["gatherers"] if k in g))
                                     for k in sorted(keys)},
                    "tabwalk_ms": {k: statistics.median(w[k] for w in row["tabwalk"] if k in w) for k in sorted(steps)},
                    "probes_ms": {k: round(1000 * statistics.median(p[k] for p in row["probes"] if k in p), 1)
                                  for k in sorted(probes)}})
    return out


def site_row(count: int, concurrency: int, progress_file: Path | None = None) -> dict:
    """Issue 23: a generated site of ``count`` pages of mixed sizes, audited at ``concurrency`` workers. Every 25
    pages it prints (and writes to ``progress_file``) the pages done, the rate so far, memory and load, so a
    run stopped early still says how far it got."""
    personas = list(load_personas().values())
    httpd, base = sized_pages.serve()
    sizes = sized_pages.mixed_sizes(count)
    urls = [f"{base}{n}/{i}" for i, n in enumerate(sizes)]
    done = {"pages": 0, "ok": 0}
    t0 = time.perf_counter()

    def so_far(mem: MemorySampler) -> dict:
        elapsed = time.perf_counter() - t0
        loads = mem.loads or [os.getloadavg()[0]]
        return {"pages": count, "done": done["pages"], "ok": done["ok"], "workers": concurrency,
                "seconds": elapsed, "ppm": 60 * done["pages"] / max(elapsed, 1e-9), "peak_rss_mb": mem.peak,
                "peak_pss_mb": mem.peak_pss, "load_min": min(loads), "load_max": max(loads),
                "load_median": statistics.median(loads)}

    try:
        with MemorySampler() as mem:
            def progress(index, total, url, result) -> None:
                done["pages"] += 1
                done["ok"] += result.get("status") == "ok"
                if done["pages"] % 25 == 0 or done["pages"] == total:
                    row = so_far(mem)
                    print(f"  {row['done']}/{count} pages in {row['seconds']:.0f} s: {row['ppm']:.1f} pages/min, "
                          f"peak RSS {row['peak_rss_mb']:.0f} MB, PSS {row['peak_pss_mb']:.0f} MB, "
                          f"load {os.getloadavg()[0]:.1f}", flush=True)
                    if progress_file:
                        progress_file.write_text(json.dumps(row, indent=1), "utf-8")

            pages = audit_urls(urls, personas, RunOptions(screenshots=False, timeout_s=300), progress=progress,
                               concurrency=concurrency)
            row = so_far(mem)
    finally:
        httpd.shutdown()
    lost = count - sum(1 for p in pages if p["status"] == "ok")
    mix = {n: sizes.count(n) for n in sorted(set(sizes))}
    return {**row, "mix": mix, "lost": lost, "load": os.getloadavg()}


def print_sizes(rows: list[dict]) -> None:
    print(f"\n{'page size':<10} {'bare axe warm':>13} {'ours warm':>10} {'ratio':>6} {'axe cold':>9} {'ours cold':>10} "
          f"{'ratio':>6}")
    for r in rows:
        cold = (f"{r['cold_axe']:>8.1f}s {r['cold_ours']:>9.1f}s {r['cold_ours'] / r['cold_axe']:>5.1f}x"
                if "cold_axe" in r else "")
        print(f"{r['size']:<10} {r['axe']['median']:>12.2f}s {r['ours']['median']:>9.2f}s "
              f"{r['ours']['median'] / r['axe']['median']:>5.1f}x {cold}   (load {r['load'][0]:.1f})")
    for r in rows:
        top = sorted(r["probes_ms"].items(), key=lambda kv: -kv[1])[:4]
        print(f"  {r['size']}: gatherers ms " + ", ".join(f"{k} {v}" for k, v in r["gatherers_ms"].items()))
        print(f"  {r['size']}: tab walk ms " + ", ".join(f"{k} {v:g}" for k, v in r["tabwalk_ms"].items()))
        print(f"  {r['size']}: slowest probes ms " + ", ".join(f"{k} {v}" for k, v in top)
              + f"; all probes {sum(r['probes_ms'].values()):.0f}")
        if r["sampled"]:
            print(f"  {r['size']}: sampled: {r['sampled']}")
    if rows:
        print(f"  peak RSS of the process tree (one browser, both): {rows[0]['peak_rss_mb']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="fewer pages: a smoke run of the benchmark itself")
    p.add_argument("--sizes", default=None, help="scaling sizes (default 1,10,100,1000; quick: 1,10)")
    p.add_argument("--workers", default="1,2,4", help="scaling concurrency levels (default 1,2,4)")
    p.add_argument("--skip", default="", help="parts to skip: speed,sizes,scaling,kiosk")
    p.add_argument("--speed-repeats", type=int, default=3,
                   help="passes over the GDS and demo pages, bare axe and the audit alternating (default 3)")
    p.add_argument("--page-sizes", default="50,200,800,2000", help="focusable elements of the generated pages")
    p.add_argument("--size-repeats", type=int, default=3, help="warm audits of each page size (default 3)")
    p.add_argument("--no-cold", action="store_true", help="page sizes: warm runs only")
    p.add_argument("--site", type=int, default=0, help="also audit a generated site of this many mixed-size pages")
    p.add_argument("--concurrency", type=int, default=2, help="workers for --site (default 2)")
    p.add_argument("--out", default=str(reports_dir() / "bench" / "speed.json"))
    args = p.parse_args(argv)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    sizes = [int(s) for s in (args.sizes or ("1,10" if args.quick else "1,10,100,1000")).split(",")]
    workers = [int(w) for w in args.workers.split(",")]
    machine = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "load_before": os.getloadavg()}
    result: dict = {"machine": machine}
    print(f"machine: {machine['cores']} cores, {machine['platform']}, load {machine['load_before'][0]:.1f}")
    if "speed" not in skip:
        result["speed"] = speed_rows(args.quick, 1 if args.quick else args.speed_repeats)
        print(f"\n{'audit speed':<32} {'ours median':>12} {'ours p95':>9} {'axe median':>11} {'ratio':>6} "
              f"{'page ratios (median, p95)':>26}")
        for row in result["speed"]:
            o, a, r = row["ours"], row["axe"], row["page_ratio"]
            print(f"{row['pages']:<32} {o['median']:>11.2f}s {o['p95']:>8.2f}s {a['median']:>10.2f}s "
                  f"{row['ratio']:>5.1f}x {r['median']:>12.1f}x {r['p95']:>6.1f}x   "
                  f"(load {row['load_min']:.1f}-{row['load_max']:.1f})")
        for row in result["speed"]:
            print(f"  per gatherer, median ms ({row['pages']}): "
                  + ", ".join(f"{k} {v:.0f}" for k, v in row["gatherers_ms"].items()))
    if "sizes" not in skip:
        sizes_list = [int(n) for n in args.page_sizes.split(",")]
        result["sizes"] = size_rows(sizes_list, 1 if args.quick else args.size_repeats, cold=not args.no_cold)
        print_sizes(result["sizes"])
    if args.site:
        print(f"\nsite of {args.site} generated pages of mixed sizes at --concurrency {args.concurrency}:", flush=True)
        row = result["site"] = site_row(args.site, args.concurrency, Path(args.out).with_suffix(".site.json"))
        print(f"  {row['ppm']:.1f} pages/min ({row['seconds']:.0f} s), peak RSS {row['peak_rss_mb']:.0f} MB, "
              f"PSS {row['peak_pss_mb']:.0f} MB, lost {row['lost']}, sizes {row['mix']}, load {row['load_min']:.1f}-"
              f"{row['load_max']:.1f} (median {row['load_median']:.1f})")
    if "scaling" not in skip:
        print("\nscaling (generated pages, all 7 personas, no screenshots):")
        result["scaling"] = scaling_rows(sizes, workers)
        print(f"{'pages':>6} {'workers':>7} {'pages/min':>10} {'peak RSS':>9} {'first100':>9} {'last100':>8} "
              f"{'flat':>5} {'lost':>5}")
        for r in result["scaling"]:
            f100 = f"{r['first100_mb']:.0f}" if r["first100_mb"] else "-"
            l100 = f"{r['last100_mb']:.0f}" if r["last100_mb"] else "-"
            flat = "-" if r["flat"] is None else ("yes" if r["flat"] else "NO")
            print(f"{r['pages']:>6} {r['workers']:>7} {r['ppm']:>10.1f} {r['peak_rss_mb']:>7.0f}MB {f100:>9} "
                  f"{l100:>8} {flat:>5} {r['lost']:>5}")
        for r in result["scaling"]:
            if len(r["windows_mb"]) > 2:
                print(f"  peak RSS by 100 pages ({r['pages']} x {r['workers']}): "
                      + " ".join(f"{mb:.0f}" for mb in r["windows_mb"]) + " MB")
    if "kiosk" not in skip and (Path(__file__).parent / "kiosk.py").is_file():
        print("\nkiosk:", flush=True)
        subprocess.run([sys.executable, str(Path(__file__).parent / "kiosk.py")], check=False)
    machine["load_after"] = os.getloadavg()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1), "utf-8")
    print(f"\nload average after: {machine['load_after'][0]:.1f}; results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
