"""The four outcome words per check and per criterion (auditor/outcomes.py) and the EARL report
(auditor/reporters/earl.py), which must be JSON-LD that expands against the EARL context with no network."""

from __future__ import annotations

import json

import pytest

from auditor.model.persona import load_personas
from auditor.outcomes import checked, combine, page_outcomes
from auditor.probes import axe as axe_probe
from auditor.reporters import FORMATS
from auditor.reporters.earl import CONTEXT_URL, build_earl, context, document_loader, render_earl

jsonld = pytest.importorskip("pyld.jsonld", reason="PyLD is in the test extras (pip install -e '.[test]')")

EARL = "http://www.w3.org/ns/earl#"


def axe_artifact(violations=(), incomplete=(), passes=(), inapplicable=()):
    def rule(rid, tags):
        return {"id": rid, "tags": list(tags)}

    return {"engine": "axe-core 4", "tags": [], "frames": {"tested": [], "untested": []},
            "violations": [{**rule(r, t), "impact": "serious", "help": r, "nodes": [
                {"target": [f"#{r}"], "html": "<img>", "impact": "serious", "any": [], "all": [], "none": []}]}
                for r, t in violations],
            "incomplete": [], "passes": [rule(r, t) for r, t in passes],
            "inapplicable": [rule(r, t) for r, t in inapplicable]}


def finding(rule, outcome, wcag, selector="#x"):
    return {"rule": rule, "outcome": outcome, "wcag": list(wcag), "selector": selector, "id": rule}


def test_axe_passes_and_inapplicable_rules_become_outcomes():
    art = {"axe": axe_artifact(passes=[("document-title", ["wcag2a", "wcag242"])],
                               inapplicable=[("image-alt", ["wcag2a", "wcag111"])])}
    got = axe_probe.rule_outcomes(art)
    assert got == {"document-title": {"outcome": "pass", "wcag": ["2.4.2"]},
                   "image-alt": {"outcome": "inapplicable", "wcag": ["1.1.1"]}}


def test_a_criterion_takes_the_strongest_outcome_of_its_checks():
    checks = {"image-alt": {"outcome": "inapplicable", "wcag": ["1.1.1"]},
              "document-title": {"outcome": "pass", "wcag": ["2.4.2"]},
              "page_title": {"outcome": "pass", "wcag": ["2.4.2"]},
              "label": {"outcome": "pass", "wcag": ["1.3.1", "4.1.2"]}}
    outcomes, criteria = combine(checks, [finding("page_title", "fail", ["2.4.2"]),
                                          finding("color-contrast", "review", ["1.4.3"])])
    assert criteria == {"1.1.1": "inapplicable", "1.3.1": "pass", "1.4.3": "review", "2.4.2": "fail",
                        "4.1.2": "pass"}
    assert outcomes["page_title"]["outcome"] == "fail" and outcomes["document-title"]["outcome"] == "pass"


def test_a_finding_speaks_only_for_the_criteria_it_names():
    # media_alternative names 1.2.1-1.2.5; its captions review is about 1.2.2: 1.2.1 was checked and passed
    checks = {"media_alternative": {"outcome": "pass", "wcag": ["1.2.1", "1.2.2", "1.2.3"]},
              "frame_title": {"outcome": "inapplicable", "wcag": ["4.1.2"]}}
    outcomes, criteria = combine(checks, [finding("media_alternative", "review", ["1.2.2"]),
                                          finding("media_alternative", "fail", ["1.2.3"])])
    assert criteria == {"1.2.1": "pass", "1.2.2": "review", "1.2.3": "fail", "4.1.2": "inapplicable"}
    assert outcomes["media_alternative"]["outcome"] == "fail"
    # judged again with the outcomes it made (a run-wide probe's findings added later): the same
    assert combine(outcomes, [finding("media_alternative", "review", ["1.2.2"]),
                              finding("media_alternative", "fail", ["1.2.3"])])[1] == criteria


def test_a_probe_says_whether_it_applied():
    personas = [load_personas()["ashleigh"]]
    no_frames = {"dom": {"markup": {"frames": []}}}
    with_frame = {"dom": {"markup": {"frames": [{"selector": "iframe", "title": "Map", "readable": True,
                                                 "doc_title": "Map of the bins"}]}}}
    assert checked(no_frames, personas)["frame_title"]["outcome"] == "inapplicable"
    assert checked(with_frame, personas)["frame_title"]["outcome"] == "pass"


def test_a_check_whose_artifact_failed_has_no_outcome():
    personas = [load_personas()["ashleigh"]]
    outcomes, criteria = page_outcomes({"axe": {"error": "axe broke"}}, personas, [])
    assert "image-alt" not in outcomes and "axe" not in outcomes


def report(pages):
    return {"schema": "empathy-lab/report/1", "tool": {"name": "empathy-lab", "version": "0.1.0"},
            "created": "2026-01-02T03:04:05+00:00", "pages": pages}


def sample():
    return report([
        {"url": "https://a.example/start", "status": "ok", "title": "Start", "findings": [
            finding("image-alt", "fail", ["1.1.1"], "main > img"), finding("color-contrast", "review", ["1.4.3"])],
         "criteria": {"1.1.1": "fail", "1.4.3": "review", "2.4.2": "pass", "1.2.1": "inapplicable"}},
        {"url": "https://a.example/gone", "status": "error", "error": "HTTP 404", "title": "", "findings": []},
        {"url": "https://a.example/old", "status": "ok", "title": "Old report", "findings": [
            finding("label", "fail", ["4.1.2"])]},   # a report.json from before outcomes: no "criteria"
    ])


def expand(doc):
    return jsonld.expand(doc, {"documentLoader": document_loader})


def triples(doc) -> set[tuple[str, str, str]]:
    nquads = jsonld.normalize(doc, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                    "documentLoader": document_loader})
    out = set()
    for line in nquads.splitlines():
        s, p, o = line.split(" ", 2)
        out.add((s, p, o.rsplit(" .", 1)[0]))
    return out


# EARL 1.0 Schema (W3C): the classes and properties that the context's @vocab makes of bare words.
EARL_PROPERTIES = {"assertedBy", "subject", "test", "result", "mode", "mainAssertor", "outcome", "pointer", "info"}
EARL_CLASSES = {"Assertion", "Assertor", "TestSubject", "TestResult", "TestCriterion", "TestRequirement",
                "TestCase", "Software", "OutcomeValue", "TestMode"}


def defined_terms() -> set[str]:
    return set(context()["@context"])


def undefined_keys(node, terms: set[str]) -> list[str]:
    """Keys and types that are neither JSON-LD keywords, terms of the context nor EARL's own words: a typo
    there would make a triple in EARL's namespace that no EARL reader knows."""
    bad = []
    if isinstance(node, dict):
        for key, value in node.items():
            if not key.startswith("@") and key not in terms | EARL_PROPERTIES:
                bad.append(key)
            if key == "@type":
                bad += [t for t in ([value] if isinstance(value, str) else value)
                        if t not in terms | EARL_CLASSES and ":" not in t]
            bad += undefined_keys(value, terms)
    elif isinstance(node, list):
        for item in node:
            bad += undefined_keys(item, terms)
    return bad


def test_earl_is_registered_as_a_format():
    assert FORMATS["earl"][0] == "report.earl.jsonld"
    assert json.loads(render_earl(sample()))["@context"] == CONTEXT_URL


def test_earl_uses_only_terms_of_the_earl_context():
    assert undefined_keys(build_earl(sample()), defined_terms()) == []


def test_earl_has_one_assertion_per_page_and_criterion_with_its_outcome():
    doc = build_earl(sample())
    found = triples(doc)
    outcome = f"<{EARL}outcome>"
    outcomes = sorted(o for s, p, o in found if p == outcome)
    assert outcomes == sorted(f"<{EARL}{w}>" for w in ("failed", "cantTell", "passed", "inapplicable", "failed"))
    assertions = [s for s, p, o in found if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
                  and o == f"<{EARL}Assertion>"]
    assert len(assertions) == 5
    # each assertion names its subject (the page), its test (the criterion) and who asserted it
    for a in assertions:
        props = {p for s, p, o in found if s == a}
        assert {f"<{EARL}subject>", f"<{EARL}test>", f"<{EARL}result>", f"<{EARL}assertedBy>",
                f"<{EARL}mode>"} <= props
    sources = {o for s, p, o in found if p == "<http://purl.org/dc/terms/source>"}
    assert '"https://a.example/start"' in sources and '"https://a.example/gone"' in sources
    tests = {o for s, p, o in found if p == f"<{EARL}test>"}
    assert "<http://www.w3.org/TR/WCAG22/#non-text-content>" in tests


def test_earl_round_trips_through_expansion_and_compaction():
    doc = build_earl(sample())
    expanded = expand(doc)
    assert expanded, "expansion dropped everything"
    compacted = jsonld.compact(expanded, CONTEXT_URL, {"documentLoader": document_loader})
    assert triples(compacted) == triples(doc)
    # the failed criterion points at the element behind it, as a CSS selector pointer
    pointers = [o for s, p, o in triples(doc) if p == f"<{EARL}pointer>"]
    assert '"main > img"^^<http://www.w3.org/2009/pointers#CSSSelectorPointer>' in pointers


def test_the_document_loader_refuses_the_network():
    with pytest.raises(Exception):
        expand({"@context": "https://example.org/other-context.json", "@graph": []})
