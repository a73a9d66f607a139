"""page_title compares the pages of a run; the engine adds its findings and works the verdicts out again."""

from auditor.engine import add_run_findings
from auditor.model.persona import load_personas
from auditor.probes import page_title


def page(url, title, status="ok"):
    return {"url": url, "status": status, "title": title, "findings": [], "verdicts": {}}


def test_different_pages_with_one_title_fail_and_distinct_titles_pass():
    pages = [page("https://x.gov.uk/a", "Council services"), page("https://x.gov.uk/b?step=2", "Council  services"),
             page("https://x.gov.uk/c", "Pay council tax"), page("https://x.gov.uk/a#top", "Council services"),
             page("https://x.gov.uk/d", "Council services", status="error")]
    found = page_title.check_run(pages)
    assert sorted(found) == ["https://x.gov.uk/a", "https://x.gov.uk/a#top", "https://x.gov.uk/b?step=2"]
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
