"""The page's click and key listeners (addEventListener ones included), handed to the page scripts for the
clickables and activation facts; listeners on the document or the window set page-wide flags."""

from __future__ import annotations

from typing import Any

MAX_LISTENER_NODES = 300   # click-listener nodes looked at
CLICK_EVENTS = ("click", "mousedown", "mouseup", "pointerdown", "pointerup")
KEY_EVENTS = ("keydown", "keyup", "keypress")
# Hands one listening node to the page script: elements to a list, the document to a page-wide flag.
_PUSH_NODE = ("function (kind) { const T = window.__elabTab; if (this.nodeType === 1) { if (!T[kind].includes(this)) "
              "T[kind].push(this); } else if (this.nodeType === 9) T.page[kind] = true; }")


def mark(world: Any, cdp: Any) -> None:
    """Hand the nodes with click-like and key listeners to the page script (``T.clicks``, ``T.keys``,
    ``T.page``). Best effort: onclick attributes, roles and cursors still count without it."""
    try:
        doc = world.object_id("document")
        listeners = cdp.send("DOMDebugger.getEventListeners",
                             {"objectId": doc, "depth": -1, "pierce": True}).get("listeners", [])
        win = world.object_id("window")
        on_window = cdp.send("DOMDebugger.getEventListeners", {"objectId": win}).get("listeners", [])
    except Exception:
        return
    kinds = {"clicks": CLICK_EVENTS, "keys": KEY_EVENTS}
    for kind, events in kinds.items():
        if any(item.get("type") in events for item in on_window):
            world.value(f"window.__elabTab.page.{kind} = true")
    nodes: dict[int, set[str]] = {}
    for listener in listeners:
        node = listener.get("backendNodeId")
        for kind, events in kinds.items():
            if listener.get("type") in events and node:
                nodes.setdefault(node, set()).add(kind)
    for node, node_kinds in list(nodes.items())[:MAX_LISTENER_NODES]:
        try:
            obj = cdp.send("DOM.resolveNode", {"backendNodeId": node, "executionContextId": world.context})
            object_id = obj["object"]["objectId"]
            for kind in sorted(node_kinds):
                cdp.send("Runtime.callFunctionOn", {"objectId": object_id, "functionDeclaration": _PUSH_NODE,
                                                    "arguments": [{"value": kind}]})
            cdp.send("Runtime.releaseObject", {"objectId": object_id})
        except Exception:
            continue
