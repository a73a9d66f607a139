"""The probe contract's helpers (auditor/probes/base.py): reading an artifact's records and building a finding of
the rule from an element's record."""

from __future__ import annotations

import pytest

from auditor.probes.base import ProbeMeta, part, records

META = ProbeMeta(id="example", title="t", failure_title="f", wcag=("1.1.1",), personas=("ashleigh",),
                 impact="serious", fix="fix it", artifacts=("tabwalk",))


def test_records_are_the_dicts_of_a_list_and_none_when_the_artifact_or_the_list_is_missing():
    artifacts = {"tabwalk": {"stops": [{"index": 0}, "junk", None, {"index": 1}], "trap": None},
                 "dom": {"error": "timed out"}}
    assert records(artifacts, "tabwalk", "stops") == [{"index": 0}, {"index": 1}]
    assert records(artifacts, "tabwalk", "trap") is None          # not a list
    assert records(artifacts, "tabwalk", "clickables") is None    # not there
    assert records(artifacts, "dom", "markup", "errors") is None  # the gatherer failed
    assert records(artifacts, "axtree", "nodes") is None          # the gatherer did not run
    assert records({"dom": {"markup": {"errors": {"red_texts": [{"text": "x"}]}}}},
                   "dom", "markup", "errors", "red_texts") == [{"text": "x"}]


def test_part_is_a_dict_or_none():
    assert part({"dom": {"markup": {"frames": []}}}, "dom", "markup") == {"frames": []}
    assert part({"dom": {"markup": []}}, "dom", "markup") is None
    assert part({}, "dom") is None


def test_a_finding_names_the_rule_and_the_element_and_takes_the_rules_impact_unless_told():
    stop = {"selector": "#go", "snippet": "<a id=go>", "role": "link", "name": "Go", "box": {}}
    finding = META.finding("fail", "{who} cannot see focus", stop, evidence={"px": 0})
    assert (finding.rule, finding.outcome, finding.impact) == ("example", "fail", "serious")
    assert (finding.selector, finding.snippet, finding.role, finding.name) == ("#go", "<a id=go>", "link", "Go")
    assert finding.evidence == {"px": 0} and finding.message == "{who} cannot see focus"
    told = META.finding("review", "check", stop, impact="minor", role="button", name="")
    assert (told.impact, told.role, told.name, told.selector) == ("minor", "button", "", "#go")
    page = META.finding("review", "the page", None)
    assert (page.selector, page.role, page.name) == ("", "", "")
    with pytest.raises(ValueError):
        META.finding("maybe", "not an outcome", stop)
