"""A new probe is one file plus its test: tests/fixtures/probe_package/empty_heading.py joins the probe package
(as a plug-in folder would) and shows up in persona validation, in report.json and every report, and in the
facilitators' table of checks, with no other edit."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import auditor.probes
from auditor.cli import main
from auditor.judging import page_result
from auditor.model.persona import load_personas
from auditor.paths import personas_dir
from auditor.probes import registry, rules_block, with_checks_table
from auditor.probes.base import AuditParams
from auditor.reporters import renderer
from auditor.reporters.json_report import build_report

PACKAGE = Path(__file__).resolve().parents[1] / "fixtures" / "probe_package"
ARTIFACTS = {"axtree": {"nodes": [{"role": "heading", "name": "Bins", "selector": "h1"},
                                  {"role": "heading", "name": "  ", "selector": "h2.empty", "snippet": "<h2></h2>"}]}}


@pytest.fixture
def new_probe(monkeypatch):
    monkeypatch.setattr(auditor.probes, "__path__", [*auditor.probes.__path__, str(PACKAGE)])
    auditor.probes.forget()
    yield registry()["empty_heading"]
    auditor.probes.forget()
    sys.modules.pop("auditor.probes.empty_heading", None)


@pytest.fixture
def personas_folder(tmp_path, monkeypatch):
    folder = tmp_path / "personas"
    folder.mkdir()
    text = (personas_dir() / "ashleigh.yaml").read_text("utf-8")
    (folder / "ashleigh.yaml").write_text(text.replace("probes: [axe, ", "probes: [axe, empty_heading, "), "utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_its_own_check(new_probe):
    found = new_probe.check(ARTIFACTS, AuditParams())
    assert [(f.outcome, f.selector) for f in found] == [("fail", "h2.empty")]
    assert new_probe.check({"axtree": {"nodes": [{"role": "heading", "name": "Bins"}]}}, AuditParams()) == []


def test_persona_validation_knows_it(new_probe, personas_folder, capsys):
    assert main(["validate", str(personas_folder)]) == 0
    assert capsys.readouterr().out == "all valid: 1 persona\n"
    path = personas_folder / "ashleigh.yaml"
    path.write_text(path.read_text("utf-8").replace("empty_heading", "empty_headnig"), "utf-8")
    assert main(["validate", str(personas_folder)]) == 2
    err = capsys.readouterr().err
    assert "audit.probes[1]: 'empty_headnig' is not allowed (expected one of: abbreviation, axe, " in err
    assert ", empty_heading, " in err and "did you mean 'empty_heading'?" in err


def test_reports_show_it(new_probe, personas_folder):
    personas = list(load_personas(personas_folder).values())
    page = page_result({"url": "https://a.example/bins", "status": "ok", "artifacts": ARTIFACTS}, personas)
    assert [(f["rule"], f["personas"]) for f in page["findings"]] == [("empty_heading", ["ashleigh"])]
    report = build_report([page], personas, rules=rules_block(personas))
    assert report["rules"]["empty_heading"]["why"]["ashleigh"].startswith("She moves through a page")
    for fmt in ("html", "sarif", "md", "junit"):
        assert "Ashleigh hears a heading with no words" in renderer(fmt)(report), fmt
    assert "an empty one is a stop that says nothing" in renderer("html")(report)   # its words for Ashleigh
    assert "A heading has no words" in renderer("sarif")(report)                  # its failure title


def test_the_table_of_checks_lists_it(new_probe):
    readme = (personas_dir() / "README.md").read_text("utf-8")
    assert "empty_heading" not in readme
    assert "| `empty_heading` | headings a screen reader announces with no words |" in with_checks_table(readme)


def test_it_is_gone_again_without_the_fixture():
    assert "empty_heading" not in registry()
