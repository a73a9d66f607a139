"""An isolated JS world on the page's main frame: same DOM, pristine built-ins (pages that override
Array.prototype.push or HTMLElement.prototype.blur cannot break the walk)."""

from __future__ import annotations

from typing import Any

OBJECT_GROUP = "elab-tabwalk"


class World:
    def __init__(self, cdp: Any, script: str, name: str = "elab-tabwalk"):
        self.cdp = cdp
        self.name = name
        frame_id = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        world = cdp.send("Page.createIsolatedWorld", {"frameId": frame_id, "worldName": name})
        self.context = world["executionContextId"]
        self.value(script)   # one round trip for all the scripts

    def command(self, expression: str, group: bool = False) -> tuple[str, dict]:
        """The CDP command that evaluates ``expression`` here (for ``Browser.send_many``): its value, or with
        ``group`` a remote object in OBJECT_GROUP."""
        if group:
            return "Runtime.evaluate", {"expression": expression, "contextId": self.context, "objectGroup": OBJECT_GROUP}
        return "Runtime.evaluate", {"expression": expression, "contextId": self.context, "returnByValue": True,
                                    "awaitPromise": True}

    def release_command(self) -> tuple[str, dict]:
        return "Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP}

    def value(self, expression: str) -> Any:
        result = self.cdp.send(*self.command(expression))
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
