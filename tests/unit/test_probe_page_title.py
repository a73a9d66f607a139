"""page_title compares the pages of a run (the ``run`` artifact); judging adds its findings once the run's pages
are in and works the verdicts and outcomes out again."""

from auditor.judging import add_run_findings, run_artifact
from auditor.model.persona import load_personas
from auditor.probes import page_title
from auditor.probes.base import AuditParams


def page(url, title, status="ok"):
    return {"url": url, "status": status, "title": title, "findings": [], "verdicts": {}}


def test_different_pages_with_one_title_fail_and_distinct_titles_pass():
    pages = [page("https://x.gov.uk/a", "Council services"), page("https://x.gov.uk/b?step=2", "Council  services"),
             page("https://x.gov.uk/c", "Pay council tax"), page("https://x.gov.uk/a#top", "Council services"),
             page("https://x.gov.uk/d", "Council services", status="error")]
    found = {p["url"]: page_title.check({"run": run_artifact(pages, p)}, AuditParams()) for p in pages}
    assert sorted(url for url, fs in found.items() if fs) == [
        "https://x.gov.uk/a", "https://x.gov.uk/a#top", "https://x.gov.uk/b?step=2"]
    [f] = found["https://x.gov.uk/a"]
    assert f.outcome == "fail" and f.evidence == {"same_title_as": ["https://x.gov.uk/b"]}
    assert "on 2 different pages" in f.message


def test_the_engine_adds_run_findings_to_the_personas_who_have_the_check():
    personas = list(load_personas().values())
    pages = [page("https://x.gov.uk/a", "Same"), page("https://x.gov.uk/b", "Same")]
    add_run_findings(pages, personas)
    finding = pages[0]["findings"][0]
    assert finding["rule"] == "page_title" and finding["wcag"] == ["2.4.2"]
    assert sorted(finding["personas"]) == ["ashleigh", "pawel", "simone"]
    assert finding["message"].startswith("Ashleigh, Pawel and Simone hear the same title, 'Same'")
    assert pages[0]["verdicts"]["ashleigh"]["verdict"] == "struggles"
    assert pages[0]["verdicts"]["christopher"]["verdict"] == "can use"


def test_a_page_alone_passes_and_an_error_page_gets_no_finding():
    alone = page("https://x.gov.uk/a", "Same")
    assert page_title.check({"run": run_artifact([alone], alone)}, AuditParams()) == []
    broken = page("https://x.gov.uk/b", "Same", status="error")
    assert page_title.check({"run": run_artifact([alone, broken], broken)}, AuditParams()) == []


def test_run_findings_change_the_page_outcome_from_pass_to_fail():
    personas = list(load_personas().values())
    pages = [dict(page("https://x.gov.uk/a", "Same"), outcomes={"page_title": {"outcome": "pass", "wcag": ["2.4.2"]}}),
             page("https://x.gov.uk/b", "Other")]
    add_run_findings(pages, personas)
    assert pages[0]["outcomes"]["page_title"]["outcome"] == "pass" and pages[0]["findings"] == []
    pages.append(page("https://x.gov.uk/c", "Same"))
    add_run_findings(pages, personas)
    assert pages[0]["outcomes"]["page_title"]["outcome"] == "fail" and pages[0]["criteria"]["2.4.2"] == "fail"
