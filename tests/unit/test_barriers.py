"""One finding per barrier, charged to the personas whose own settings meet it, capped lists that say how many
more there were (auditor/barriers.py through auditor.judging.judge_page)."""

from auditor.barriers import cap_per_rule, meets, merge_barriers
from auditor.judging import judge_page
from auditor.findings import Finding
from auditor.model.persona import load_personas

URL = "https://example.gov.uk/bins"
PERSONAS = load_personas()


def _axe_rule(rule_id, tags, nodes, total=None):
    return {"id": rule_id, "impact": "serious", "tags": tags, "help": rule_id, "helpUrl": "",
            "nodes": nodes, "nodes_total": total if total is not None else len(nodes)}


def _node(target, element, html):
    return {"target": [target], "element": element, "html": html, "impact": "serious", "failureSummary": "",
            "any": [], "all": [], "none": []}


SMALL_LINK = "html > body > main > a:nth-of-type(1)"


def _small_link_artifacts():
    axe = {"violations": [_axe_rule("target-size", ["wcag22aa", "wcag258", "cat.sensory-and-visual-cues"],
                                    [_node(".tiny", SMALL_LINK, '<a class="tiny" href="/a">a</a>')])],
           "incomplete": []}
    box = {"x": 10, "y": 10, "width": 10, "height": 10}
    near = {"x": 22, "y": 10, "width": 10, "height": 10}
    walk = {"stops": [], "targets": [
        {"selector": SMALL_LINK, "tag": "a", "role": "link", "name": "a", "box": box, "inline": False,
         "ua_control": False, "snippet": '<a class="tiny" href="/a">a</a>'},
        {"selector": "html > body > main > a:nth-of-type(2)", "tag": "a", "role": "link", "name": "b",
         "box": near, "inline": False, "ua_control": False, "snippet": '<a href="/b">b</a>'}]}
    return {"axe": axe, "tabwalk": walk}


def test_one_small_link_is_one_finding_with_both_rule_ids_charged_to_pointer_users_only():
    personas = [PERSONAS["christopher"], PERSONAS["ron"]]
    findings, verdicts = judge_page(URL, _small_link_artifacts(), personas)
    on_link = [f for f in findings if f.outcome == "fail" and SMALL_LINK in (f.selector, (f.evidence or {}).get("element"))]
    assert len(on_link) == 1
    assert set(on_link[0].rules) == {"target-size", "target_size"}
    assert on_link[0].personas == ["ron"]
    assert verdicts["christopher"]["verdict"] == "can use"


def test_keyboard_only_and_screen_curtain_personas_are_not_charged_with_pointer_or_sight_barriers():
    def f(*wcag):
        return Finding(rule="r", outcome="fail", impact="serious", message="m", wcag=list(wcag))
    assert not meets(PERSONAS["christopher"], f("2.5.8"))
    assert meets(PERSONAS["ron"], f("2.5.8"))
    assert not meets(PERSONAS["ashleigh"], f("1.4.3"))
    assert meets(PERSONAS["christopher"], f("2.4.7"))
    assert meets(PERSONAS["ashleigh"], f("1.4.3", "4.1.2"))   # one criterion that concerns her is enough
    assert meets(PERSONAS["christopher"], f())                # best practice: as the probe says


def test_same_rule_twice_on_one_element_and_different_criteria_are_not_merged():
    a = Finding(rule="x", outcome="fail", impact="serious", message="a", selector="#a", wcag=["1.1.1"])
    b = Finding(rule="x", outcome="fail", impact="serious", message="b", selector="#a", wcag=["1.1.1"], key="2")
    c = Finding(rule="y", outcome="fail", impact="serious", message="c", selector="#a", wcag=["2.4.4"])
    assert len(merge_barriers([a, b, c])) == 3


def test_merge_keeps_the_fail_and_the_place_in_page_order():
    review = Finding(rule="link_purpose", outcome="review", impact="moderate", message="probe", selector="#a",
                     wcag=["2.4.4"], personas=["ashleigh"])
    fail = Finding(rule="link-name", outcome="fail", impact="serious", message="axe", selector="#x",
                   wcag=["2.4.4", "4.1.2"], personas=["ashleigh", "ron"], evidence={"source": "axe-core", "element": "#a"})
    merged = merge_barriers([review, fail])
    assert len(merged) == 1 and merged[0] is review
    assert (merged[0].outcome, merged[0].message, merged[0].rules) == ("fail", "axe", ["link-name", "link_purpose"])
    assert merged[0].personas == ["ashleigh", "ron"]


def test_capped_rules_say_how_many_more_there_were():
    many = [Finding(rule="r", outcome="fail", impact="minor", message="m", selector=f"#e{i}") for i in range(2000)]
    kept = cap_per_rule(many)
    assert len(kept) == 50 and kept[-1].more == 1950


def test_axe_nodes_left_out_by_the_gatherer_are_counted_in_the_message():
    nodes = [_node(f"#l{i}", f"#l{i}", f'<a id="l{i}" href="#">x</a>') for i in range(50)]
    axe = {"violations": [_axe_rule("link-name", ["wcag244", "wcag412", "cat.name-role-value"], nodes, total=2000)],
           "incomplete": []}
    findings, _ = judge_page(URL, {"axe": axe}, [PERSONAS["ashleigh"]])
    assert findings[-1].more == 1950
    assert findings[-1].message.endswith("(and 1,950 more like it)")
    assert findings[-1].to_json()["more"] == 1950
