"""An isolated JS world on the page's main frame: same DOM, pristine built-ins (pages that override
Array.prototype.push or HTMLElement.prototype.blur cannot break the walk)."""

from __future__ import annotations

from typing import Any

OBJECT_GROUP = "elab-tabwalk"


def soon(browser: Any, cdp: Any, script: str, name: str = "elab-tabwalk") -> Any:
    """The world made and ``script`` loaded in it while other work goes on (``Browser.send_soon``: the frame's
    id, the world, the script, each step sent as the one before is answered); ``World.prepared`` takes it.
    Loading the script changes nothing in the page (it only defines the walk's functions in the world)."""
    def world(answers: list) -> list:
        return [("Page.createIsolatedWorld", {"frameId": answers[0]["frameTree"]["frame"]["id"], "worldName": name})]

    def load(answers: list) -> list:
        context = int(answers[0]["executionContextId"])
        return [("Runtime.evaluate", {"expression": f"{script}\n;{context}", "contextId": context,
                                      "returnByValue": True})]

    return browser.send_soon(cdp, [("Page.getFrameTree", {})], then=(world, load))


class World:
    def __init__(self, cdp: Any, script: str, name: str = "elab-tabwalk", context: int | None = None):
        self.cdp = cdp
        self.name = name
        self.script = script
        self.deferred: list[str] = []
        self.ahead = context is not None   # made in advance (``soon``): it may be gone by its first use
        if context is None:
            self.make()
        else:
            self.context = context

    def make(self) -> None:
        """A fresh world with the script loaded: three round trips."""
        self.ahead = False
        frame_id = self.cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = self.cdp.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": self.name})
        self.context = world["executionContextId"]
        deferred, self.deferred = self.deferred, []
        self.value(self.script)   # one round trip for all the scripts
        self.deferred = deferred

    @classmethod
    def prepared(cls, cdp: Any, script: str, sent: Any, name: str = "elab-tabwalk") -> "World":
        """The world ``soon`` made, if it was made and the script ran there; else a fresh one. (Whether it is
        still the page's is known at its first use: see ``ahead``.)"""
        answers = sent.answers() if sent is not None else []
        answer = answers[0] if answers else None
        if isinstance(answer, dict) and "exceptionDetails" not in answer:
            context = (answer.get("result") or {}).get("value")
            if isinstance(context, int):
                return cls(cdp, script, name, context)
        return cls(cdp, script, name)

    def defer(self, statement: str) -> None:
        """Run ``statement`` (sync, no value wanted) in front of the next expression sent here: no round trip
        of its own. (Anything that presses keys must ``flush`` first.)"""
        self.deferred.append(statement)

    def flush(self) -> None:
        if self.deferred:
            self.value("true")

    def command(self, expression: str, group: bool = False) -> tuple[str, dict]:
        """The CDP command that evaluates ``expression`` here (for ``Browser.send_many``): its value, or with
        ``group`` a remote object in OBJECT_GROUP. Statements deferred till now go in front of it."""
        if self.deferred:
            expression = ";".join(self.deferred) + ";\n" + expression
            self.deferred = []
        if group:
            return "Runtime.evaluate", {"expression": expression, "contextId": self.context, "objectGroup": OBJECT_GROUP}
        return "Runtime.evaluate", {"expression": expression, "contextId": self.context, "returnByValue": True,
                                    "awaitPromise": True}

    def release_command(self) -> tuple[str, dict]:
        return "Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP}

    def value(self, expression: str) -> Any:
        return self.value_of(self.cdp.send(*self.command(expression)))

    def value_of(self, result: Any) -> Any:
        """The value of an answer to ``command``; a page-script error raised as RuntimeError."""
        if isinstance(result, BaseException):
            raise result
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text", "error")
            raise RuntimeError(f"{self.name.removeprefix('elab-')} page script: {text.splitlines()[0]}")
        return result["result"].get("value")

    def object_id(self, expression: str) -> str | None:
        """A remote object in OBJECT_GROUP (released all at once by ``release``)."""
        result = self.cdp.send(*self.command(expression, group=True))
        return result.get("result", {}).get("objectId")

    def release(self) -> None:
        self.cdp.send(*self.release_command())
