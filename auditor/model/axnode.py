"""The plain accessibility-tree node shared by the auditor and the kiosk, and its conversions.

Pure: standard library only (no Playwright, no pygame). A node is what a screen reader knows about one
thing on the page::

    AXNode(
        role="textbox",            # Chromium/ARIA role: textbox, button, link, heading, image, StaticText,
                                   # main, navigation, list, listitem, radio, checkbox, combobox, generic...
        name="Postcode",           # the accessible name ("" when there is none)
        name_from="label",         # where the name came from: contents, label, aria-label,
                                   # aria-labelledby, alt, title, placeholder, caption, legend... ("" if none)
        value="",                  # current value of a field ("E8 1DY"), a select's chosen option
        description="",            # the accessible description (aria-describedby, title)
        level=None,                # heading level (1-6); None elsewhere
        states={"required": True}, # only the states that are set; see STATE_KEYS
        posinset=None, setsize=None,  # "2 of 4" for radios, options, tabs, menu items, tree items
        focusable=True,
        backend_id=27,             # CDP backendDOMNodeId: maps back to the DOM node
        url="",                    # links and images: the target / source URL
        selector="", snippet="",   # filled by the auditor's gatherer (a CSS selector, an HTML snippet)
        dom={},                    # other DOM facts the gatherer adds (tag, visible text, labels...)
        children=[...],
    )

``node.landmark`` is the landmark kind ("main", "navigation", "banner", "contentinfo", "complementary",
"search", "form", "region") or "" (``form`` and ``region`` count only when they have a name).

``from_cdp(nodes)`` turns the node list of CDP ``Accessibility.getFullAXTree`` into a tree of AXNodes:
ignored nodes are dropped (their children move up), inline text boxes and list bullets are dropped, and
positions ("2 of 4") are worked out where Chromium does not give them. ``flatten`` / ``unflatten`` turn a tree
into the plain-JSON list (pre-order, each with ``depth``) that artifacts hold, and back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Iterator

# The states a node may carry. Values: True/False, or "mixed" for checked/pressed, or a token for current
# ("page", "step", "true"...). Absent keys are not set (a checkbox always has "checked").
STATE_KEYS = (
    "required", "invalid", "checked", "pressed", "expanded", "selected", "disabled", "readonly",
    "focused", "multiline", "haspopup", "current", "modal", "busy",
)

LANDMARK_ROLES = {"main", "navigation", "banner", "contentinfo", "complementary", "search", "form", "region"}
NAMED_ONLY_LANDMARKS = {"form", "region"}

# Roles whose position in a set is spoken ("2 of 4"), and the role of the set that holds them.
POSITION_ROLES = {"radio", "option", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "treeitem"}

# Chromium roles that carry nothing for a reader: dropped when converting.
DROPPED_ROLES = {"InlineTextBox", "ListMarker"}


@dataclass
class AXNode:
    role: str
    name: str = ""
    name_from: str = ""
    value: str = ""
    description: str = ""
    level: int | None = None
    states: dict[str, Any] = field(default_factory=dict)
    posinset: int | None = None
    setsize: int | None = None
    focusable: bool = False
    backend_id: int | None = None
    url: str = ""
    selector: str = ""
    snippet: str = ""
    dom: dict[str, Any] = field(default_factory=dict)
    children: list["AXNode"] = field(default_factory=list)

    @property
    def landmark(self) -> str:
        if self.role in NAMED_ONLY_LANDMARKS:
            return self.role if self.name.strip() else ""
        return self.role if self.role in LANDMARK_ROLES else ""

    def walk(self) -> Iterator["AXNode"]:
        """This node and all its descendants, in document (pre-)order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def text(self) -> str:
        """All text inside this node, joined as a reader would run it together."""
        parts = [n.name for n in self.walk() if n.role == "StaticText" and n.name]
        return " ".join(" ".join(parts).split())


_SCALARS = [f.name for f in fields(AXNode) if f.name != "children"]


# -- from CDP ------------------------------------------------------------------------------------------
def _value(prop: dict | None) -> Any:
    return prop.get("value") if isinstance(prop, dict) else None


def _name_from(name: dict | None) -> str:
    """The source that gave the name: the first source with a value that is not superseded."""
    for source in (name or {}).get("sources", []):
        if source.get("superseded") or "value" not in source:
            continue
        value = _value(source.get("value"))
        if value in (None, ""):
            continue
        kind = source.get("type", "")
        if kind == "contents":
            return "contents"
        if kind == "placeholder":
            return "placeholder"
        if source.get("nativeSource"):
            return {"labelfor": "label", "labelwrapped": "label"}.get(source["nativeSource"], source["nativeSource"])
        return source.get("attribute") or kind
    return ""


def _bool(value: Any) -> Any:
    if value in ("true", True):
        return True
    if value in ("false", False, None, ""):
        return False
    return value  # "mixed", "spelling", "page"...


def _states(props: dict[str, Any]) -> dict[str, Any]:
    states: dict[str, Any] = {}
    for key in ("required", "disabled", "readonly", "focused", "multiline", "modal", "busy", "selected", "expanded"):
        if key in props:
            states[key] = _bool(props[key])
    for key in ("checked", "pressed"):
        if key in props:
            states[key] = _bool(props[key])
    if _bool(props.get("invalid")):
        states["invalid"] = True
    if props.get("hasPopup") not in (None, "false", False):
        states["haspopup"] = props["hasPopup"]
    if props.get("current") not in (None, "false", False):
        states["current"] = props["current"]
    return states


def _convert(raw: dict) -> AXNode:
    props = {p["name"]: _value(p.get("value")) for p in raw.get("properties", [])}
    role = _value(raw.get("role")) or ""
    level = props.get("level") if role == "heading" else None
    return AXNode(
        role=role,
        name=" ".join(str(_value(raw.get("name")) or "").split()) if role != "StaticText" else str(_value(raw.get("name")) or ""),
        name_from=_name_from(raw.get("name")),
        value=str(_value(raw.get("value")) or "") if raw.get("value") else "",
        description=" ".join(str(_value(raw.get("description")) or "").split()),
        level=int(level) if isinstance(level, (int, float)) else None,
        states=_states(props),
        posinset=props.get("posinset"),
        setsize=props.get("setsize"),
        focusable=bool(props.get("focusable")),
        backend_id=raw.get("backendDOMNodeId"),
        url=str(props.get("url") or ""),
    )


def from_cdp(raw_nodes: list[dict]) -> AXNode:
    """Build the plain tree from CDP ``Accessibility.getFullAXTree``'s ``nodes``.

    Raises ValueError with a clear message when the list holds no root.
    """
    if not isinstance(raw_nodes, list) or not raw_nodes:
        raise ValueError("accessibility tree: no nodes (CDP Accessibility.getFullAXTree returned nothing)")
    by_id = {str(n.get("nodeId")): n for n in raw_nodes if isinstance(n, dict)}
    roots = [n for n in raw_nodes if isinstance(n, dict) and not n.get("parentId")]
    if not roots:
        raise ValueError("accessibility tree: no root node (every node has a parentId)")

    def build(raw: dict, seen: set[str]) -> list[AXNode]:
        """The kept nodes for raw: itself, or (ignored or dropped) its kept descendants."""
        node_id = str(raw.get("nodeId"))
        if node_id in seen:
            return []
        seen.add(node_id)
        kids: list[AXNode] = []
        for child_id in raw.get("childIds", []):
            child = by_id.get(str(child_id))
            if child is not None:
                kids.extend(build(child, seen))
        role = _value(raw.get("role")) or ""
        if raw.get("ignored") or role in DROPPED_ROLES or role in ("none", "presentation", "Ignored"):
            return kids
        node = _convert(raw)
        node.children = kids
        return [node]

    seen: set[str] = set()
    built = build(roots[0], seen)
    root = built[0] if len(built) == 1 else AXNode(role="RootWebArea", children=built)
    _fill_positions(root)
    return root


def _fill_positions(root: AXNode) -> None:
    """Give radios, options, tabs... a position when Chromium did not: among the same-role nodes under the
    nearest ancestor that holds more than one of them."""
    def visit(node: AXNode, ancestors: list[AXNode]) -> None:
        if node.role in POSITION_ROLES and (node.posinset is None or node.setsize is None):
            for holder in reversed(ancestors):
                same = [n for n in holder.walk() if n.role == node.role]
                if len(same) > 1 or holder.role in ("radiogroup", "listbox", "tablist", "menu", "menubar", "tree", "group"):
                    node.posinset = next(i for i, n in enumerate(same, 1) if n is node)
                    node.setsize = len(same)
                    break
        ancestors.append(node)
        for child in node.children:
            visit(child, ancestors)
        ancestors.pop()

    visit(root, [])


# -- plain JSON ----------------------------------------------------------------------------------------
def to_dict(node: AXNode) -> dict[str, Any]:
    """One node as plain JSON, without its children (``landmark`` included for readers of the JSON)."""
    data = {name: getattr(node, name) for name in _SCALARS}
    data["states"] = dict(node.states)
    data["dom"] = dict(node.dom)
    data["landmark"] = node.landmark
    return data


def flatten(root: AXNode) -> list[dict[str, Any]]:
    """The tree as a pre-order list of plain dicts, each with ``depth``, ``index`` and ``parent`` (index of
    the parent in the list, -1 for the root)."""
    out: list[dict[str, Any]] = []

    def visit(node: AXNode, depth: int, parent: int) -> None:
        data = to_dict(node)
        data.update(depth=depth, index=len(out), parent=parent)
        out.append(data)
        me = data["index"]
        for child in node.children:
            visit(child, depth + 1, me)

    visit(root, 0, -1)
    return out


def from_dict(data: dict[str, Any]) -> AXNode:
    """One node from plain JSON (unknown keys are ignored; ``role`` is required)."""
    if not isinstance(data, dict) or not isinstance(data.get("role"), str):
        raise ValueError(f"accessibility node: expected an object with a 'role' string, got {data!r:.80}")
    kwargs = {name: data[name] for name in _SCALARS if name in data and data[name] is not None}
    kwargs.setdefault("states", {})
    return AXNode(**kwargs)


def unflatten(flat: list[dict[str, Any]]) -> AXNode:
    """Rebuild a tree from ``flatten``'s output (pre-order with ``depth``)."""
    if not flat:
        raise ValueError("accessibility tree: the node list is empty")
    stack: list[tuple[int, AXNode]] = []
    root: AXNode | None = None
    for position, data in enumerate(flat):
        node = from_dict(data)
        depth = data.get("depth")
        if not isinstance(depth, int) or depth < 0:
            raise ValueError(f"accessibility tree: node {position}: 'depth' must be a whole number >= 0")
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if not stack:
            if root is not None:
                raise ValueError(f"accessibility tree: node {position}: a second root at depth {depth}")
            root = node
        else:
            stack[-1][1].children.append(node)
        stack.append((depth, node))
    assert root is not None
    return root
