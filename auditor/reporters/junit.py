"""junit.xml: one test case per page and persona, for CI systems that show JUnit results.

Shape (the common Jenkins/GitLab/GitHub dialect)::

    <testsuites name="Empathy Lab accessibility audit" tests= failures= errors= time=>
      <testsuite name="https://host/path" tests= failures= errors= skipped="0" time=>   one per page
        <testcase classname="https://host/path" name="Ashleigh" time=>                   one per persona
          <failure message="3 failures: ..." type="accessibility">one line per fail finding</failure>
          <error message="could not load: ..." type="page-error"/>                       page did not load
          <system-out>findings to review, and ignored findings</system-out>

JUnit has no thresholds: every ``fail`` finding that hurts the persona is listed (the build's exit code is
``--fail-on``'s business); ``review`` findings go to system-out and never make a test fail. Ignored findings
are neither failures nor reviews: they are listed in system-out with their reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: Any) -> str:
    """XML 1.0 cannot hold most control characters, whatever the escaping: drop them."""
    return _INVALID_XML.sub("", str(value if value is not None else ""))


def _line(f: dict) -> str:
    wcag = ", ".join(f.get("wcag") or [])
    where = f.get("selector") or "the page"
    rules = " + ".join(f.get("rules") or [f["rule"]])   # every rule id that saw the barrier
    return _text(f"[{f['impact']}] {f['message']} ({rules}{'; WCAG ' + wcag if wcag else ''}) at {where}"
                 f" [id {f['id']}]")


def render_junit(report: dict[str, Any]) -> str:
    personas = report.get("personas") or []
    root = ET.Element("testsuites", name="Empathy Lab accessibility audit")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    total_time = 0.0
    for page in report["pages"]:
        url = _text(page["url"])
        seconds = float((page.get("timings") or {}).get("total") or 0.0)
        total_time += seconds
        suite = ET.SubElement(root, "testsuite", name=url)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        findings = page.get("findings") or []
        for persona in personas:
            pid = persona["id"]
            case = ET.SubElement(suite, "testcase", classname=url, name=_text(persona["name"]),
                                 time=f"{seconds / max(1, len(personas)):.3f}")
            counts["tests"] += 1
            if page.get("status") != "ok":
                error = _text(page.get("error") or "unknown error")
                ET.SubElement(case, "error", message=f"could not load: {error}", type="page-error").text = error
                counts["errors"] += 1
                continue
            mine = [f for f in findings if pid in (f.get("personas") or [])]
            fails = [f for f in mine if f["outcome"] == "fail" and not f.get("ignored")]
            reviews = [f for f in mine if f["outcome"] == "review" and not f.get("ignored")]
            ignored = [f for f in mine if f.get("ignored")]
            verdict = ((page.get("verdicts") or {}).get(pid) or {}).get("verdict", "")
            if fails:
                first = _text(fails[0]["message"])
                failure = ET.SubElement(case, "failure", type="accessibility",
                                        message=f"{persona['name']} {verdict or 'struggles'}: {len(fails)} "
                                                f"failure{'s' if len(fails) != 1 else ''}; first: {first}")
                failure.text = "\n".join(_line(f) for f in fails)
                counts["failures"] += 1
            out = []
            if reviews:
                out.append(f"Needs review ({len(reviews)}):")
                out += [_line(f) for f in reviews]
            if ignored:
                out.append(f"Ignored by the config ({len(ignored)}):")
                out += [_line(f) + _text(f" - {f['ignored'].get('reason', '')} (until {f['ignored'].get('expires', '')})")
                        for f in ignored]
            if out:
                ET.SubElement(case, "system-out").text = "\n".join(out)
        suite.set("tests", str(counts["tests"]))
        suite.set("failures", str(counts["failures"]))
        suite.set("errors", str(counts["errors"]))
        suite.set("skipped", "0")
        suite.set("time", f"{seconds:.3f}")
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("time", f"{total_time:.3f}")
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
