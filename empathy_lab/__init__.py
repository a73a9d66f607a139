"""Empathy Lab inside a team's own tests.

    import empathy_lab

    def test_find_your_address(page):                 # pytest-playwright's page fixture
        page.goto("https://www.example.gov.uk/bins/start")
        page.get_by_label("Postcode").fill("E8 1DY")
        empathy_lab.check(page, personas="christopher,claudia")

``check`` audits the page as it stands (signed in, a form filled in) with the same engine as ``audit`` and
fails the test with the personas' sentences when a failure at or above the threshold is found. With pytest,
the plugin (``empathy_lab.pytest_plugin``, registered as a ``pytest11`` entry point) adds
``--empathy-lab-report DIR`` (every check of the run in one report, all formats) and
``--empathy-lab-fail-on IMPACT``. See docs/pytest.md.
"""

from empathy_lab.checking import AccessibilityFailure, browser_path, check

__all__ = ["AccessibilityFailure", "browser_path", "check"]
