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
    modules = [gatherer("ocr", lambda s: order.append("ocr") or Later(lambda timeout: order.append("ocr done") or {"n": 1})),
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

    def boom(timeout):
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


def test_the_wait_is_bounded_by_the_time_given_and_a_later_past_it_is_stopped():
    waited, cancelled = [], []
    pending = [("ocr", Later(lambda timeout: waited.append(timeout) or {"n": 1})),
               ("late", Later(lambda timeout: {"n": 2}, lambda: cancelled.append(True)))]
    result = fresh()
    result["artifacts"] = {"dom": {"nodes": 1}}
    engine.finish_gathering(result, pending[:1], [0], timeout=7.5)
    assert result["artifacts"]["ocr"] == {"n": 1} and 0 < waited[0] <= 7.5
    engine.finish_gathering(result, pending[1:], [0], timeout=0.0)   # the page's time is used up
    assert result["artifacts"]["late"] == {"error": "not finished within the page's time limit"}
    assert cancelled == [True] and result["status"] == "ok"


class FakeWatchdog:
    def __init__(self, seconds):
        self.seconds, self.active, self.fired = seconds, False, False

    def __enter__(self):
        self.active = True
        return self

    def __exit__(self, *exc):
        self.active = False


def test_gather_page_waits_for_later_work_outside_the_watchdog_within_the_time_left(monkeypatch):
    """Waiting for OCR inside the watchdog could set it off, and a watchdog that fires kills the browser (the
    reused page already lent to the next URL with it): the wait comes after, bounded by the time left."""
    dog = FakeWatchdog(30.0)
    browser = SimpleNamespace(watchdog=lambda seconds: dog)
    seen = []

    def fake_gather_into(result, *args, pending, navigations, **kwargs):
        result["artifacts"]["dom"] = {"nodes": 1}
        pending.append(("ocr", Later(lambda timeout: seen.append((dog.active, timeout)) or {"words": []})))

    monkeypatch.setattr(engine, "_gather_into", fake_gather_into)
    monkeypatch.setattr(engine, "artifacts_needed", lambda personas: {"dom", "ocr"})
    result = engine.gather_page(browser, "https://example.test/", [], engine.RunOptions(timeout_s=30.0))
    assert result["artifacts"]["ocr"] == {"words": []} and result["status"] == "ok"
    assert seen and seen[0][0] is False and 0 < seen[0][1] <= 30.0

    # the page was given up (the watchdog fired): the work is stopped, not waited for
    cancelled = []
    dog.fired = True

    def given_up(result, *args, pending, navigations, **kwargs):
        pending.append(("ocr", Later(lambda timeout: {"words": []}, lambda: cancelled.append(True))))

    monkeypatch.setattr(engine, "_gather_into", given_up)
    result = engine.gather_page(browser, "https://example.test/", [], engine.RunOptions(timeout_s=30.0))
    assert cancelled == [True] and result["status"] == "error"
    assert result["artifacts"]["ocr"] == {"error": "stopped before it finished"}


def test_prepare_runs_before_the_first_gatherer_and_its_failure_is_not_the_pages(monkeypatch):
    order = []

    def prepare_fails(session):
        order.append("prepare b")
        raise RuntimeError("the browser said no")

    modules = [gatherer("a", lambda s: order.append("a") or {"n": 1}),
               SimpleNamespace(NAME="b", prepare=prepare_fails, gather=lambda s: order.append("b") or {"n": 2}),
               SimpleNamespace(NAME="c", prepare=lambda s: order.append("prepare c"),
                               gather=lambda s: order.append("c") or {"n": 3})]
    monkeypatch.setattr(engine, "gatherers", lambda: modules)
    result = fresh()
    engine.run_gatherers(result, FakeSession(), {"a", "b"}, [0])   # c is not needed: not prepared either
    assert order == ["prepare b", "a", "b"]
    assert result["artifacts"] == {"a": {"n": 1}, "b": {"n": 2}} and result["status"] == "ok"


def test_the_page_size_is_put_back_before_each_gatherer_unless_it_sets_its_own(monkeypatch):
    sizes = []
    session = FakeSession()
    session.set_viewport = lambda size: sizes.append(size["width"])
    modules = [gatherer("layout", lambda s: sizes.append("layout") or {}),
               SimpleNamespace(NAME="vision", OWN_VIEWPORT=True, gather=lambda s: sizes.append("vision") or {}),
               gatherer("shortcuts", lambda s: sizes.append("shortcuts") or {})]
    monkeypatch.setattr(engine, "gatherers", lambda: modules)
    engine.run_gatherers(fresh(), session, {"layout", "vision", "shortcuts"}, [0])
    assert sizes == [1280, "layout", "vision", 1280, "shortcuts"]
