"""The engine's hook for a gatherer whose work goes on outside the browser (base.Later): finished after the
other gatherers, its wait added to its time, stopped when the page is given up. No browser."""

from __future__ import annotations

from types import SimpleNamespace

from auditor import engine
from auditor.gatherers.base import GatherParams, Later


class FakeSession:
    def __init__(self):
        self.page = SimpleNamespace(wait_for_timeout=lambda ms: None, is_closed=lambda: False)
        self.params = GatherParams(vision=())
        self.closed = False

    def set_viewport(self, size):
        pass

    def base_viewport(self):
        return {"width": 1280, "height": 800}

    def close(self):
        self.closed = True


def gatherer(name, gather):
    return SimpleNamespace(NAME=name, gather=gather)


def fresh():
    return {"status": "ok", "error": None, "artifacts": {}, "timings": {}}


def test_a_later_artifact_is_finished_after_the_other_gatherers(monkeypatch):
    order = []
    modules = [gatherer("ocr", lambda s: order.append("ocr") or Later(lambda: order.append("ocr done") or {"n": 1})),
               gatherer("vision", lambda s: order.append("vision") or {"shots": []})]
    monkeypatch.setattr(engine, "gatherers", lambda: modules)
    result, session = fresh(), FakeSession()
    engine.run_gatherers(result, session, {"ocr", "vision"}, [0])
    assert order == ["ocr", "vision", "ocr done"] and session.closed
    assert result["artifacts"] == {"ocr": {"n": 1}, "vision": {"shots": []}} and result["status"] == "ok"
    assert set(result["timings"]) == {"ocr", "vision"}

    # the caller may finish it later (after letting the page go); until then it is not an artifact
    order.clear()
    result, pending = fresh(), []
    engine.run_gatherers(result, FakeSession(), {"ocr", "vision"}, [0], later=pending)
    assert order == ["ocr", "vision"] and [name for name, _ in pending] == ["ocr"]
    engine.finish_gathering(result, pending, [0])
    assert result["artifacts"]["ocr"] == {"n": 1} and pending == []


def test_a_later_that_fails_or_is_stopped_is_that_gatherers_error(monkeypatch):
    cancelled = []

    def boom():
        raise RuntimeError("tesseract failed: out of memory")

    modules = [gatherer("ocr", lambda s: Later(boom, lambda: cancelled.append(True))),
               gatherer("dom", lambda s: {"nodes": 3})]
    monkeypatch.setattr(engine, "gatherers", lambda: modules)
    result = fresh()
    engine.run_gatherers(result, FakeSession(), {"ocr", "dom"}, [0])
    assert result["artifacts"]["ocr"] == {"error": "tesseract failed: out of memory"} and result["status"] == "ok"
    assert not cancelled

    result, pending = fresh(), []
    engine.run_gatherers(result, FakeSession(), {"ocr", "dom"}, [0], later=pending)
    engine.finish_gathering(result, pending, [0], cancel=True)   # the page was given up
    assert cancelled == [True] and result["artifacts"]["ocr"] == {"error": "stopped before it finished"}

    # every check failed, the later one too: the page is an error, as when gather() raises everywhere
    modules[1] = gatherer("dom", lambda s: (_ for _ in ()).throw(RuntimeError("dom broke")))
    result = fresh()
    engine.run_gatherers(result, FakeSession(), {"ocr", "dom"}, [0])
    assert result["status"] == "error" and "no check could run" in result["error"]
