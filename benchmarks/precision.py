"""``make bench-precision``: does the audit fail pages that are fine? Design systems' component examples.

Installs pinned versions of the design systems councils build with (npm, into a cache folder this script
manages: reports/bench/precision-cache), puts each component example on a page of its own with the system's
CSS and JavaScript initialised, as a service would use it, and audits every page with every persona.

- GOV.UK Frontend: the examples its package ships as fixtures (the published ones: ``hidden`` false).
- NHS.UK frontend: the fixtures its package ships for its visual review (those with a ``screenshot``), on the
  background their options ask for (``layout: background-blue`` for the reverse variants).
- MOJ Frontend, HMRC frontend: their packages ship Nunjucks macros only; benchmarks/precision_examples.py
  calls each macro as a service's template would, rendered here with nunjucks.
- lbh-frontend (Hackney): its package ships Sass and ES modules only; its CSS is compiled with sass and its
  script bundled with esbuild, over the fixtures of the GOV.UK Frontend it builds on (see SYSTEMS).

Output: pages per system, ``fail`` findings per page by rule, needs-review findings per page, and every fail
finding (page, rule, element, message) in reports/bench/precision.json, judged by a person in docs/precision.md.
A page wrapper gives each example what a service page has around it: a title, an <h1> naming the component
(unless the example has one), a <main>; an example that is itself a page's header, footer or navigation goes outside <main>.

Nothing here knows a component's class names: the wrapper looks only at the example's first element.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from auditor.engine import RunOptions, audit_urls
from auditor.model.persona import load_personas
from auditor.paths import reports_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from precision_examples import BY_SYSTEM  # noqa: E402

NUNJUCKS = "nunjucks@3.2.4"
GOVUK = "govuk-frontend@6.6.0"
LBH = "lbh-frontend@4.1.1"
GOVUK3 = "govuk-frontend@3.15.0"


class System:
    def __init__(self, key: str, title: str, packages: list[str], css: list[str], js: list[str],
                 module_js: list[str], nunjucks_paths: list[str] = (), filters: str = "", init: str = ""):
        self.key, self.title, self.packages = key, title, packages
        self.css, self.js, self.module_js = css, js, module_js   # paths under the install's node_modules
        self.nunjucks_paths = list(nunjucks_paths)
        self.filters = filters   # a module the package ships with its Nunjucks filters, if its templates need them
        self.init = init         # a script run after the system's scripts, if they do not start themselves


SYSTEMS = [
    System("govuk", "GOV.UK Frontend 6.6.0", [GOVUK],
           css=["govuk-frontend/dist/govuk/govuk-frontend.min.css"], js=[],
           module_js=["govuk-frontend/dist/govuk/govuk-frontend.min.js"]),
    System("nhsuk", "NHS.UK frontend 10.6.1", ["nhsuk-frontend@10.6.1"],
           css=["nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css"], js=[],
           module_js=["nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js"]),
    System("moj", "MOJ Frontend 11.1.0", ["@ministryofjustice/frontend@11.1.0", GOVUK, NUNJUCKS, "moment@2.30.1"],
           css=["govuk-frontend/dist/govuk/govuk-frontend.min.css",
                "@ministryofjustice/frontend/moj/moj-frontend.min.css"], js=[],
           module_js=["govuk-frontend/dist/govuk/govuk-frontend.min.js",
                      "@ministryofjustice/frontend/moj/moj-frontend.min.js"],
           nunjucks_paths=["@ministryofjustice/frontend", "govuk-frontend/dist"],
           filters="@ministryofjustice/frontend/moj/filters/all.js"),
    # lbh-frontend ships Sass and ES modules only: its CSS is compiled with sass and its JavaScript bundled
    # with esbuild (both pinned; React for its dialog) into build/, as its own build scripts do; the examples are
    # the fixtures of the GOV.UK Frontend it is built on (3.15.0, its own dependency) for the components whose
    # Sass lbh-frontend imports, each root given its lbh- class, as services call the GOV.UK macros with it.
    System("lbh", "lbh-frontend 4.1.1", [LBH, GOVUK3, "sass@1.108.2", "esbuild@0.28.2", "react@18.3.1", "react-dom@18.3.1"],
           css=["../build/lbh-frontend.css"], js=["../build/lbh-frontend.js"], module_js=[],
           init="(window.LBHFrontend.initAll || window.LBHFrontend.default.initAll)();"),
    System("hmrc", "HMRC frontend 7.27.0", ["hmrc-frontend@7.27.0", GOVUK, NUNJUCKS],
           css=["govuk-frontend/dist/govuk/govuk-frontend.min.css",
                "hmrc-frontend/hmrc/hmrc-frontend-7.27.0.min.css"],
           js=["hmrc-frontend/hmrc/hmrc-frontend-7.27.0.min.js"],
           module_js=["govuk-frontend/dist/govuk/govuk-frontend.min.js"],
           nunjucks_paths=["hmrc-frontend", "govuk-frontend/dist"]),
]

_RENDER_JS = r"""
const nunjucks = require(process.argv[2] + "/nunjucks");
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(JSON.parse(process.argv[3])));
if (process.argv[4]) {
  const filters = require(process.argv[4])();
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn);
}
const jobs = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const [id, source] of Object.entries(jobs)) {
  try { out[id] = env.renderString(source, {}); } catch (e) { out[id] = { error: String(e.message || e) }; }
}
process.stdout.write(JSON.stringify(out));
"""


def install(system: System, cache: Path) -> Path:
    """npm install the system's pinned packages into cache/<key> (once); returns its node_modules."""
    root = cache / system.key
    stamp = root / ".installed"
    wanted = " ".join(system.packages)
    if stamp.is_file() and stamp.read_text() == wanted:
        return root / "node_modules"
    if not shutil.which("npm"):
        raise SystemExit("bench-precision: npm is needed (Node.js 18 or newer) to install the design systems")
    root.mkdir(parents=True, exist_ok=True)
    (root / "package.json").write_text('{"private": true}\n')
    print(f"installing {wanted} ...", flush=True)
    done = subprocess.run(["npm", "install", "--prefix", str(root), "--no-audit", "--no-fund", "--ignore-scripts",
                           "--legacy-peer-deps", "--save-exact", *system.packages],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench-precision: npm could not install {wanted}:\n{done.stderr[-2000:]}")
    if system.key == "lbh":
        build_lbh(root)
    stamp.write_text(wanted)
    return root / "node_modules"


def build_lbh(root: Path) -> None:
    """lbh-frontend's CSS (sass, from lbh/all.scss, whose imports start at the folder holding node_modules)
    and its JavaScript as one script defining window.LBHFrontend (esbuild), into root/build."""
    modules, out = root / "node_modules", root / "build"
    out.mkdir(exist_ok=True)
    steps = [
        [str(modules / ".bin" / "sass"), "--no-source-map", "--quiet-deps", "--silence-deprecation=import",
         "--silence-deprecation=global-builtin", "--silence-deprecation=color-functions",
         "--silence-deprecation=slash-div", "--silence-deprecation=mixed-decls", f"--load-path={root}",
         str(modules / "lbh-frontend" / "lbh" / "all.scss"), str(out / "lbh-frontend.css")],
        [str(modules / ".bin" / "esbuild"), str(modules / "lbh-frontend" / "lbh" / "all.js"), "--bundle",
         "--format=iife", "--global-name=LBHFrontend", "--loader:.js=jsx", "--log-level=error",
         "--define:process.env.NODE_ENV=\"production\"", f"--outfile={out / 'lbh-frontend.js'}"],
    ]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, cwd=root)
        if done.returncode != 0:
            raise SystemExit(f"bench-precision: building lbh-frontend failed ({Path(step[0]).name}):\n"
                             f"{done.stderr[-2000:]}")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "example"


# Backgrounds a fixture's options ask its page for (NHS.UK frontend's reverse variants sit on its blue).
BACKGROUNDS = {"background-blue": "#005eb8", "background-grey": "#f0f4f5"}


def fixture_examples(modules: Path, pattern: str, keep) -> list[tuple[str, str, str]]:
    """(component, example name, html) from a package's fixtures.json files; each HTML once per component
    (and background)."""
    out, seen = [], set()
    for path in sorted(modules.glob(pattern)):
        data = json.loads(path.read_text("utf-8"))
        component = data.get("component") or path.parent.name
        for fixture in data.get("fixtures") or []:
            options = fixture.get("options") or {}
            if not keep(fixture) or options.get("hidden") or (component, fixture["html"], str(options)) in seen:
                continue
            seen.add((component, fixture["html"], str(options)))
            body = fixture["html"]
            background = BACKGROUNDS.get(str(options.get("layout")))
            if background:
                body = f'<div style="background: {background}; padding: 16px">\n{body}\n</div>'
            out.append((component, fixture.get("name") or "example", body))
    return out


def rendered_examples(system: System, modules: Path) -> list[tuple[str, str, str]]:
    examples = BY_SYSTEM[system.key]
    jobs = {str(i): source for i, (_, _, source) in enumerate(examples)}
    script = modules.parent / "render.js"
    script.write_text(_RENDER_JS)
    paths = json.dumps([str(modules / p) for p in system.nunjucks_paths])
    filters = str(modules / system.filters) if system.filters else ""
    done = subprocess.run(["node", str(script), str(modules), paths, filters], input=json.dumps(jobs),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench-precision: rendering {system.title} failed:\n{done.stderr[-2000:]}")
    html_by_id = json.loads(done.stdout)
    out = []
    for i, (component, name, _) in enumerate(examples):
        result = html_by_id[str(i)]
        if isinstance(result, dict):
            raise SystemExit(f"bench-precision: {system.title} {component} '{name}': {result['error']}")
        out.append((component, name, result))
    return out


def examples_for(system: System, modules: Path) -> list[tuple[str, str, str]]:
    if system.key == "govuk":
        return fixture_examples(modules, "govuk-frontend/dist/govuk/components/*/fixtures.json",
                                lambda f: not f.get("hidden"))
    if system.key == "lbh":
        # the GOV.UK components lbh-frontend builds on: those whose Sass it imports (its footer, header,
        # cookie banner are its own markup; GOV.UK's under lbh's CSS would be unstyled, as no service has them)
        imports = re.compile(r'@import\s+"node_modules/govuk-frontend/govuk/components/([a-z-]+)/')
        built_on = {m for path in (modules / "lbh-frontend" / "lbh").rglob("*.scss")
                    for m in imports.findall(path.read_text("utf-8"))}
        return [(component, name, _with_class(body, f"lbh-{component}"))
                for component, name, body in fixture_examples(
                    modules, "govuk-frontend/govuk/components/*/fixtures.json", lambda f: not f.get("hidden"))
                if component in built_on]
    if system.key == "nhsuk":
        return fixture_examples(modules, "nhsuk-frontend/dist/nhsuk/components/*/fixtures.json",
                                lambda f: bool(f.get("screenshot")))
    return rendered_examples(system, modules)


def _with_class(body: str, name: str) -> str:
    """The example's first element with one more class (the design system's own name for the component)."""
    m = _FIRST_TAG.match(body)
    if not m:
        return body
    attrs = m.group(2)
    if re.search(r'\bclass="', attrs):
        attrs = re.sub(r'\bclass="', f'class="{name} ', attrs, count=1)
    else:
        attrs = f' class="{name}"' + attrs
    return body[:m.start(2)] + attrs + body[m.end(2):]


_FIRST_TAG = re.compile(r"^\s*(?:<!--.*?-->\s*)*<([a-zA-Z][\w-]*)([^>]*)>", re.S)
PAGE_PARTS = {"header", "footer", "nav"}


def page(system: System, component: str, name: str, body: str) -> str:
    """A service page around one example: title, h1 (unless the example has one), main; the system's assets."""
    m = _FIRST_TAG.match(body)
    first = m.group(1).lower() if m else ""
    role = re.search(r'\brole="([^"]+)"', m.group(2)) if m else None
    outside = first in PAGE_PARTS or (role and role.group(1) in ("banner", "contentinfo", "navigation"))
    title = f"{component.replace('-', ' ').capitalize()}: {name}"
    shown = f"{component.replace('-', ' ').capitalize()} example"
    heading = "" if re.search(r"<h1[\s>]", body) else f"<h1 class=\"{system.key}-heading-l\">{html.escape(shown)}</h1>\n"
    if outside and first == "footer":
        content = f"<main id=\"main-content\">{heading}</main>\n{body}"
    elif outside:
        content = f"{body}\n<main id=\"main-content\">{heading}</main>"
    else:
        content = f"<main id=\"main-content\">\n{heading}{body}\n</main>"
    css = "\n".join(f'<link rel="stylesheet" href="/{system.key}/node_modules/{p}">' for p in system.css)
    js = "\n".join(f'<script src="/{system.key}/node_modules/{p}"></script>' for p in system.js)
    modules = "\n".join(
        f'<script type="module">import * as m from "/{system.key}/node_modules/{p}"; if (m.initAll) m.initAll();</script>'
        for p in system.module_js)
    if system.init:
        modules += f"\n<script>{system.init}</script>"
    return f"""<!DOCTYPE html>
<html lang="en" class="{system.key}-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} - {html.escape(system.title)} example</title>
{css}
</head>
<body class="{system.key}-template__body">
<script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported nhsuk-frontend-supported' : '');</script>
<div class="{system.key}-width-container">
{content}
</div>
{js}
{modules}
</body>
</html>
"""


def build_site(systems: list[System], cache: Path, limit: int | None, components: set[str]) -> list[dict]:
    """Write every example page under cache/site; returns [{"system", "component", "name", "path"}]."""
    site = cache / "site"
    if site.exists():
        shutil.rmtree(site)
    pages = []
    for system in systems:
        modules = install(system, cache)
        (site / system.key).mkdir(parents=True, exist_ok=True)
        (site / system.key / "node_modules").symlink_to(modules.resolve())
        if (modules.parent / "build").is_dir():
            (site / system.key / "build").symlink_to((modules.parent / "build").resolve())
        per_component: Counter = Counter()
        names: Counter = Counter()
        for component, name, body in examples_for(system, modules):
            if components and component not in components:
                continue
            if limit and per_component[component] >= limit:
                continue
            per_component[component] += 1
            names[(component, name)] += 1
            if names[(component, name)] > 1:   # one package's variants of one example: each page its own title
                name = f"{name} ({names[(component, name)]})"
            rel = f"{system.key}/{component}/{slug(name)}-{per_component[component]}.html"
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(page(system, component, name, body), "utf-8")
            pages.append({"system": system.key, "component": component, "name": name, "path": rel})
    return pages


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--systems", default=",".join(s.key for s in SYSTEMS),
                   help="comma-separated: " + ", ".join(s.key for s in SYSTEMS))
    p.add_argument("--components", default="", help="only these components (comma-separated), for a quick look")
    p.add_argument("--limit", type=int, default=0, help="at most this many examples per component")
    p.add_argument("--cache", default=str(reports_dir() / "bench" / "precision-cache"))
    p.add_argument("--browser")
    p.add_argument("--concurrency", type=int, default=2)
    p.add_argument("--out", default=str(reports_dir() / "bench" / "precision.json"))
    args = p.parse_args(argv)
    keys = [k.strip() for k in args.systems.split(",") if k.strip()]
    unknown = [k for k in keys if k not in {s.key for s in SYSTEMS}]
    if unknown:
        print(f"bench-precision: --systems: unknown {', '.join(unknown)} (known: "
              f"{', '.join(s.key for s in SYSTEMS)})", file=sys.stderr)
        return 2
    systems = [s for s in SYSTEMS if s.key in keys]
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    pages = build_site(systems, cache, args.limit or None,
                       {c.strip() for c in args.components.split(",") if c.strip()})
    httpd, base = serve(cache / "site")
    personas = list(load_personas().values())
    started = time.perf_counter()
    done = [0]

    def progress(n: int, total: int, url: str, result: dict) -> None:
        done[0] = n
        if n % 25 == 0 or n == total:
            print(f"  {n}/{total} pages ({time.perf_counter() - started:.0f} s)", flush=True)

    try:
        results = audit_urls([base + pg["path"] for pg in pages], personas,
                             RunOptions(browser=args.browser, screenshots=False), progress=progress,
                             concurrency=args.concurrency)
    finally:
        httpd.shutdown()
    seconds = time.perf_counter() - started
    rows: dict[str, dict] = {}
    fails, reviews_found = [], []
    for pg, result in zip(pages, results):
        row = rows.setdefault(pg["system"], {"pages": 0, "errors": 0, "fail": 0, "pages_failed": 0, "review": 0,
                                             "fail_by_rule": Counter(), "review_by_rule": Counter()})
        row["pages"] += 1
        if result["status"] != "ok":
            row["errors"] += 1
            fails.append({**pg, "rule": "(page error)", "message": result.get("error") or ""})
            continue
        page_fails = [f for f in result["findings"] if f["outcome"] == "fail"]
        row["fail"] += len(page_fails)
        row["pages_failed"] += bool(page_fails)
        for f in result["findings"]:
            key = "+".join(f.get("rules") or [f["rule"]])
            if f["outcome"] == "fail":
                row["fail_by_rule"][key] += 1
                fails.append({**pg, "rule": key, "wcag": f["wcag"], "selector": f["selector"],
                              "snippet": f["snippet"][:200], "message": f["message"], "personas": f["personas"]})
            else:
                row["review"] += 1
                row["review_by_rule"][key] += 1
                reviews_found.append({**pg, "rule": key, "wcag": f["wcag"], "selector": f["selector"],
                                      "snippet": f["snippet"][:200], "message": f["message"]})
    print(f"\n{'system':<8} {'pages':>5} {'errors':>6} {'fail':>5} {'pages failed':>12} {'review/page':>11}")
    for key, row in rows.items():
        print(f"{key:<8} {row['pages']:>5} {row['errors']:>6} {row['fail']:>5} {row['pages_failed']:>12} "
              f"{row['review'] / max(row['pages'], 1):>11.2f}")
    print("\nfail findings by rule:")
    by_rule: dict[str, Counter] = defaultdict(Counter)
    for f in fails:
        by_rule[f["rule"]][f["system"]] += 1
    for rule, per in sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  {rule:<36} " + ", ".join(f"{k} {n}" for k, n in per.items()))
    print("\nneeds-review findings by rule:")
    reviews: Counter = Counter()
    for row in rows.values():
        reviews.update(row["review_by_rule"])
    for rule, n in reviews.most_common():
        print(f"  {rule:<36} {n}")
    print(f"\ntime: {seconds:.0f} s for {len(pages)} pages ({seconds / max(len(pages), 1):.2f} s/page, "
          f"concurrency {args.concurrency})")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"systems": {s.key: s.title for s in systems},
                               "rows": {k: {**v, "fail_by_rule": dict(v["fail_by_rule"]),
                                            "review_by_rule": dict(v["review_by_rule"])} for k, v in rows.items()},
                               "fails": fails, "reviews": reviews_found, "seconds": seconds}, indent=1), "utf-8")
    print(f"details: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
