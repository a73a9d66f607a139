"""Probe ``axe``: every axe-core result, told from the side of the personas it hurts.

One generic probe for all of axe's rules (Lighthouse's shape: metadata over one shared base). Each node of an
axe *violation* becomes a ``fail`` finding; each node of an *incomplete* ("needs review") result a person
must check becomes a ``review`` finding. A finding's ``rule`` is axe's own rule id (``image-alt``).

Per finding this probe fills in what the engine would otherwise take from META:
- ``wcag`` from axe's tags (``wcag111`` -> "1.1.1", ``wcag1410`` -> "1.4.10"); best-practice rules have none;
- ``personas`` from :data:`RULE_PERSONAS`, else from axe's category tag via :data:`CATEGORY_PERSONAS`;
- ``message`` from :data:`VOICES` (the persona's side: what they hear or meet), else from axe's ``help``;
- ``fix`` from :data:`VOICES`, else from axe's ``help`` and the node's ``failureSummary``.

Decisions:
- ``region`` (content outside landmarks) is best practice, not a WCAG failure, and axe reports one node per
  stray chunk of content, all with one page-level fix. It becomes ONE ``review`` finding per page (impact
  moderate), naming how many chunks lie outside landmarks: a screen-reader user who moves by landmarks misses
  them, but a page can meet WCAG without landmarks.
- Other best-practice violations (``heading-order``, ``landmark-one-main``...) stay ``fail`` with axe's own
  impact: they are real barriers, and ``--fail-on`` decides whether they break a build.
- From ``incomplete``, dropped (:data:`DROPPED_INCOMPLETE`, :data:`DROPPED_CONTRAST_KEYS`):
  ``frame-tested`` (about axe's own coverage, not about a page: the axe artifact lists untested frames);
  ``audio-caption`` (axe asks of every <audio>; probe ``media_alternative`` asks only when no transcript
  link is near); ``color-contrast`` where axe says the text is too short to be text, holds only icon glyphs
  (``shortTextContent``, ``nonBmp``), has a 1:1 ratio (text hidden by colour on purpose: ``equalRatio``) or
  lies outside the viewport (off-screen text for screen readers: ``outsideViewport``).
- ``avoid-inline-spacing`` on an element whose !important spacing reaches no text (it holds none, or every text
  in it sits in a descendant that sets the same property !important itself, which axe judges on its own):
  dropped, since 1.4.12 is about text (:func:`spacing_reaches_no_text`; ACT 24afc2, 78fd32, 9e45ec). Kept: contrast over
  background images, gradients, overlapping elements and pseudo-elements, which a person must look at, unless
  the page's own pixels settle it (the node's ``rendered``, measured by auditor/gatherers/rendered_contrast.py):
  ``pass`` drops the review, ``fail`` makes it a fail that says the measured ratio; otherwise it stays a review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.findings import IMPACTS, Finding
from auditor.probes.base import AuditParams, ProbeMeta, whole

META = ProbeMeta(
    id="axe",
    summary="every axe-core rule (WCAG 2.0/2.1/2.2 A and AA, best practice)",
    title="axe-core finds no violations",
    failure_title="axe-core found violations",
    wcag=(),
    personas=("ashleigh", "christopher", "claudia", "ron", "saleem", "simone", "pawel"),
    impact="serious",
    fix="Follow the fix given for each axe rule.",
    artifacts=("axe",),
)

# axe category tag -> personas it hurts (first match in a rule's tags wins; RULE_PERSONAS overrides).
CATEGORY_PERSONAS: dict[str, tuple[str, ...]] = {
    "cat.keyboard": ("christopher", "ashleigh"),
    "cat.color": ("claudia", "ron"),
    "cat.text-alternatives": ("ashleigh",),
    "cat.forms": ("ashleigh",),
    "cat.name-role-value": ("ashleigh",),
    "cat.aria": ("ashleigh",),
    "cat.sensory-and-visual-cues": ("claudia", "ron"),
    "cat.language": ("ashleigh", "simone"),
    "cat.time-and-media": ("saleem", "pawel"),
    "cat.structure": ("ashleigh", "simone"),
    "cat.semantics": ("ashleigh", "simone"),
    "cat.tables": ("ashleigh",),
    "cat.parsing": ("ashleigh",),
}
DEFAULT_PERSONAS = ("ashleigh",)

# Rules whose people differ from their category's.
RULE_PERSONAS: dict[str, tuple[str, ...]] = {
    "target-size": ("ron", "christopher"),
    "meta-viewport": ("claudia", "ron"),
    "meta-viewport-large": ("claudia", "ron"),
    "avoid-inline-spacing": ("simone", "claudia"),
    "css-orientation-lock": ("ron", "claudia"),
    "autocomplete-valid": ("ron", "simone", "christopher"),
    "label-content-name-mismatch": ("christopher", "ashleigh"),
    "blink": ("pawel", "simone"),
    "marquee": ("pawel", "simone"),
    "meta-refresh": ("pawel", "simone", "ron"),
    "meta-refresh-no-exceptions": ("pawel", "simone", "ron"),
    "no-autoplay-audio": ("ashleigh", "pawel"),
    "video-caption": ("saleem",),
    "audio-caption": ("saleem",),
    "document-title": ("ashleigh", "simone"),
    "nested-interactive": ("christopher", "ashleigh"),
    "aria-hidden-focus": ("christopher", "ashleigh"),
    "scrollable-region-focusable": ("christopher", "ashleigh"),
    "frame-focusable-content": ("christopher", "ashleigh"),
    "server-side-image-map": ("christopher", "ashleigh"),
    "label-title-only": ("ashleigh", "ron"),
}


@dataclass(frozen=True)
class Voice:
    """How one rule reads from the persona's side: ``{who}`` is filled in by the engine."""

    message: str
    fix: str
    review: str = ""          # message for an incomplete ("check") result; default: "Check: " + message
    heard: str | None = None  # what a screen reader says, for screen-reader rules


VOICES: dict[str, Voice] = {
    "image-alt": Voice("{who} hears only 'image' or a file name: this picture has no text alternative",
                       "Give the image an alt attribute that says what it shows; alt=\"\" if it is decoration.",
                       heard="image"),
    "input-image-alt": Voice("{who} hears 'button' and cannot tell what it does: this image button has no text "
                             "alternative", "Give the image button an alt attribute naming its action.",
                             heard="button"),
    "role-img-alt": Voice("{who} hears only 'image': this graphic has no text alternative",
                          "Give the element with role=img an aria-label or aria-labelledby.", heard="image"),
    "svg-img-alt": Voice("{who} hears only 'image': this SVG graphic has no text alternative",
                         "Add a <title> to the SVG or an aria-label naming what it shows.", heard="image"),
    "area-alt": Voice("{who} hears 'link' and cannot tell where this image-map area goes",
                      "Give each <area> an alt attribute naming its destination.", heard="link"),
    "object-alt": Voice("{who} hears nothing useful for this embedded object: it has no text alternative",
                        "Give the <object> a text alternative (aria-label, title or fallback text inside it)."),
    "label": Voice("{who} hears 'edit text' and cannot tell what to type: this field has no label",
                   "Add a visible <label for=...> naming the field (placeholder text is not a label).",
                   heard="edit text"),
    "select-name": Voice("{who} hears 'combo box' and cannot tell what to choose: this list has no label",
                         "Add a visible <label for=...> naming the choice.", heard="combo box"),
    "aria-input-field-name": Voice("{who} hears a field with no name and cannot tell what to type",
                                   "Name the field with aria-labelledby pointing at its visible label."),
    "aria-toggle-field-name": Voice("{who} hears a switch or checkbox with no name and cannot tell what it "
                                    "turns on", "Name the control with aria-labelledby or aria-label."),
    "form-field-multiple-labels": Voice("{who} may hear a confusing or wrong name: this field has more than one "
                                        "label", "Give the field exactly one <label>."),
    "label-title-only": Voice("{who} may miss this field's purpose: it is named only by a tooltip (title)",
                              "Add a visible <label>; keep title for extra hints only."),
    "button-name": Voice("{who} hears 'button' with no name and cannot tell what it does",
                         "Give the button text, or an aria-label when it shows only an icon.", heard="button"),
    "input-button-name": Voice("{who} hears 'button' with no name and cannot tell what it does",
                               "Give the input a value attribute naming its action.", heard="button"),
    "link-name": Voice("{who} hears 'link' with no name and cannot tell where it goes",
                       "Give the link text, or alt text on the image inside it.", heard="link"),
    "summary-name": Voice("{who} hears a disclosure with no name and cannot tell what it opens",
                          "Put text inside the <summary>."),
    "frame-title": Voice("{who} hears 'frame' and cannot tell what this embedded content is",
                         "Give the iframe a title saying what it holds (\"Map of the depot\").", heard="frame"),
    "frame-title-unique": Voice("{who} hears two frames with the same name and cannot tell them apart",
                                "Give each iframe a different title."),
    "document-title": Voice("{who} cannot tell which page or tab this is: the page has no title",
                            "Give the page a <title> that names the page, then the service."),
    "html-has-lang": Voice("{who} may hear the page read in the wrong accent and pronunciation: it does not "
                           "say which language it is in", "Add lang=\"en\" (or the page's language) to <html>."),
    "html-lang-valid": Voice("{who} may hear the page read in the wrong voice: its language code is not valid",
                             "Use a valid language code on <html>, such as \"en\" or \"cy\"."),
    "valid-lang": Voice("{who} may hear this passage read in the wrong voice: its language code is not valid",
                        "Use a valid language code in the lang attribute, such as \"fr\" or \"cy\"."),
    "html-xml-lang-mismatch": Voice("{who} may hear the page in the wrong language: lang and xml:lang disagree",
                                    "Make lang and xml:lang on <html> name the same language."),
    "color-contrast": Voice("{who} struggles to read this text: it is too faint against its background",
                            "Darken the text or lighten the background to at least 4.5:1 (3:1 for large text).",
                            review="Check by eye: {who} may struggle to read this text; axe could not work out "
                                   "its contrast (it sits over an image, gradient or another element)"),
    "link-in-text-block": Voice("{who} cannot tell this link from the words around it: only its colour marks it",
                                "Underline links in running text (or give them 3:1 contrast with the text "
                                "and a non-colour cue on hover and focus)."),
    "meta-viewport": Voice("{who} cannot zoom in on a phone: the page turns pinch-zoom off",
                           "Remove user-scalable=no and maximum-scale from the viewport meta tag."),
    "meta-viewport-large": Voice("{who} can zoom only a little on a phone: maximum-scale is too low",
                                 "Remove maximum-scale from the viewport meta tag (or set it to at least 5)."),
    "target-size": Voice("{who} may press the wrong control: this target is smaller than 24 by 24 pixels and "
                         "close to others", "Make the target at least 24 by 24 CSS pixels, or space it out."),
    "avoid-inline-spacing": Voice("{who} cannot widen the text spacing: inline !important styles lock it",
                                  "Drop !important from inline line-height, letter- and word-spacing."),
    "bypass": Voice("{who} has to go through every header link on every page: there is no way to skip to the "
                    "main content", "Add a skip link to the main content, headings, or a <main> landmark."),
    "skip-link": Voice("{who} follows the skip link and goes nowhere: its target does not exist",
                       "Point the skip link at the id of the main content."),
    "landmark-one-main": Voice("{who} cannot jump to the main content: the page has no main landmark",
                               "Wrap the main content in one <main> element."),
    "page-has-heading-one": Voice("{who} finds no main heading, so cannot tell quickly what this page is for",
                                  "Give the page one <h1> naming what it is for."),
    "heading-order": Voice("{who} meets a jump in heading levels and may think a section is missing",
                           "Use heading levels in order (h2 under h1, h3 under h2)."),
    "empty-heading": Voice("{who} hears an empty heading", "Put text in the heading or remove it."),
    "empty-table-header": Voice("{who} hears an empty column header and loses track of the table",
                                "Put text in every table header cell."),
    "th-has-data-cells": Voice("{who} hears a table header that labels no cells", "Fix the table's header cells."),
    "td-headers-attr": Voice("{who} hears table cells announced with the wrong headers",
                             "Make the headers attribute point at header cells of the same table."),
    "list": Voice("{who} hears a list read wrongly: its markup is broken",
                  "Put only <li> (or <script>/<template>) directly inside <ul> and <ol>."),
    "listitem": Voice("{who} hears a list item that belongs to no list", "Put <li> inside <ul> or <ol>."),
    "dlitem": Voice("{who} hears a definition term or description outside any definition list",
                    "Put <dt> and <dd> inside a <dl>."),
    "definition-list": Voice("{who} hears a definition list read wrongly: its markup is broken",
                             "Put only <dt>/<dd> groups directly inside <dl>."),
    "duplicate-id-aria": Voice("{who} may hear the wrong label or description: an id used by ARIA is repeated",
                               "Make every id referred to by ARIA or a label unique."),
    "aria-hidden-focus": Voice("{who} lands on a control the screen reader says nothing about: it is hidden "
                               "with aria-hidden but still takes focus",
                               "Remove aria-hidden, or take the control out of the Tab order."),
    "nested-interactive": Voice("{who} cannot reach or hear a control placed inside another control",
                                "Do not put links or buttons inside other links or buttons."),
    "scrollable-region-focusable": Voice("{who} cannot scroll this area with the keyboard: it cannot take focus",
                                         "Give the scrolling area tabindex=\"0\" and a name."),
    "tabindex": Voice("{who} meets a surprising focus order: a positive tabindex pulls this element ahead",
                      "Use tabindex=\"0\" or none, and put elements in a sensible order in the HTML."),
    "accesskeys": Voice("{who} may trigger the wrong thing: an access key is used twice",
                        "Give each accesskey a unique value, or drop access keys."),
    "autocomplete-valid": Voice("{who} has to type this in full: its autocomplete value is not valid, so the "
                                "browser cannot fill it in", "Use a valid autocomplete token, such as "
                                "\"postal-code\" or \"email\"."),
    "image-redundant-alt": Voice("{who} hears the same words twice: the image's alt text repeats the text "
                                 "beside it", "Use alt=\"\" when the text beside the image already says it."),
    "blink": Voice("{who} is distracted by blinking text that cannot be stopped",
                   "Remove <blink>; draw attention with wording and layout instead."),
    "marquee": Voice("{who} is distracted by scrolling text that cannot be stopped and is hard to read",
                     "Replace <marquee> with static text."),
    "meta-refresh": Voice("{who} loses their place when the page refreshes or moves on by itself",
                          "Remove the timed meta refresh; let people choose when to move on or extend time."),
    "no-autoplay-audio": Voice("{who} is drowned out or startled by sound that plays by itself",
                               "Do not autoplay sound; or stop it within 3 seconds and give a pause control.",
                               review="Check: {who} may be drowned out or startled if this plays sound by itself "
                                      "for more than 3 seconds"),
    "video-caption": Voice("{who} cannot follow what is said in this video: it has no captions",
                           "Add a captions track (<track kind=\"captions\">) with what is said and heard.",
                           review="Check: {who} may not follow what is said in this video; make sure its "
                                  "captions are there and right"),
}

# Incomplete results that are about axe itself or too noisy to be worth a person's time (see module doc).
DROPPED_INCOMPLETE = frozenset({"frame-tested", "audio-caption"})
DROPPED_CONTRAST_KEYS = frozenset({"shortTextContent", "nonBmp", "equalRatio", "outsideViewport"})

_WCAG_TAG = re.compile(r"^wcag(\d)(\d)(\d{1,2})$")
_TAG_NAME = re.compile(r"<([a-zA-Z][\w-]*)")
_ATTR = re.compile(r'\s([\w:-]+)\s*=\s*"([^"]*)"')


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    axe = whole(artifacts, "axe")
    if axe is None:
        return []
    findings: list[Finding] = []
    for rule in axe.get("violations") or []:
        if rule.get("id") == "region":
            findings.extend(_region(rule))
        else:
            findings.extend(_findings(rule, "fail"))
    for rule in axe.get("incomplete") or []:
        if rule.get("id") in DROPPED_INCOMPLETE:
            continue
        findings.extend(_findings(rule, "review"))
    _distinguish(findings)
    return findings


def rule_outcomes(artifacts: dict) -> dict[str, dict]:
    """axe's own ``passes`` and ``inapplicable`` rules as outcomes (the violations and needs-review results are
    findings). A rule with both passing and failing nodes is a fail: the findings say so."""
    axe = whole(artifacts, "axe")
    if axe is None:
        return {}
    out = {}
    for kind, outcome in (("inapplicable", "inapplicable"), ("passes", "pass")):
        for rule in axe.get(kind) or []:
            out[rule["id"]] = {"outcome": outcome, "wcag": wcag_criteria(rule.get("tags") or [])}
    for rule in axe.get("incomplete") or []:   # every "cannot tell" settled as a pass by the page's pixels
        nodes = rule.get("nodes") or []
        if rule.get("id") == "color-contrast" and nodes and len(nodes) >= int(rule.get("nodes_total") or 0) \
                and all((n.get("rendered") or {}).get("outcome") == "pass" or _keys(n) & DROPPED_CONTRAST_KEYS
                        for n in nodes):
            out.setdefault(rule["id"], {"outcome": "pass", "wcag": wcag_criteria(rule.get("tags") or [])})
    return out


def axe_ran(artifacts: dict) -> bool:
    """True when the axe artifact is there and whole: other probes then leave axe's checks to axe."""
    axe = whole(artifacts, "axe")
    return axe is not None and "violations" in axe


# Criteria a rule's violation fails beyond its own tags, from WCAG's failure techniques. axe runs with the A/AA
# tags, so its AAA twins never run; where a violation of the A rule is by definition a violation of the AAA
# one, the finding says so.
EXTRA_CRITERIA: dict[str, tuple[str, ...]] = {
    # F41: a timed meta refresh fails 2.2.1, 2.2.4 and 3.2.5 (axe's twin: meta-refresh-no-exceptions).
    "meta-refresh": ("2.2.4", "3.2.5"),
}


def wcag_criteria(tags: list[str], rule_id: str = "") -> list[str]:
    """axe tags -> WCAG success criteria: wcag111 -> 1.1.1, wcag1410 -> 1.4.10 (levels like wcag2aa skipped),
    then any the rule's failure technique adds (:data:`EXTRA_CRITERIA`)."""
    found = []
    for tag in tags:
        m = _WCAG_TAG.match(tag)
        if m and (sc := ".".join(m.groups())) not in found:
            found.append(sc)
    found.extend(sc for sc in EXTRA_CRITERIA.get(rule_id, ()) if sc not in found)
    return found


def personas_for(rule_id: str, tags: list[str]) -> list[str]:
    if rule_id in RULE_PERSONAS:
        return list(RULE_PERSONAS[rule_id])
    for tag in tags:
        if tag in CATEGORY_PERSONAS:
            return list(CATEGORY_PERSONAS[tag])
    return list(DEFAULT_PERSONAS)


def _findings(rule: dict, outcome: str) -> list[Finding]:
    rule_id = rule.get("id", "")
    tags = list(rule.get("tags") or [])
    voice = VOICES.get(rule_id)
    out = []
    nodes = rule.get("nodes") or []
    for node in nodes:
        if outcome == "review" and rule_id == "color-contrast" and _keys(node) & DROPPED_CONTRAST_KEYS:
            continue
        measured = node.get("rendered") if outcome == "review" and rule_id == "color-contrast" else None
        if isinstance(measured, dict) and measured.get("outcome") in ("pass", "fail"):
            if measured["outcome"] == "fail":
                out.append(_measured_fail(rule, node, measured, voice, tags))
            continue
        if rule_id == "avoid-inline-spacing" and spacing_reaches_no_text(node.get("html") or ""):
            continue
        out.append(_finding(rule, node, outcome, voice, tags))
    left_out = int(rule.get("nodes_total") or 0) - len(nodes)   # the gatherer keeps the first MAX_NODES
    if out and left_out > 0:
        out[-1].more += left_out
    return out


def _finding(rule: dict, node: dict, outcome: str, voice: Voice | None, tags: list[str]) -> Finding:
    rule_id = rule.get("id", "")
    help_text = (rule.get("help") or rule_id).rstrip(".")
    summary = " ".join((node.get("failureSummary") or "").split())
    if voice:
        message = voice.message if outcome == "fail" else (voice.review or "Check: " + voice.message)
        fix = voice.fix
    else:
        told = help_text[:1].lower() + help_text[1:]
        message = (f"{{who}} meets a barrier here: {told}" if outcome == "fail"
                   else f"Check: {{who}} may meet a barrier here: {told}")
        fix = f"{help_text}. {summary}".strip() if summary else help_text + "."
    html = node.get("html") or ""
    role, name = _identity(html)
    target = [t for t in node.get("target") or [] if t]
    return Finding(
        rule=rule_id,
        outcome=outcome,
        impact=_impact(node.get("impact") or rule.get("impact")),
        message=message,
        fix=fix,
        wcag=wcag_criteria(tags, rule_id),
        personas=personas_for(rule_id, tags),
        selector=" >>> ".join(target),
        snippet=html,
        role=role,
        name=name,
        heard=voice.heard if voice else None,
        evidence={"source": "axe-core", "help": rule.get("help", ""), "helpUrl": rule.get("helpUrl", ""),
                  "details": summary, "tags": tags, **({"element": node["element"]} if node.get("element") else {})},
    )


def _measured_fail(rule: dict, node: dict, measured: dict, voice: Voice | None, tags: list[str]) -> Finding:
    """axe could not tell; the page's pixels show the text below its ratio everywhere (rendered_contrast)."""
    finding = _finding(rule, node, "fail", voice, tags)
    finding.message += (f" (measured in the page's pixels: {measured.get('median')}:1 behind most of it, "
                        f"{measured.get('expected')}:1 needed)")
    finding.evidence["rendered"] = measured
    return finding


def _region(rule: dict) -> list[Finding]:
    nodes = rule.get("nodes") or []
    if not nodes:
        return []
    count = rule.get("nodes_total") or len(nodes)
    tags = list(rule.get("tags") or [])
    first = nodes[0]
    return [Finding(
        rule="region",
        outcome="review",
        impact="moderate",
        message=f"Check: {{who}} may miss content when moving by landmarks: {count} part"
                f"{'s' if count != 1 else ''} of the page sit outside any landmark",
        fix="Put all content inside landmarks: <header>, <nav>, <main>, <footer> (or give a region a name).",
        wcag=[],
        personas=["ashleigh", "christopher"],
        selector=" >>> ".join(first.get("target") or []),
        snippet=first.get("html") or "",
        role="page",
        name="",
        evidence={"source": "axe-core", "help": rule.get("help", ""), "helpUrl": rule.get("helpUrl", ""),
                  "targets": [" >>> ".join(n.get("target") or []) for n in nodes], "tags": tags},
    )]


SPACING_PROPERTIES = ("letter-spacing", "word-spacing", "line-height")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _important(style: str) -> set[str]:
    found = set()
    for decl in (style or "").split(";"):
        prop, _, value = decl.partition(":")
        if prop.strip().lower() in SPACING_PROPERTIES and "!important" in value.replace(" ", "").lower():
            found.add(prop.strip().lower())
    return found


def spacing_reaches_no_text(html: str) -> bool:
    """Whether the element's !important text spacing (axe's ``avoid-inline-spacing``) reaches no text: it holds
    none, or every text inside sits in a descendant that sets the same property !important itself (which axe
    judges on its own). WCAG 1.4.12 is about text; a style that no text takes cannot stop a user's spacing.
    False when the snippet is cut short or cannot be read (the finding stays)."""
    from html.parser import HTMLParser

    class Walk(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, set[str]]] = []   # (tag, properties the root still decides)
            self.closed = False
            self.reached = False

        def handle_starttag(self, tag, attrs):
            style = dict(attrs).get("style") or ""
            if not self.stack:
                if self.closed:
                    return
                self.stack.append((tag, _important(style)))
            else:
                self.stack.append((tag, self.stack[-1][1] - _important(style)))
            if tag in VOID:
                self.handle_endtag(tag)

        def handle_endtag(self, tag):
            while self.stack:
                top, _ = self.stack.pop()
                if top == tag:
                    break
            if not self.stack:
                self.closed = True

        def handle_data(self, data):
            if self.stack and data.strip() and self.stack[-1][1]:
                self.reached = True

    walk = Walk()
    try:
        walk.feed(html)
        walk.close()
    except Exception:
        return False
    return walk.closed and not walk.reached


def _keys(node: dict) -> set[str]:
    return {c.get("key") for part in ("any", "all", "none") for c in node.get(part) or [] if c.get("key")}


def _impact(value: str | None) -> str:
    return value if value in IMPACTS else "moderate"


def _identity(html: str) -> tuple[str, str]:
    """A role and name for the fingerprint that survive cosmetic changes: the tag (and input type), and the
    first of id, name, aria-label, alt, title, label text, src/href file, text."""
    m = _TAG_NAME.search(html)
    tag = m.group(1).lower() if m else ""
    attrs = {k.lower(): v for k, v in _ATTR.findall(html[: html.find(">") + 1] if ">" in html else html)}
    role = attrs.get("role") or (f"{tag} {attrs['type']}" if tag == "input" and "type" in attrs else tag)
    for key in ("id", "name", "aria-label", "alt", "title", "for"):
        if attrs.get(key):
            return role, attrs[key]
    for key in ("src", "href", "data"):
        if attrs.get(key):
            return role, attrs[key].split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    text = re.sub(r"<[^>]*>", " ", html)
    return role, " ".join(text.split())[:80]


def _distinguish(findings: list[Finding]) -> None:
    """Two findings of one rule on elements with the same role and name get keys 2, 3... in page order."""
    seen: dict[tuple[str, str, str], int] = {}
    for f in findings:
        k = (f.rule, f.role, f.name)
        seen[k] = seen.get(k, 0) + 1
        if seen[k] > 1:
            f.key = str(seen[k])
