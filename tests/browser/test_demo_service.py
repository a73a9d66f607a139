"""The demo council service in a real Chromium: every page loads, the accessible version passes axe-core on
every page and error state, the planted barriers in scenarios/demo/barriers.yaml are where the list says, and
the bundled scenarios can be finished on both versions by a sighted mouse user."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from auditor.browser import ContextOptions, run_axe
from auditor.demo import DemoServer, resolve_demo_url, with_version
from auditor.paths import demo_dir, scenarios_dir

pytestmark = pytest.mark.browser

ADDRESS = "14 Mare Street, London, E8 1DY"
ANSWERS = [
    ("postcode", {"postcode": "E8 1DY"}),
    ("address", {"address": ADDRESS}),
    ("missed", {"bin": "garden", "details": "out-by-7am"}),
    ("date", {"date-day": "3", "date-month": "3", "date-year": "2025"}),
    ("contact", {"name": "Sam Jones", "email": "sam@example.com", "phone": ""}),
]
FORMS = [name for name, _ in ANSWERS]
JOURNEY = ["start", *FORMS, "check", "confirmation"]
PAGES = {"accessible": JOURNEY, "inaccessible": [*JOURNEY, "session-expired"]}
BARRIERS = yaml.safe_load((demo_dir() / "barriers.yaml").read_text("utf-8"))["barriers"]
TEXT_SPACING = ("* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
                " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }")


def reach(page, base: str, version: str, name: str, state: str | None = None) -> None:
    """Put the page's session where ``name`` can be shown (earlier answers given), optionally in its error
    state (its form sent empty), then open it."""
    root = f"{base}{version}"
    upto = {"check": len(FORMS), "confirmation": len(FORMS)}.get(name, FORMS.index(name) if name in FORMS else 0)
    for form_page, form in ANSWERS[:upto]:
        page.request.post(f"{root}/{form_page}", form=form, max_redirects=0)
    if name == "confirmation":
        page.request.post(f"{root}/check", form={}, max_redirects=0)
    if state == "error":
        page.request.post(f"{root}/{name}", form={}, max_redirects=0)
    response = page.goto(f"{root}/{name}")
    assert response is not None and response.status == 200, f"{version}/{name}: status {response and response.status}"
    assert page.url == f"{root}/{name}", f"{version}/{name} redirected to {page.url}"


@contextmanager
def opened(browser, server: DemoServer, version: str, name: str, state: str | None = None,
           options: ContextOptions | None = None) -> Iterator:
    with browser.page(options) as page:
        reach(page, server.url, version, name, state)
        yield page


def violations(page) -> dict[str, list[list[str]]]:
    return {v["id"]: [n["target"] for n in v["nodes"]] for v in run_axe(page)["violations"]}


# -- every page -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version,name", [(v, p) for v, pages in PAGES.items() for p in pages])
def test_every_page_loads_with_one_h1(browser, demo_server, version, name):
    with opened(browser, demo_server, version, name) as page:
        assert page.locator("h1").count() == 1
        assert page.locator("h1").inner_text().strip()
        broken = page.evaluate("""() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)
                                                           .map(i => i.src)""")
        assert broken == []


ACCESSIBLE_STATES = [(p, None) for p in PAGES["accessible"]] + [(p, "error") for p in FORMS]


@pytest.fixture(scope="module")
def accessible_axe(browser, demo_server):
    """axe-core's violations on an accessible page (and state), run once and shared by the tests below."""
    results: dict[tuple[str, str | None], dict] = {}

    def run(name: str, state: str | None) -> dict:
        if (name, state) not in results:
            with opened(browser, demo_server, "accessible", name, state) as page:
                if state == "error":
                    assert page.title().startswith("Error: ")
                    assert page.evaluate("document.activeElement.className") == "error-summary"
                results[(name, state)] = violations(page)
        return results[(name, state)]

    return run


@pytest.mark.parametrize("name,state", ACCESSIBLE_STATES)
def test_accessible_page_has_no_axe_violations(accessible_axe, name, state):
    assert accessible_axe(name, state) == {}


def test_root_and_404_have_no_axe_violations(browser, demo_server):
    with browser.page() as page:
        for path in ("", "no-such-page"):
            page.goto(demo_server.url + path)
            assert violations(page) == {}, path


@pytest.mark.parametrize("name", PAGES["accessible"])
def test_accessible_page_reflows_at_320_and_survives_text_spacing(browser, demo_server, name):
    with opened(browser, demo_server, "accessible", name, options=ContextOptions(width=320, height=640)) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.add_style_tag(content=TEXT_SPACING)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert clipped_text(page) == []


def clipped_text(page) -> list[str]:
    """Elements with text whose content overflows a box that hides overflow (visually hidden text excepted)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')].filter(el => {
        const s = getComputedStyle(el);
        if (el.closest('.visually-hidden') || !el.textContent.trim()) return false;
        if (![s.overflow, s.overflowX, s.overflowY].some(o => o === 'hidden' || o === 'clip')) return false;
        return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
    }).map(el => el.id || el.className || el.localName)""")


def test_accessible_error_summary_link_moves_focus_to_the_field(browser, demo_server):
    with opened(browser, demo_server, "accessible", "date", "error") as page:
        page.get_by_role("link", name="Enter the date the collection was missed").click()
        assert page.evaluate("document.activeElement.id") == "date-day"


# -- the barrier list ----------------------------------------------------------------------------------

def barrier_pages() -> list[tuple[str, str | None]]:
    seen: dict[tuple[str, str | None], None] = {}
    for barrier in BARRIERS:
        for path in [barrier["page"], *barrier.get("also_on", [])]:
            seen[(path, barrier.get("state"))] = None
    return list(seen)


def barriers_on(path: str, state: str | None) -> list[dict]:
    return [b for b in BARRIERS if b.get("state") == state and path in [b["page"], *b.get("also_on", [])]]


def test_barrier_list_is_well_formed():
    keys = {"id", "page", "selector", "what", "wcag", "personas", "kind"}
    personas = {"christopher", "claudia", "ashleigh", "ron", "saleem", "simone", "pawel"}
    ids = [b["id"] for b in BARRIERS]
    assert len(ids) == len(set(ids)), "duplicate barrier ids"
    for barrier in BARRIERS:
        assert keys <= set(barrier), barrier["id"]
        assert barrier["page"].startswith("/inaccessible/")
        assert all(re.fullmatch(r"\d\.\d\.\d{1,2}", c) for c in barrier["wcag"]), barrier["id"]
        assert barrier["personas"] and set(barrier["personas"]) <= personas, barrier["id"]
    assert len({b["kind"] for b in BARRIERS}) >= 11


@pytest.mark.parametrize("path,state", barrier_pages())
def test_barriers_are_where_the_list_says(browser, demo_server, accessible_axe, path, state):
    """Each selector matches exactly one element on the inaccessible page; each barrier axe can see is
    reported by axe at that element there, and the same page of the accessible version has none of it."""
    name = path.rsplit("/", 1)[1]
    expected = barriers_on(path, state)
    with opened(browser, demo_server, "inaccessible", name, state) as page:
        for barrier in expected:
            if barrier["selector"]:
                count = page.locator(barrier["selector"]).count()
                assert count == 1, f"{barrier['id']}: {barrier['selector']!r} matches {count} elements on {path}"
        found = violations(page)
        for barrier in (b for b in expected if b.get("axe")):
            for rule in barrier["axe"]:
                assert rule in found, f"{barrier['id']}: axe does not report {rule} on {path}"
                if barrier["selector"]:
                    assert page.evaluate(
                        """([sel, targets]) => { const owner = document.querySelector(sel);
                           return targets.some(t => { const el = document.querySelector(t[0]);
                                                      return el && owner.contains(el); }); }""",
                        [barrier["selector"], found[rule]]), f"{barrier['id']}: {rule} is not at {barrier['selector']}"
    if name in PAGES["accessible"]:
        found = accessible_axe(name, state)
        rules = {rule for b in expected for rule in b.get("axe", [])}
        assert not rules & set(found), f"accessible {name} has {sorted(rules & set(found))}"


def test_date_picker_traps_the_keyboard_only_in_the_inaccessible_version(browser, demo_server):
    with opened(browser, demo_server, "inaccessible", "date") as page:
        page.focus("#dd")
        for _ in range(45):
            page.keyboard.press("Tab")
            assert page.evaluate("document.getElementById('datepicker').contains(document.activeElement)")
        page.keyboard.press("Escape")
        page.keyboard.press("Tab")
        assert page.evaluate("document.getElementById('datepicker').contains(document.activeElement)")
    with opened(browser, demo_server, "accessible", "date") as page:
        page.focus("#date-day")
        reached = []
        for _ in range(4):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
        assert reached == ["date-month", "date-year", "Continue", "About this demo"]


def tab_stops(page, limit: int = 60) -> list[str]:
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const el = document.activeElement;
            return el === document.body ? 'BODY' : (el.id || el.getAttribute('href') || el.textContent.trim()); }"""))
        if stops[-1] == "BODY" and len(stops) > 1:
            break
    return stops


@pytest.mark.parametrize("name", ["postcode", "contact"])
def test_fake_continue_button_is_out_of_keyboard_reach(browser, demo_server, name):
    with opened(browser, demo_server, "inaccessible", name) as page:
        assert page.evaluate("document.getElementById('continue').localName") == "div"
        assert "continue" not in tab_stops(page)
        assert page.get_by_role("button", name="Continue").count() == 0
    with opened(browser, demo_server, "accessible", name) as page:
        assert "Continue" in tab_stops(page)


def test_positive_tabindex_scrambles_the_contact_page(browser, demo_server):
    with opened(browser, demo_server, "inaccessible", "contact") as page:
        assert tab_stops(page)[:3] == ["email", "phone", "name"]
    with opened(browser, demo_server, "accessible", "contact") as page:
        stops = tab_stops(page)
        assert stops.index("name") < stops.index("email") < stops.index("phone")


def test_no_focus_indicator_in_the_inaccessible_version(browser, demo_server):
    script = """(sel) => { const el = document.querySelector(sel); el.blur(); const before = getComputedStyle(el);
        const was = [before.outlineStyle, before.boxShadow, before.backgroundColor].join('|'); el.focus();
        const s = getComputedStyle(el); return {was, now: [s.outlineStyle, s.boxShadow, s.backgroundColor].join('|'),
        outline: s.outlineStyle}; }"""
    with opened(browser, demo_server, "inaccessible", "start") as page:
        seen = page.evaluate(script, "#start")
        assert seen["outline"] == "none" and seen["was"] == seen["now"]
    with opened(browser, demo_server, "accessible", "start") as page:
        seen = page.evaluate(script, ".header__logo")
        assert seen["was"] != seen["now"] and "rgb(255, 221, 0)" in seen["now"]


def test_inaccessible_layout_scrolls_sideways_and_clips_text(browser, demo_server):
    with opened(browser, demo_server, "inaccessible", "start", options=ContextOptions(width=320, height=640)) as page:
        assert page.evaluate("document.documentElement.scrollWidth") >= 960
        page.add_style_tag(content=TEXT_SPACING)
        clipped = clipped_text(page)
        assert "intro-box" in clipped and "side-box" in clipped


def test_page_titles(browser, demo_server):
    titles: dict[str, set[str]] = {}
    for version in ("accessible", "inaccessible"):
        with browser.page() as page:
            titles[version] = set()
            for name in JOURNEY:
                reach(page, demo_server.url, version, name)
                titles[version].add(page.title())
    assert len(titles["inaccessible"]) == 1
    assert len(titles["accessible"]) == len(JOURNEY)


def test_session_times_out_without_warning(browser):
    with DemoServer(timeout_s=1) as quick, browser.page() as page:
        reach(page, quick.url, "inaccessible", "postcode")
        page.fill("#pc", "E8 1DY")
        page.wait_for_url("**/inaccessible/session-expired", timeout=8000)
        assert "Session Expired" in page.inner_text("h1")
        reach(page, quick.url, "accessible", "postcode")
        time.sleep(1.5)
        assert page.url.endswith("/accessible/postcode")


# -- the bundled scenarios, as a sighted mouse user reads them -------------------------------------------

def _name(text: str) -> re.Pattern:
    """Names match ignoring case, surrounding punctuation and spaces."""
    return re.compile(r"^[\W_]*" + re.escape(text.strip()) + r"[\W_]*$", re.I)


def _first(*locators):
    for locator in locators:
        if locator.count():
            return locator.first
    raise AssertionError("nothing on the page has that name")


def run_step(page, step: str, base: str) -> None:
    """A minimal reading of the scenario verbs, enough to show the steps fit both versions."""
    m = re.fullmatch(r'(press|fill|choose|check|uncheck|select|expect text|go to|wait)\s+(.*)', step.strip())
    assert m, f"unknown step {step!r}"
    verb, rest = m.groups()
    quoted = re.findall(r'"([^"]*)"', rest)
    if verb == "press":
        target = _first(page.get_by_role("button", name=_name(quoted[0])), page.get_by_role("link", name=_name(quoted[0])),
                        page.get_by_text(_name(quoted[0])))
        target.click()
        page.wait_for_load_state()
    elif verb == "fill":
        _first(page.get_by_label(_name(quoted[0])), page.get_by_placeholder(_name(quoted[0]))).fill(quoted[1])
    elif verb in ("choose", "check", "uncheck"):
        role = "radio" if verb == "choose" else "checkbox"
        box = page.get_by_role(role, name=_name(quoted[0]))
        box.uncheck() if verb == "uncheck" else box.check()
    elif verb == "select":
        _first(page.get_by_label(_name(quoted[1])), page.get_by_role("combobox", name=_name(quoted[1]))
               ).select_option(label=quoted[0])
    elif verb == "expect text":
        page.get_by_text(re.compile(re.escape(quoted[0]), re.I)).first.wait_for(timeout=5000)
    elif verb == "go to":
        page.goto(base.rstrip("/") + "/" + rest.strip().lstrip("/"))
    else:
        time.sleep(float(rest))


SCENARIOS = sorted(scenarios_dir().glob("missed-bin*.yaml"))


def test_two_scenarios_are_shipped():
    assert len(SCENARIOS) == 2
    for path in SCENARIOS:
        data = yaml.safe_load(path.read_text("utf-8"))
        assert {"id", "title", "brief", "start", "steps"} <= set(data), path.name
        assert data["start"].startswith("demo:accessible/")


@pytest.mark.parametrize("version", ["accessible", "inaccessible"])
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: Path(p).stem)
def test_scenario_runs_on_both_versions(browser, demo_server, path, version):
    scenario = yaml.safe_load(path.read_text("utf-8"))
    with browser.page() as page:
        page.goto(resolve_demo_url(with_version(scenario["start"], version), demo_server.url))
        for step in scenario["steps"]:
            run_step(page, step, demo_server.url + version)
        assert page.url.startswith(demo_server.url + version + "/")
        done = scenario.get("done", {})
        if "text" in done:
            assert done["text"].lower() in page.inner_text("body").lower()
