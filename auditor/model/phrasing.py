"""What a screen reader says: phrases for accessibility-tree nodes, reading order, transcripts, quick keys.

Pure: standard library only. Shared by the auditor (transcripts and "what Ashleigh hears" in findings) and
the kiosk (which speaks the phrases). Nodes are :class:`auditor.model.axnode.AXNode`.

``phrase(node)`` joins, in a fixed order as NVDA and VoiceOver do:
name, role word (headings: "heading level N"), value (when it differs from the name), states, description,
position ("2 of 4")::

    "Postcode, edit text, required"        "Council tax, heading level 1"
    "Garden waste, radio button, not checked, 2 of 4"
    "button"  "edit text"  "unlabelled graphic"   (controls without a name)
    "Find out more, link"

``stops(tree)`` walks the tree as a reading cursor does (browse mode, arrow down) and gives a
:class:`Stop` for each thing heard: runs of text (joined within a block), headings, controls, images, and the
entry and exit of landmarks, lists, tables, named groups and dialogs ("main landmark" ... "out of main
landmark", "list, 3 items" ... "out of list"). Generic wrappers, paragraphs and list items are not spoken
themselves; their text is. Children of controls and headings are not read again (the name holds them),
but links or buttons inside a heading are stops of their own. Reading (not focus) says what a link made
of images holds: "Red Panda, graphic, link" (``reading_phrase``); a ``<video>`` or ``<audio>`` with controls
is said, then its controls, then "out of video".

``reading_order(tree)`` is the stops' nodes without exits; ``transcript(tree)`` is every stop's phrase.
``next_of(stops_or_nodes, index, kind)`` finds the next (or previous) heading, landmark, form field, link or
focusable thing, as the H, D, F, K and Tab keys do (see ``QUICK_KEYS`` and ``KINDS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from auditor.model.axnode import POSITION_ROLES, AXNode

# Role words, NVDA-like English. Roles not listed (generic, paragraph, listitem, cell, StaticText, LabelText,
# Legend...) say no role word.
ROLE_WORDS: dict[str, str] = {
    "button": "button",
    "link": "link",
    "heading": "heading",
    "textbox": "edit text",
    "searchbox": "search edit text",
    "checkbox": "check box",
    "radio": "radio button",
    "switch": "switch",
    "combobox": "combo box",
    "listbox": "list box",
    "option": "option",
    "slider": "slider",
    "spinbutton": "spin button",
    "progressbar": "progress bar",
    "meter": "meter",
    "image": "graphic",
    "img": "graphic",
    "Canvas": "graphic",
    "figure": "figure",
    "table": "table",
    "grid": "grid",
    "row": "row",
    "columnheader": "column header",
    "rowheader": "row header",
    "list": "list",
    "group": "grouping",
    "radiogroup": "grouping",
    "dialog": "dialog",
    "alertdialog": "alert dialog",
    "alert": "alert",
    "tab": "tab",
    "tablist": "tab control",
    "tabpanel": "property page",
    "menu": "menu",
    "menubar": "menu bar",
    "menuitem": "menu item",
    "menuitemcheckbox": "check menu item",
    "menuitemradio": "radio menu item",
    "tree": "tree view",
    "treeitem": "tree view item",
    "separator": "separator",
    "DisclosureTriangle": "button",
    "Iframe": "frame",
    "video": "video",
    "audio": "audio",
    "Video": "video",       # (Chromium's role for <video> and <audio>: html-aam has no ARIA role for them)
    "Audio": "audio",
    "math": "math",
}

LANDMARK_WORDS: dict[str, str] = {
    "main": "main",
    "navigation": "navigation",
    "banner": "banner",
    "contentinfo": "content info",
    "complementary": "complementary",
    "search": "search",
    "form": "form",
    "region": "region",
}

# Roles a reading cursor stops on as one thing; their text is in their name and is not read again.
LEAF_ROLES = {
    "button", "link", "heading", "textbox", "searchbox", "checkbox", "radio", "switch", "combobox", "listbox",
    "option", "slider", "spinbutton", "progressbar", "meter", "image", "img", "Canvas", "tab", "menuitem",
    "menuitemcheckbox", "menuitemradio", "treeitem", "separator", "DisclosureTriangle", "Iframe", "math",
    "video", "audio", "Video", "Audio",
}
CONTROL_ROLES = {
    "button", "link", "textbox", "searchbox", "checkbox", "radio", "switch", "combobox", "listbox", "slider",
    "spinbutton", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "treeitem", "DisclosureTriangle",
}
FIELD_ROLES = {
    "textbox", "searchbox", "checkbox", "radio", "switch", "combobox", "listbox", "slider", "spinbutton",
    "button", "DisclosureTriangle",
}
MEDIA_ROLES = {"Video", "Audio", "video", "audio"}
EDIT_ROLES = {"textbox", "searchbox", "combobox", "spinbutton"}
# Inline wrappers whose text runs on with the text around them. ``generic`` is not one of them: Chromium
# keeps a generic node mostly for block elements (div), which a reader says on a line of their own.
INLINE_ROLES = {"strong", "emphasis", "mark", "code", "subscript", "superscript", "time", "abbr", "Abbr",
                "insertion", "deletion"}


@dataclass
class Stop:
    """One thing a reading cursor says: the node and its phrase; ``exit`` for "out of list" and the like."""

    node: AXNode
    phrase: str
    exit: bool = False


# -- one node ------------------------------------------------------------------------------------------
def role_word(node: AXNode) -> str:
    """The role as spoken ("edit text", "heading level 2", "toggle button", "unlabelled graphic")."""
    role = node.role
    if role == "heading":
        return f"heading level {node.level}" if node.level else "heading"
    if role == "button" and "pressed" in node.states:
        return "toggle button"
    if role in ("textbox", "searchbox") and node.states.get("multiline"):
        return ROLE_WORDS[role] + ", multi line"
    if node.landmark:
        return LANDMARK_WORDS[node.landmark] + " landmark"
    word = ROLE_WORDS.get(role, "")
    if word == "graphic" and not node.name.strip():
        return "unlabelled graphic"
    return word


def state_words(node: AXNode) -> list[str]:
    """The states as spoken, in a fixed order."""
    s = node.states
    words: list[str] = []
    if "checked" in s:
        checked = s["checked"]
        if node.role == "switch":
            words.append("on" if checked is True else "off")
        else:
            words.append({True: "checked", "mixed": "half checked"}.get(checked, "not checked"))
    if "pressed" in s:
        words.append({True: "pressed", "mixed": "half pressed"}.get(s["pressed"], "not pressed"))
    if "expanded" in s:
        words.append("expanded" if s["expanded"] is True else "collapsed")
    if s.get("selected") is True:
        words.append("selected")
    current = s.get("current")
    if current:
        words.append("current" if current is True or current == "true" else f"current {current}")
    popup = s.get("haspopup")
    if popup and node.role in ("button", "link", "menuitem"):
        words.append("submenu" if node.role == "menuitem" else "has pop-up")
    if s.get("readonly") is True and node.role in EDIT_ROLES:
        words.append("read only")
    if s.get("required") is True:
        words.append("required")
    if s.get("invalid"):
        words.append("invalid entry")
    if s.get("disabled") is True:
        words.append("unavailable")
    return words


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def phrase(node: AXNode, content: str = "") -> str:
    """The spoken phrase: name, role, value, states, description, position ("" for silent nodes).

    ``content`` is the role word of what the element holds, said before its own role when reading (an image
    link: "Red Panda, graphic, link")."""
    name = " ".join(node.name.split())
    if node.role == "StaticText":
        return name
    parts = [name] if name else []
    if content:
        parts.append(content)
    word = role_word(node)
    if word:
        parts.append(word)
    value = " ".join(node.value.split())
    if value and not _same(value, name):
        parts.append(value)
    parts.extend(state_words(node))
    description = " ".join(node.description.split())
    if description and not _same(description, name):
        parts.append(description)
    if node.role in POSITION_ROLES and node.posinset and node.setsize:
        parts.append(f"{node.posinset} of {node.setsize}")
    return ", ".join(parts)


# -- containers with entry and exit --------------------------------------------------------------------
def _items(node: AXNode, role: str, nested: str) -> list[AXNode]:
    """Descendants with role, not looking inside nested containers of role ``nested``."""
    found: list[AXNode] = []
    for child in node.children:
        if child.role == role:
            found.append(child)
        elif child.role != nested:
            found.extend(_items(child, role, nested))
    return found


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def entry_phrase(node: AXNode) -> str:
    """What is said on entering a container, or "" when it is not announced."""
    name = " ".join(node.name.split())
    if node.landmark:
        return f"{name}, {role_word(node)}" if name else role_word(node)
    if node.role == "list":
        return "list, " + _plural(len(_items(node, "listitem", "list")), "item")
    if node.role in ("table", "grid"):
        rows = _items(node, "row", node.role)
        columns = max((len([c for c in r.walk() if c.role in ("cell", "gridcell", "columnheader", "rowheader")])
                       for r in rows), default=0)
        words = [ROLE_WORDS[node.role], _plural(len(rows), "row"), _plural(columns, "column")]
        return ", ".join(([name] if name else []) + words)
    if node.role in ("group", "radiogroup") and name:
        return f"{name}, grouping"
    if node.role in ("dialog", "alertdialog"):
        return ", ".join(([name] if name else []) + [ROLE_WORDS[node.role]])
    if node.role == "Iframe" and node.children:
        return phrase(node)     # a frame whose document is in the tree (the kiosk's) is read inline
    if node.role in MEDIA_ROLES and node.children:
        # <video controls>/<audio controls>: the element, then its controls (html-aam: the user agent's
        # controls are its children; platforms map it to a video/audio grouping)
        return phrase(node)
    return ""


def exit_phrase(node: AXNode) -> str:
    if node.landmark:
        return f"out of {role_word(node)}"
    return "out of " + ROLE_WORDS.get(node.role, node.role)


# -- reading order -------------------------------------------------------------------------------------
def _text_only(node: AXNode) -> bool:
    if node.role == "StaticText":
        return True
    return node.role in INLINE_ROLES and bool(node.children) and all(_text_only(c) for c in node.children)


IMAGE_ROLES = ("image", "img", "Canvas")


def image_content(node: AXNode) -> bool:
    """A link whose content is images only (``<a href><img alt="Red Panda"></a>``): its name comes from them.

    A link's children are not presentational (WAI-ARIA), so the image is in the tree inside it (html-aam maps
    ``<img alt>`` to ``img``), and reading, screen readers say it with the link: NVDA "link, graphic, Red
    Panda", Orca "Red Panda image link". Buttons' children are presentational: not for them."""
    if node.role != "link":
        return False
    images = 0

    def visit(n: AXNode) -> bool:
        nonlocal images
        for child in n.children:
            if child.role in IMAGE_ROLES:
                images += 1
            elif child.role == "StaticText":
                if child.name.strip():
                    return False
            elif not visit(child):
                return False
        return True

    return visit(node) and images > 0


def reading_phrase(node: AXNode) -> str:
    """The phrase a reading cursor (browse mode) says: an image link says its image ("Red Panda, graphic,
    link"); focus (Tab) says ``phrase(node)``, as NVDA and Orca do ("Red Panda link")."""
    if not image_content(node):
        return phrase(node)
    return phrase(node, "graphic" if node.name.strip() else "unlabelled graphic")


def _inner_stops(node: AXNode, out: list[Stop]) -> None:
    """Controls and images inside a leaf (a link inside a heading): stops of their own."""
    for child in node.children:
        if child.role in CONTROL_ROLES or child.role in ("image", "img"):
            out.append(Stop(child, phrase(child)))
            _inner_stops(child, out)
        else:
            _inner_stops(child, out)


def _children(node: AXNode, out: list[Stop]) -> None:
    run: list[AXNode] = []

    def flush() -> None:
        if run:
            texts = [n.name if n.role == "StaticText" else n.text() for n in run]
            text = " ".join(" ".join(texts).split())
            if text:
                first = run[0]
                out.append(Stop(AXNode(role="StaticText", name=text, backend_id=first.backend_id,
                                       selector=first.selector, snippet=first.snippet), text))
            run.clear()

    for child in node.children:
        if _text_only(child):
            run.append(child)
            continue
        flush()
        _visit(child, out)
    flush()


def _visit(node: AXNode, out: list[Stop]) -> None:
    if node.role == "StaticText":
        text = " ".join(node.name.split())
        if text:
            out.append(Stop(node, text))
        return
    if node.role in LEAF_ROLES and not (node.role in MEDIA_ROLES | {"Iframe"} and node.children):
        out.append(Stop(node, reading_phrase(node)))
        if not image_content(node):       # an image link's images are said with it, on one stop
            _inner_stops(node, out)
        return
    entry = entry_phrase(node)
    if entry:
        out.append(Stop(node, entry))
        _children(node, out)
        out.append(Stop(node, exit_phrase(node), exit=True))
        return
    _children(node, out)


def stops(tree: AXNode) -> list[Stop]:
    """Everything a reading cursor says, top to bottom, with container entries and exits."""
    out: list[Stop] = []
    _visit(tree, out)
    return out


def reading_order(tree: AXNode) -> list[AXNode]:
    """The nodes a reading cursor visits (text runs, headings, controls, images, landmarks, lists...)."""
    return [s.node for s in stops(tree) if not s.exit]


def transcript(tree: AXNode) -> list[str]:
    """The phrases in reading order, including landmark/list/table entry and exit phrases."""
    return [s.phrase for s in stops(tree)]


# -- quick navigation ----------------------------------------------------------------------------------
def _is_heading(level: int | None) -> Callable[[AXNode], bool]:
    return lambda n: n.role == "heading" and (level is None or n.level == level)


KINDS: dict[str, Callable[[AXNode], bool]] = {
    "heading": _is_heading(None),
    **{f"heading{level}": _is_heading(level) for level in range(1, 7)},
    "landmark": lambda n: bool(n.landmark),
    "field": lambda n: n.role in FIELD_ROLES,
    "link": lambda n: n.role == "link",
    "button": lambda n: n.role in ("button", "DisclosureTriangle"),
    "graphic": lambda n: n.role in IMAGE_ROLES or image_content(n),   # an image link's stop holds its image
    "list": lambda n: n.role == "list",
    "table": lambda n: n.role in ("table", "grid"),
    "focusable": lambda n: n.focusable and n.states.get("disabled") is not True and n.role != "RootWebArea",
}

# NVDA's browse-mode keys (with Shift: backwards) -> kind.
QUICK_KEYS: dict[str, str] = {
    "h": "heading", "d": "landmark", "f": "field", "k": "link", "b": "button", "g": "graphic", "l": "list",
    "t": "table", **{str(level): f"heading{level}" for level in range(1, 7)},
}

KIND_WORDS: dict[str, str] = {
    "heading": "heading", "landmark": "landmark", "field": "form field", "link": "link", "button": "button",
    "graphic": "graphic", "list": "list", "table": "table", "focusable": "focusable element",
    **{f"heading{level}": f"heading at level {level}" for level in range(1, 7)},
}


def next_of(items: Sequence[AXNode | Stop], index: int, kind: str, backwards: bool = False) -> int | None:
    """Index of the next (or previous) item of ``kind`` after (before) ``index``, or None when there is none.

    ``items`` is ``reading_order(tree)`` or ``stops(tree)`` (exit stops are skipped). Start at ``index=-1``
    (forwards) or ``len(items)`` (backwards) to search from an end. Raises ValueError for an unknown kind.
    """
    if kind not in KINDS:
        raise ValueError(f"next_of: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    test = KINDS[kind]
    positions = range(index - 1, -1, -1) if backwards else range(index + 1, len(items))
    for i in positions:
        item = items[i]
        if isinstance(item, Stop):
            if item.exit:
                continue
            item = item.node
        if test(item):
            return i
    return None


def none_left_phrase(kind: str, backwards: bool = False) -> str:
    """What NVDA says when there is nothing more of a kind: "no next heading", "no previous link"."""
    if kind not in KINDS:
        raise ValueError(f"none_left_phrase: unknown kind {kind!r}")
    return f"no {'previous' if backwards else 'next'} {KIND_WORDS[kind]}"
