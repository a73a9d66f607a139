"""The project's layout rules, checked on the source: one place imports Playwright, one place reads pygame
events, the shared model imports neither, and the auditor never imports the kiosk."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def modules(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text("utf-8"), str(path))


def imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_only_the_browser_layer_imports_playwright():
    users = {rel(p) for p, tree in modules("auditor", "kiosk", "tests")
             if any(n == "playwright" or n.startswith("playwright.") for n in imported(tree))}
    assert users == {"auditor/browser.py"}


def test_the_shared_model_imports_neither_pygame_nor_playwright():
    for path, tree in modules("auditor/model"):
        bad = {n for n in imported(tree) if n.split(".")[0] in ("pygame", "playwright", "kiosk")
               or n in ("auditor.browser", "auditor.gatherers")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_probes_are_pure():
    for path, tree in modules("auditor/probes"):
        bad = {n for n in imported(tree) if n.split(".")[0] in ("pygame", "playwright", "kiosk", "socket", "urllib.request")
               or n.startswith("auditor.browser") or n.startswith("auditor.gatherers")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_the_auditor_never_imports_the_kiosk():
    for path, tree in modules("auditor"):
        assert not {n for n in imported(tree) if n.split(".")[0] == "kiosk"}, rel(path)


def test_one_place_reads_pygame_events():
    readers = set()
    for path, tree in modules("kiosk", "auditor"):
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("get", "poll", "wait", "pump"):
                value = node.value
                if isinstance(value, ast.Attribute) and value.attr == "event":
                    readers.add(rel(path))
    assert readers <= {"kiosk/input.py"}, readers


def test_reporters_import_no_browser_no_pygame_and_no_kiosk():
    """Reporters read report.json only; the report's audio comes from auditor.model.speech (no pygame)."""
    for path, tree in modules("auditor/reporters"):
        bad = {n for n in imported(tree) if n.split(".")[0] in ("pygame", "playwright", "kiosk")
               or n.startswith("auditor.browser") or n.startswith("auditor.gatherers")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_reporters_import_no_probe_module():
    """A rule's texts reach the reporters through report.json's rules block, never from the probes' code."""
    for path, tree in modules("auditor/reporters"):
        bad = {n for n in imported(tree) if n == "auditor.probes" or n.startswith("auditor.probes.")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_no_function_local_imports_in_the_commands():
    """Commands import at the top: a cycle between them is broken by moving shared code (auditor/gating.py,
    auditor/commands/progress.py), not hidden inside a function."""
    for path, tree in modules("auditor/commands"):
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
                assert not inner, f"{rel(path)}:{inner[0].lineno if inner else ''} imports inside {node.name}()"


def test_only_the_registry_lists_probes():
    """No code outside auditor/probes/ keeps its own list of probe ids (persona files are data, not code)."""
    from auditor.probes import probe_ids

    ids = set(probe_ids())
    for path, tree in modules("auditor", "kiosk", "benchmarks"):
        if rel(path).startswith("auditor/probes/"):
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in ids}
                assert len(named) < 4, f"{rel(path)}:{node.lineno} lists probes {sorted(named)}"


RUNNING_SIDE = ("auditor.engine", "auditor.browser", "auditor.gatherers", "playwright")


def _reached(start: str) -> set[str]:
    """Every auditor module ``start`` imports, directly or through others (at the top or in a function)."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = ROOT / (name.replace(".", "/") + ".py")
        if not path.is_file():
            path = ROOT / name.replace(".", "/") / "__init__.py"
        if not path.is_file():
            continue
        for n in imported(ast.parse(path.read_text("utf-8"))):
            if n.split(".")[0] in ("auditor", "playwright"):
                todo.append(n)
    return seen


def test_judging_imports_nothing_from_the_running_side():
    """Judging (auditor/judging.py: artifacts + personas -> findings and outcomes) is pure: neither it nor anything
    it imports reaches the browser, the gatherers or the engine that runs them."""
    for start in ("auditor.judging", "auditor.outcomes", "auditor.barriers", "auditor.commands.replay"):
        bad = {n for n in _reached(start) if n.startswith(RUNNING_SIDE)}
        assert not bad, f"{start} reaches {sorted(bad)}"


def test_the_running_side_judges_only_through_judging():
    """The engine and the gatherers hand artifacts to auditor.judging; they import no probe themselves."""
    for path, tree in [*modules("auditor/gatherers"), (ROOT / "auditor/engine.py",
                                                       ast.parse((ROOT / "auditor/engine.py").read_text("utf-8")))]:
        bad = {n for n in imported(tree) if n == "auditor.probes" or n.startswith("auditor.probes.")
               or n in ("auditor.outcomes", "auditor.barriers")}
        assert not bad, f"{rel(path)} imports {bad}"


def test_one_probe_contract():
    """Every probe is ``check(artifacts, params)``; none keeps a second contract over report dicts."""
    from auditor.probes import registry

    for pid, module in registry().items():
        assert not [n for n in vars(module) if n.startswith("check_") and callable(getattr(module, n))], pid


def test_reporters_run_no_synthesiser_and_no_program():
    """The transcripts' audio is prepared by the run (auditor/audio.py); a reporter only reads what is beside
    the report."""
    for path, tree in modules("auditor/reporters"):
        bad = {n for n in imported(tree) if n in ("subprocess", "auditor.audio")}
        bad |= {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                and node.attr in ("synthesize", "transcript_audio", "encode")}
        assert not bad, f"{rel(path)} uses {bad}"


def test_the_tab_walk_drives_its_facts_and_no_gatherer_borrows_from_another():
    """The Tab walk (auditor/gatherers/tabwalk.py) is the driver of the facts it produces, one module each under
    auditor/gatherers/tab/: a fact module never imports the driver, and no gatherer imports another gatherer's
    module (shared code lives in base, pagejs, pixels or tab/, imported at the top)."""
    from auditor.gatherers import gatherers

    names = {f"auditor.gatherers.{g.NAME}" for g in gatherers()}
    for path, tree in modules("auditor/gatherers"):
        own = "auditor." + ".".join(path.relative_to(ROOT / "auditor").with_suffix("").parts)
        bad = {n for n in imported(tree) if n in names and n != own}
        bad |= {f"auditor.gatherers.{a.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module == "auditor.gatherers" for a in node.names if f"auditor.gatherers.{a.name}" in names}
        assert not bad, f"{rel(path)} imports {bad}"
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = [n for n in ast.walk(node) if isinstance(n, ast.ImportFrom)
                         and (n.module or "").startswith("auditor.")]
                assert not inner, f"{rel(path)}:{inner[0].lineno} imports auditor code inside {node.name}()"


def test_the_browser_layer_knows_no_gatherer():
    """auditor/browser.py runs pages and scripts it is handed (ReusedPage's preloads: the gatherers' page scripts
    come from the engine); it reads the page scripts' files but imports no gatherer, the engine or judging."""
    tree = ast.parse((ROOT / "auditor" / "browser.py").read_text("utf-8"))
    own = {n for n in imported(tree) if n.split(".")[0] == "auditor"}
    assert own <= {"auditor.errors", "auditor.gatherers.pagejs"}, own
