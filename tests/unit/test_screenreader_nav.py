"""The screen reader's keys over a hand-built page: golden sequences of what is spoken."""

from __future__ import annotations

import pytest

from auditor.model.axnode import AXNode
from kiosk.screenreader import HELP_TEXT, LOAD_WATCH_S, WATCH_S, CdpPage, ScreenReader, focused_node, parse_key
from tests.unit.fakes import Clock, FakeKeyboard

TITLE = "Find your address - Eastbrook Council"


def build_page() -> AXNode:
    """A small council page: banner, main with a form, footer. Backend ids are unique."""
    def text(name: str, bid: int) -> AXNode:
        return AXNode(role="StaticText", name=name, backend_id=bid)

    return AXNode(role="RootWebArea", name=TITLE, backend_id=1, focusable=True, children=[
        AXNode(role="banner", backend_id=2, children=[
            AXNode(role="link", name="Skip to main content", focusable=True, backend_id=3),
            AXNode(role="link", name="Eastbrook Council", focusable=True, backend_id=4),
        ]),
        AXNode(role="main", backend_id=5, children=[
            AXNode(role="heading", name="Find your address", level=1, backend_id=6),
            AXNode(role="paragraph", backend_id=7, children=[text("We use your address to find your bin day.", 8)]),
            AXNode(role="textbox", name="Postcode", description="For example, E8 1DY", focusable=True,
                   states={"required": True}, backend_id=9),
            AXNode(role="radiogroup", name="Bin type", backend_id=10, children=[
                AXNode(role="radio", name="General waste", focusable=True, states={"checked": False},
                       posinset=1, setsize=2, backend_id=11),
                AXNode(role="radio", name="Recycling", focusable=True, states={"checked": False},
                       posinset=2, setsize=2, backend_id=12),
            ]),
            AXNode(role="combobox", name="Day", value="Monday", focusable=True, backend_id=13),
            AXNode(role="button", name="Continue", focusable=True, backend_id=14),
            AXNode(role="heading", name="Help", level=2, backend_id=15),
            AXNode(role="link", name="Contact us", focusable=True, backend_id=16,
                   children=[text("Contact us", 17)]),
        ]),
        AXNode(role="contentinfo", backend_id=18, children=[text("Eastbrook Borough Council", 19)]),
    ])


class FakePage:
    """A page that moves focus with Tab, checks radios with Space and changes a combo box with arrows."""

    def __init__(self, tree: AXNode, document: str = "doc-1"):
        self.root = tree
        self.document = document
        self.pressed: list[str] = []
        self.focused_ids: list[int] = []
        self.scrolled: list[int] = []
        self.fetches = 0
        self.pending = False        # a navigation asked for, its document not there yet
        self.key_looks = 0

    def _nodes(self) -> list[AXNode]:
        return [n for n in self.root.walk() if n.focusable and n.role != "RootWebArea"]

    def _focused(self) -> AXNode | None:
        return focused_node(self.root)

    def _set_focus(self, node: AXNode | None) -> None:
        for n in self.root.walk():
            n.states.pop("focused", None)
        if node is not None:
            node.states["focused"] = True

    # ReaderPage
    def tree(self) -> AXNode:
        self.fetches += 1
        return self.root

    def press(self, key: str) -> None:
        self.pressed.append(key)
        nodes, current = self._nodes(), self._focused()
        if key in ("Tab", "Shift+Tab"):
            step = 1 if key == "Tab" else -1
            index = nodes.index(current) + step if current in nodes else (0 if step > 0 else len(nodes) - 1)
            self._set_focus(nodes[index] if 0 <= index < len(nodes) else None)
        elif key == "Space" and current is not None and current.role == "radio":
            for radio in (n for n in self.root.walk() if n.role == "radio"):
                radio.states["checked"] = radio is current
        elif key == "ArrowDown" and current is not None and current.role == "combobox":
            current.value = "Tuesday"

    def focus(self, backend_id: int) -> bool:
        node = next((n for n in self.root.walk() if n.backend_id == backend_id), None)
        if node is None or not node.focusable:
            return False
        self.focused_ids.append(backend_id)
        self._set_focus(node)
        return True

    def scroll_to(self, backend_id: int) -> None:
        self.scrolled.append(backend_id)

    def document_key(self) -> str:
        self.key_looks += 1
        return self.document

    def navigating(self) -> bool:
        return self.pending


class Recorder:
    """A speaker that keeps what it was told: ("say", text, interrupt) and ("stop",)."""

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def speak(self, text: str, interrupt: bool = True) -> None:
        self.events.append(("say", text, interrupt))

    def stop(self) -> None:
        self.events.append(("stop",))

    def said(self) -> list[str]:
        return [e[1] for e in self.events if e[0] == "say"]

    def take(self) -> list[str]:
        out = self.said()
        self.events.clear()
        return out


@pytest.fixture
def setup():
    page, speaker, clock = FakePage(build_page()), Recorder(), Clock(100.0)
    reader = ScreenReader(page, speaker, read_on_load=False, clock=clock)
    reader.update()            # the first frame announces the page
    return reader, page, speaker, clock


def press(reader: ScreenReader, page: FakePage, key: str, mods=()) -> bool:
    """What the kiosk does with a key: offer it to the reader, else send it to the page."""
    consumed = reader.handle_key(key, mods)
    if not consumed:
        page.press(key)
        reader.after_input()
    return consumed


def keys(reader, page, speaker, *names: str) -> list[str]:
    speaker.take()
    for name in names:
        press(reader, page, name)
    return speaker.take()


def test_first_frame_says_the_title(setup):
    reader, page, speaker, clock = setup
    assert speaker.said() == [TITLE]
    reader.update()
    assert speaker.said() == [TITLE], "the same page is not announced twice"


def test_read_on_load_reads_from_the_top_one_phrase_per_idle_frame():
    page, speaker = FakePage(build_page()), Recorder()
    reader = ScreenReader(page, speaker, clock=Clock(100.0))
    reader.update()
    reader.update()
    assert speaker.said() == [TITLE, "banner landmark", "Skip to main content, link"]


def test_down_arrow_reads_everything_with_exits_on_the_next_line(setup):
    reader, page, speaker, _ = setup
    heard = keys(reader, page, speaker, *["ArrowDown"] * 15)
    assert heard == [
        "banner landmark",
        "Skip to main content, link",
        "Eastbrook Council, link",
        "out of banner landmark, main landmark",
        "Find your address, heading level 1",
        "We use your address to find your bin day.",
        "Postcode, edit text, required, For example, E8 1DY",
        "Bin type, grouping",
        "General waste, radio button, not checked, 1 of 2",
        "Recycling, radio button, not checked, 2 of 2",
        "out of grouping, Day, combo box, Monday",
        "Continue, button",
        "Help, heading level 2",
        "Contact us, link",
        "out of main landmark, content info landmark",
    ]
    assert keys(reader, page, speaker, "ArrowDown", "ArrowDown") == ["Eastbrook Borough Council", "bottom"]


def test_up_arrow_goes_back_and_stops_at_the_top(setup):
    reader, page, speaker, _ = setup
    keys(reader, page, speaker, "ArrowDown", "ArrowDown", "ArrowDown")
    assert keys(reader, page, speaker, "ArrowUp", "ArrowUp", "ArrowUp") == [
        "Skip to main content, link", "banner landmark", "top"]


def test_heading_keys_forward_and_back(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "h", "h", "h") == [
        "Find your address, heading level 1", "Help, heading level 2", "no next heading"]
    assert keys(reader, page, speaker, "Shift+h", "H") == ["Find your address, heading level 1", "no previous heading"]
    speaker.take()
    reader.handle_key("h", mods={"shift"})
    assert speaker.said() == ["no previous heading"]


def test_shift_h_from_the_top_finds_the_last_heading(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "Shift+h") == ["Help, heading level 2"]


def test_landmark_field_and_link_keys(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "d", "d", "d", "d") == [
        "banner landmark", "main landmark", "content info landmark", "no next landmark"]
    assert keys(reader, page, speaker, "Control+Home") == ["banner landmark"]
    assert keys(reader, page, speaker, "f", "f", "f", "f", "f", "f") == [
        "Postcode, edit text, required, For example, E8 1DY",
        "General waste, radio button, not checked, 1 of 2",
        "Recycling, radio button, not checked, 2 of 2",
        "Day, combo box, Monday",
        "Continue, button",
        "no next form field"]
    assert keys(reader, page, speaker, "k", "Shift+k") == ["Contact us, link", "Eastbrook Council, link"]


def test_quick_keys_scroll_the_page_to_the_item(setup):
    reader, page, speaker, _ = setup
    press(reader, page, "k")
    press(reader, page, "h")
    assert page.scrolled[-2:] == [3, 6]


def test_browse_mode_keeps_keys_from_the_page(setup):
    reader, page, speaker, _ = setup
    for key in ("h", "ArrowDown", "x", "Enter", "Escape", "ArrowLeft"):
        assert reader.handle_key(key) is True, key
    assert reader.handle_text("h") is True
    assert reader.handle_key("Tab") is False
    assert reader.handle_key("Shift+Tab") is False


def test_tab_speaks_the_focused_control_and_moves_the_cursor(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "Tab", "Tab") == ["Skip to main content, link", "Eastbrook Council, link"]
    assert page.pressed == ["Tab", "Tab"]
    assert keys(reader, page, speaker, "ArrowDown") == ["out of banner landmark, main landmark"]
    assert keys(reader, page, speaker, "Shift+Tab") == ["Skip to main content, link"]


def test_forms_mode_typing_goes_to_the_page_and_is_echoed(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "Tab", "Tab", "Tab") == [
        "Skip to main content, link", "Eastbrook Council, link",
        "Postcode, edit text, required, For example, E8 1DY"]
    assert reader.forms_mode
    speaker.take()
    assert reader.handle_key("h") is False          # a letter types, it does not jump to a heading
    assert reader.handle_text("h") is False
    assert reader.handle_key("Space") is False
    assert reader.handle_key("E", mods={"shift"}) is False
    assert speaker.take() == ["h", "space", "E"]
    assert reader.handle_key("Escape") is True
    assert not reader.forms_mode
    assert speaker.take() == ["browse mode"]
    assert keys(reader, page, speaker, "h") == ["Help, heading level 2"]


def test_enter_on_a_field_enters_forms_mode_without_pressing(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "f", "Enter") == [
        "Postcode, edit text, required, For example, E8 1DY"] * 2
    assert reader.forms_mode
    assert page.focused_ids == [9]
    assert page.pressed == []


def test_space_on_a_radio_checks_it_and_says_so(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "f", "f", "f", "Space") == [
        "Postcode, edit text, required, For example, E8 1DY",
        "General waste, radio button, not checked, 1 of 2",
        "Recycling, radio button, not checked, 2 of 2",
        "checked"]
    assert page.focused_ids == [12] and page.pressed == ["Space"]
    assert keys(reader, page, speaker, "ArrowUp") == ["General waste, radio button, not checked, 1 of 2"]


def test_enter_on_a_button_focuses_it_and_presses_enter(setup):
    reader, page, speaker, _ = setup
    press(reader, page, "b")
    press(reader, page, "Enter")
    assert page.focused_ids == [14] and page.pressed == ["Enter"]


def test_enter_on_text_inside_a_link_activates_the_link(setup):
    reader, page, speaker, _ = setup
    contact = next(n for n in page.root.walk() if n.backend_id == 16)
    contact.children[0].backend_id = 17
    keys(reader, page, speaker, "k", "k", "k")
    press(reader, page, "Enter")
    assert page.focused_ids == [16] and page.pressed == ["Enter"]


def test_enter_on_plain_text_repeats_it(setup):
    reader, page, speaker, _ = setup
    keys(reader, page, speaker, "h", "ArrowDown")
    assert keys(reader, page, speaker, "Enter") == ["We use your address to find your bin day."]
    assert page.pressed == []


def test_arrow_in_a_combo_box_speaks_the_new_value(setup):
    reader, page, speaker, _ = setup
    keys(reader, page, speaker, "f", "f", "f", "f", "Enter")
    assert reader.forms_mode
    assert keys(reader, page, speaker, "ArrowDown") == ["Tuesday"]
    assert page.pressed == ["ArrowDown"]


def test_escape_and_control_stop_speech_and_reading_everything(setup):
    reader, page, speaker, _ = setup
    speaker.take()
    reader.handle_key("r")
    reader.update()
    reader.update()
    assert speaker.take() == ["banner landmark", "Skip to main content, link", "Eastbrook Council, link"]
    reader.handle_key("Escape")
    assert speaker.events == [("stop",)]
    reader.update()
    assert speaker.said() == [], "reading everything stopped"
    reader.handle_key("r")
    speaker.take()
    reader.handle_key("Control")
    reader.update()
    assert speaker.said() == []


def test_read_everything_queues_without_interrupting(setup):
    reader, page, speaker, _ = setup
    keys(reader, page, speaker, "h")
    speaker.events.clear()
    reader.handle_key("Insert+ArrowDown")
    reader.update()
    assert [e for e in speaker.events if e[0] == "say"] == [
        ("say", "We use your address to find your bin day.", False),
        ("say", "Postcode, edit text, required, For example, E8 1DY", False)]
    assert reader.current.node.backend_id == 9, "the cursor follows the reading"


def test_a_new_page_is_announced_with_its_focused_control():
    tree = build_page()
    page, speaker, clock = FakePage(tree), Recorder(), Clock(100.0)
    reader = ScreenReader(page, speaker, clock=clock)
    reader.update()
    press(reader, page, "b")
    press(reader, page, "Enter")
    speaker.take()
    # the form was sent: a new document whose error summary has focus
    page.root = AXNode(role="RootWebArea", name="Error: Find your address", backend_id=100, children=[
        AXNode(role="alert", name="There is a problem", focusable=True, states={"focused": True}, backend_id=101,
               children=[AXNode(role="link", name="Enter a postcode", focusable=True, backend_id=102)]),
        AXNode(role="textbox", name="Postcode", states={"invalid": True}, focusable=True, backend_id=103),
    ])
    page.document = "doc-2"
    clock.now += 0.05
    reader.update()
    assert speaker.said() == []                     # not yet time to look again
    clock.now += 0.2
    reader.update()
    assert speaker.said() == ["Error: Find your address", "There is a problem, alert"]
    assert keys(reader, page, speaker, "ArrowDown", "ArrowDown") == [
        "Enter a postcode, link", "Postcode, edit text, invalid entry"]


def test_focus_moved_by_a_script_is_spoken_while_watching(setup):
    reader, page, speaker, clock = setup
    press(reader, page, "b")
    press(reader, page, "Enter")
    speaker.take()
    page.focus(16)
    clock.now += 0.5
    reader.update()
    assert speaker.said() == ["Contact us, link"]
    page.focus(3)
    clock.now += 10                                 # long after the last key: no longer watching
    reader.update()
    assert speaker.said() == ["Contact us, link"]


def test_focus_on_the_document_says_its_title(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "Shift+Tab") == ["Contact us, link"]
    page.pressed.clear()
    assert keys(reader, page, speaker, "Tab") == [TITLE]     # focus wrapped through the document


def test_help_key(setup):
    reader, page, speaker, _ = setup
    assert keys(reader, page, speaker, "F1") == [HELP_TEXT]
    assert "Tab" in HELP_TEXT and "Escape" in HELP_TEXT and "H " in HELP_TEXT


def test_tree_is_fetched_once_for_a_run_of_cursor_keys(setup):
    reader, page, speaker, _ = setup
    before = page.fetches
    keys(reader, page, speaker, *["ArrowDown"] * 10, "h", "k", "d")
    assert page.fetches == before


class BrokenPage(FakePage):
    def tree(self) -> AXNode:
        raise RuntimeError("Target page, context or browser has been closed")


def test_a_page_without_a_tree_does_not_break_the_reader():
    page, speaker = BrokenPage(build_page()), Recorder()
    reader = ScreenReader(page, speaker, read_on_load=False, clock=Clock(100.0))
    reader.update()
    assert speaker.take() == ["untitled page"]
    assert keys(reader, page, speaker, "ArrowDown", "h", "Tab") == ["bottom", "no next heading"]


def test_the_old_tree_stays_while_the_page_is_between_documents(setup):
    reader, page, speaker, _ = setup
    keys(reader, page, speaker, "h")
    page.tree = BrokenPage.tree.__get__(page)
    reader.after_input()                            # a key reached the page while it was loading
    assert keys(reader, page, speaker, "ArrowDown", "ArrowDown") == [
        "We use your address to find your bin day.", "Postcode, edit text, required, For example, E8 1DY"]


class TimedSpeaker(Recorder):
    """A speaker that keeps timings, as kiosk.voice.Voice does."""

    def __init__(self) -> None:
        super().__init__()
        self.timings = {"key_to_speech_ms": []}
        self.ats: list[tuple[str, float | None]] = []

    def speak(self, text: str, interrupt: bool = True, *, at: float | None = None) -> None:
        super().speak(text, interrupt)
        self.ats.append((text, at))

    def stop(self, *, at: float | None = None) -> None:
        super().stop()
        self.ats.append(("<stop>", at))


def test_the_key_time_goes_with_the_first_phrase_it_causes():
    page, speaker, clock = FakePage(build_page()), TimedSpeaker(), Clock(100.0)
    reader = ScreenReader(page, speaker, read_on_load=False, clock=clock)
    reader.update()
    assert speaker.ats == [(TITLE, None)]
    speaker.ats.clear()
    clock.now = 200.0
    reader.handle_key("r")
    clock.now = 200.5
    reader.update()
    assert speaker.ats == [("<stop>", 200.0), ("banner landmark", 200.0), ("Skip to main content, link", None)]


@pytest.mark.parametrize("key, mods, expected", [
    ("h", (), ("h", frozenset())),
    ("H", (), ("h", frozenset({"shift"}))),
    ("Shift+h", (), ("h", frozenset({"shift"}))),
    ("h", ("shift",), ("h", frozenset({"shift"}))),
    ("Control+Home", (), ("Home", frozenset({"control"}))),
    ("ArrowDown", ("ctrl",), ("ArrowDown", frozenset({"control"}))),
    ("Insert+ArrowDown", (), ("ArrowDown", frozenset({"insert"}))),
    ("+", (), ("+", frozenset())),
])
def test_parse_key(key, mods, expected):
    assert parse_key(key, mods) == expected


class FakeCdp:
    def __init__(self, fail: set[str] = frozenset()):
        self.sent: list[tuple[str, dict | None]] = []
        self.fail = fail

    def send(self, method: str, params: dict | None = None) -> dict:
        self.sent.append((method, params))
        if method in self.fail:
            raise RuntimeError("No node with given id found")
        if method == "Accessibility.getFullAXTree":
            return {"nodes": [
                {"nodeId": "1", "role": {"value": "RootWebArea"}, "name": {"value": "Start"}, "childIds": ["2"],
                 "backendDOMNodeId": 1},
                {"nodeId": "2", "parentId": "1", "role": {"value": "button"}, "name": {"value": "Start now"},
                 "properties": [{"name": "focusable", "value": {"value": True}},
                                {"name": "focused", "value": {"value": True}}], "backendDOMNodeId": 7},
            ]}
        if method == "Runtime.evaluate":
            return {"result": {"type": "string", "value": "http://x/start 1234.5"}}
        return {}


class FakePlaywrightPage:
    def __init__(self) -> None:
        self.keyboard = FakeKeyboard()


def test_cdp_page_speaks_cdp():
    cdp, pw = FakeCdp(), FakePlaywrightPage()
    page = CdpPage(pw, cdp)
    tree = page.tree()
    assert focused_node(tree).name == "Start now" and focused_node(tree).backend_id == 7
    assert page.focus(7) is True
    page.scroll_to(7)
    page.press("Enter")
    assert page.document_key() == "http://x/start 1234.5"
    assert [m for m, _ in cdp.sent] == ["Accessibility.getFullAXTree", "DOM.focus", "DOM.scrollIntoViewIfNeeded",
                                        "Runtime.evaluate"]
    assert cdp.sent[1][1] == {"backendNodeId": 7}
    assert pw.keyboard.pressed == ["Enter"]


def test_cdp_page_survives_nodes_that_are_gone_and_documents_that_are_loading():
    page = CdpPage(FakePlaywrightPage(), FakeCdp(fail={"DOM.focus", "DOM.scrollIntoViewIfNeeded", "Runtime.evaluate"}))
    assert page.focus(7) is False
    page.scroll_to(7)
    assert page.document_key() == ""


def test_typed_text_without_its_key_is_echoed_once(setup):
    """Text that arrives without a key event (an IME, a rehearsal's ``type``) is echoed; text whose key was
    echoed already is not said twice; in browse mode text is dropped."""
    reader, page, speaker, _ = setup
    speaker.take()
    assert reader.handle_text("x") is True and speaker.take() == []
    keys(reader, page, speaker, "Tab", "Tab", "Tab")
    assert reader.forms_mode
    assert reader.handle_text("E") is False
    assert reader.handle_text(" ") is False
    reader.handle_key("8")
    assert reader.handle_text("8") is False
    assert speaker.take() == ["E", "space", "8"]


def test_a_half_loaded_page_is_not_announced_as_a_focus_change():
    """While the next document loads (document_key ""), focus on the old one is not news; the new page is
    announced once, title first."""
    tree = build_page()
    page, speaker, clock = FakePage(tree), Recorder(), Clock(100.0)
    reader = ScreenReader(page, speaker, read_on_load=False, clock=clock)
    reader.update()
    press(reader, page, "b")
    speaker.take()
    page.document = ""                              # Enter sent the form; the new page is loading
    press(reader, page, "Enter")
    page.root = AXNode(role="RootWebArea", name="Select your address", backend_id=200, children=[
        AXNode(role="heading", name="Select your address", level=1, backend_id=201)])
    clock.now += 0.2
    reader.update()
    assert speaker.take() == [], "nothing is said about a page half gone"
    page.document = "doc-2"
    clock.now += 0.2
    reader.update()
    clock.now += 0.2
    reader.update()
    assert speaker.take() == ["Select your address"]


def test_key_times_come_from_the_kiosk():
    """``at`` (when the key arrived) is what the speaker times speech from."""
    class Timed(Recorder):
        timings: dict = {}

        def speak(self, text, interrupt=True, at=None):
            self.events.append(("say", text, at))

        def stop(self, at=None):
            self.events.append(("stop", at))

    page, speaker, clock = FakePage(build_page()), Timed(), Clock(100.0)
    reader = ScreenReader(page, speaker, read_on_load=False, clock=clock)
    reader.update()
    speaker.events.clear()
    reader.handle_key("h", at=99.5)
    assert speaker.events[0] == ("stop", 99.5)
    assert [e[2] for e in speaker.events if e[0] == "say"] == [99.5]


def new_page() -> AXNode:
    return AXNode(role="RootWebArea", name="Select your address", backend_id=300, children=[
        AXNode(role="heading", name="Select your address", level=1, backend_id=301)])


def frames(reader: ScreenReader, clock: Clock, seconds: float, step: float = 0.05) -> None:
    """The kiosk's loop for ``seconds`` of the reader's clock: update() once a frame."""
    end = clock.now + seconds
    while clock.now < end:
        clock.now += step
        reader.update()


def test_a_page_that_loads_slowly_is_still_announced_when_it_comes(setup):
    """The next document takes longer than WATCH_S to load (a loaded machine): the reader keeps watching while
    it loads, then announces it, and the old tree goes."""
    reader, page, speaker, clock = setup
    press(reader, page, "b")
    speaker.take()
    page.document = ""                              # Enter followed the link; the new page is loading
    press(reader, page, "Enter")
    frames(reader, clock, WATCH_S + 3)
    assert speaker.take() == []
    page.root, page.document = new_page(), "doc-2"
    frames(reader, clock, 0.5)
    assert speaker.take() == ["Select your address"]
    assert keys(reader, page, speaker, "ArrowDown") == ["Select your address, heading level 1"]


def test_a_page_whose_server_answers_slowly_is_still_announced(setup):
    """The old document stays up until the server answers (no readyState to see): the pending navigation keeps
    the reader watching, and nothing is said about the old page meanwhile."""
    reader, page, speaker, clock = setup
    press(reader, page, "b")
    speaker.take()
    press(reader, page, "Enter")
    page.pending = True                             # the request went out after the key
    frames(reader, clock, 1)
    fetches = page.fetches
    frames(reader, clock, WATCH_S + 2)
    assert speaker.take() == []
    assert page.fetches == fetches, "the old page's tree is not fetched again while the new one is on its way"
    page.pending, page.document = False, ""        # committed, loading
    frames(reader, clock, 1)
    page.root, page.document = new_page(), "doc-2"
    frames(reader, clock, 0.5)
    assert speaker.take() == ["Select your address"]


def test_watching_a_page_that_never_finishes_loading_stops_at_the_limit(setup):
    reader, page, speaker, clock = setup
    press(reader, page, "b")
    page.document = ""
    press(reader, page, "Enter")
    frames(reader, clock, LOAD_WATCH_S - 1)
    looks = page.key_looks
    frames(reader, clock, 0.5)
    assert page.key_looks > looks, "still watching just before the limit"
    frames(reader, clock, 1)
    looks = page.key_looks
    frames(reader, clock, 10)
    assert page.key_looks == looks, "no more looks after LOAD_WATCH_S"
    page.root, page.document = new_page(), "doc-2"
    press(reader, page, "Tab")                      # the next input watches again, and finds the new page
    frames(reader, clock, 0.5)
    assert "Select your address" in speaker.said()


def test_a_still_page_is_watched_only_watch_s_after_input(setup):
    reader, page, speaker, clock = setup
    press(reader, page, "Tab")
    frames(reader, clock, WATCH_S + 0.5)
    looks = page.key_looks
    frames(reader, clock, 5)
    assert page.key_looks == looks


class FakeRequest:
    def __init__(self, frame: object, navigation: bool = True) -> None:
        self.frame = frame
        self.navigation = navigation

    def is_navigation_request(self) -> bool:
        return self.navigation


class EventfulPage(FakePlaywrightPage):
    """Keeps Playwright event handlers, so a test can fire them."""

    def __init__(self) -> None:
        super().__init__()
        self.main_frame = object()
        self.handlers: dict[str, list] = {}

    def on(self, event: str, handler) -> None:
        self.handlers.setdefault(event, []).append(handler)

    def fire(self, event: str, arg: object) -> None:
        for handler in self.handlers.get(event, []):
            handler(arg)


def test_cdp_page_knows_when_a_navigation_is_on_its_way():
    pw = EventfulPage()
    page = CdpPage(pw, FakeCdp())
    assert page.navigating() is False
    pw.fire("request", FakeRequest(object()))                      # an iframe's navigation
    pw.fire("request", FakeRequest(pw.main_frame, navigation=False))   # a picture
    assert page.navigating() is False
    pw.fire("request", FakeRequest(pw.main_frame))
    assert page.navigating() is True
    pw.fire("framenavigated", object())
    assert page.navigating() is True
    pw.fire("framenavigated", pw.main_frame)
    assert page.navigating() is False
    blocked = FakeRequest(pw.main_frame)                            # answered 204: no new document
    pw.fire("request", blocked)
    pw.fire("requestfinished", blocked)
    assert page.navigating() is False
    pw.fire("request", FakeRequest(pw.main_frame))
    pw.fire("requestfailed", FakeRequest(pw.main_frame))
    assert page.navigating() is False


class FramedCdp(FakeCdp):
    """A page with two frames: one whose document the session reaches, one it does not."""

    def send(self, method: str, params: dict | None = None) -> dict:
        self.sent.append((method, params))
        if method == "DOM.describeNode":
            if params["backendNodeId"] == 9:
                raise RuntimeError("No node with given id found")
            return {"node": {"nodeName": "IFRAME", "frameId": "F1"}}
        if method == "Accessibility.getFullAXTree" and params and params.get("frameId") == "F1":
            return {"nodes": [
                {"nodeId": "10", "role": {"value": "RootWebArea"}, "name": {"value": "Demo page"}, "childIds": ["11"]},
                {"nodeId": "11", "parentId": "10", "role": {"value": "heading"}, "name": {"value": "Demo page"},
                 "properties": [{"name": "level", "value": {"value": 1}}], "backendDOMNodeId": 20},
            ]}
        if method == "Accessibility.getFullAXTree":
            return {"nodes": [
                {"nodeId": "1", "role": {"value": "RootWebArea"}, "name": {"value": "Start"}, "childIds": ["2", "3"],
                 "backendDOMNodeId": 1},
                {"nodeId": "2", "parentId": "1", "role": {"value": "Iframe"}, "name": {"value": "Facebook"},
                 "backendDOMNodeId": 5},
                {"nodeId": "3", "parentId": "1", "role": {"value": "Iframe"}, "name": {"value": "Map"},
                 "backendDOMNodeId": 9},
            ]}
        return super().send(method, params)


def test_cdp_page_reads_a_frames_document_inline_and_leaves_one_it_cannot_reach():
    from auditor.model import phrasing
    tree = CdpPage(FakePlaywrightPage(), FramedCdp()).tree()
    assert phrasing.transcript(tree) == ["Facebook, frame", "Demo page, heading level 1", "out of frame", "Map, frame"]
