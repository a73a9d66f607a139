"""The page's click and key listeners (addEventListener ones included), handed to the page scripts for the
clickables and activation facts; listeners on the document or the window set page-wide flags. ``heard``
also tells the shortcuts gatherer who hears a key pressed on the body."""

from __future__ import annotations

from typing import Any, Callable

MAX_LISTENER_NODES = 300   # click-listener nodes looked at
CLICK_EVENTS = ("click", "mousedown", "mouseup", "pointerdown", "pointerup")
KEY_EVENTS = ("keydown", "keyup", "keypress")
BLUR_EVENTS = ("blur", "focusout")   # what lets a page take focus back after Tab left (T.mayRefocus)
OBJECT_GROUP = "elab-listeners"
# Hands one listening node to the page script: elements to a list, the document to a page-wide flag.
_PUSH_NODE = ("function (kind) { const T = window.__elabTab; if (this.nodeType === 1) { if (!T[kind].includes(this)) "
              "T[kind].push(this); } else if (this.nodeType === 9) T.page[kind] = true; }")


def heard(cdp: Any, send_many: Callable[..., list], targets: dict[str, str]) -> dict[str, set[str]]:
    """The event types each of ``targets`` (label: an expression such as ``"window"`` or ``"document.body"``)
    has listeners for, its own only, inline ``on...`` attributes included; a target that is not there is left
    out. Asked of the page's own world: CDP lists a node's listeners whatever world added them, but the
    window's only for the world its object comes from (an isolated world's window shows none of the page's).
    Two pipelined round trips (``Browser.send_many``); an error of CDP's is raised."""
    labels = list(targets)
    try:
        answers = send_many(cdp, [("Runtime.evaluate", {"expression": targets[label], "objectGroup": OBJECT_GROUP})
                                  for label in labels], return_exceptions=True)
        objects = [(label, ((a.get("result") or {}).get("objectId") if isinstance(a, dict) else None))
                   for label, a in zip(labels, answers)]
        objects = [(label, o) for label, o in objects if o]
        lists = send_many(cdp, [("DOMDebugger.getEventListeners", {"objectId": o}) for _, o in objects]
                          + [("Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP})], return_exceptions=True)
        return {label: {item.get("type") for item in answer.get("listeners", [])}
                for (label, _), answer in zip(objects, lists) if isinstance(answer, dict)}
    except Exception:
        send_many(cdp, [("Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP})], return_exceptions=True)
        raise


def objects_commands(world: Any) -> list[tuple[str, dict]]:
    """The commands that give the document (in the world) and the window (in the page's own world: see
    ``heard``) as remote objects in the world's object group, for ``mark`` to read their listeners whenever
    the walk needs them (released with the world's objects when the walk ends)."""
    return [world.command("document", group=True),
            ("Runtime.evaluate", {"expression": "window", "objectGroup": world_group(world)})]


def world_group(world: Any) -> str:
    return world.release_command()[1]["objectGroup"]


def mark(world: Any, cdp: Any, send_many: Callable[..., list], also: tuple | list = (),
         objects: list | None = None) -> tuple[list, list]:
    """Hand the nodes with click-like, key and blur listeners to the page script (``T.clicks``, ``T.keys``,
    ``T.blurs``, ``T.page``). Best effort: onclick attributes, roles and cursors still count without it.

    ``send_many(cdp, commands, return_exceptions=True)`` (``Browser.send_many``) sends each step's commands
    together: the document and the window (unless ``objects`` has the answers to ``objects_commands``), their
    listeners (with ``also``, other commands of the caller's that change nothing in the page), then the
    listening nodes resolved (only if there are any). Returns the
    answers to ``also`` (an exception in place of one that failed) and the commands that hand the nodes
    over and release them, for the caller to send in front of its next expression in the world (``World.
    command``, which also carries the page-wide flags set here: ``World.defer``); a node that fails is left
    out, as before."""
    also = list(also)
    mine: list = []
    try:
        release: list = []
        if objects is None:
            answers = send_many(cdp, also + objects_commands(world)[:1] + [("Runtime.evaluate", {
                "expression": "window", "objectGroup": OBJECT_GROUP})], return_exceptions=True)
            mine, objects = answers[:len(also)], answers[len(also):]
            release = [("Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP})]
        doc_id, win_id = ((answer.get("result") or {}).get("objectId") if isinstance(answer, dict) else None
                          for answer in objects)
        reads = [("DOMDebugger.getEventListeners", {"objectId": o, **extra})
                 for o, extra in ((doc_id, {"depth": -1, "pierce": True}), (win_id, {})) if o]
        first = [] if mine else also
        lists = send_many(cdp, first + reads + release, return_exceptions=True)
        if first:
            mine, lists = lists[:len(first)], lists[len(first):]
    except Exception as exc:
        return (mine or [exc] * len(also)), []
    if not doc_id or not isinstance(lists[0], dict):   # (the document's listeners are the ones that matter)
        return mine, []
    listeners = lists[0].get("listeners", [])
    on_window = {item.get("type") for item in lists[1].get("listeners", [])} \
        if win_id and isinstance(lists[1], dict) else set()
    kinds = {"clicks": CLICK_EVENTS, "keys": KEY_EVENTS, "blurs": BLUR_EVENTS}
    for kind, events in kinds.items():
        if on_window & set(events):
            world.defer(f"window.__elabTab.page.{kind} = true")
    nodes: dict[int, set[str]] = {}
    for listener in listeners:
        node = listener.get("backendNodeId")
        for kind, events in kinds.items():
            if listener.get("type") in events and node:
                nodes.setdefault(node, set()).add(kind)
    # (click and key nodes first, in the listeners' order: the blur ones never take their places)
    chosen = sorted(nodes.items(), key=lambda item: item[1] == {"blurs"})[:MAX_LISTENER_NODES]
    if not chosen:
        return mine, []
    resolved = send_many(cdp, [("DOM.resolveNode", {"backendNodeId": node, "executionContextId": world.context})
                               for node, _ in chosen], return_exceptions=True)
    calls: list[tuple[str, dict]] = []
    lent: list[str] = []
    for (_, node_kinds), answer in zip(chosen, resolved):
        object_id = ((answer.get("object") or {}).get("objectId") if isinstance(answer, dict) else None)
        if not object_id:
            continue
        lent.append(object_id)
        calls.extend(("Runtime.callFunctionOn", {"objectId": object_id, "functionDeclaration": _PUSH_NODE,
                                                 "arguments": [{"value": kind}]}) for kind in sorted(node_kinds))
    return mine, calls + [("Runtime.releaseObject", {"objectId": o}) for o in lent]
