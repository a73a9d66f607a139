"""Ashleigh's probes over hand-built axtree artifacts: what fires, and what does not."""

from __future__ import annotations

from auditor.model.axnode import AXNode, flatten
from auditor.model.phrasing import phrase
from auditor.probes import control_name, heading_outline, image_text_alternative, link_purpose
from auditor.probes.base import AuditParams

PARAMS = AuditParams()
AXE_RAN = {"violations": [], "incomplete": []}


def tree_artifact(*controls: AXNode) -> dict:
    return {"nodes": flatten(AXNode(role="RootWebArea", name="Page", children=list(controls)))}


def ctl(role: str, name: str = "", selector: str = "", **kw) -> AXNode:
    return AXNode(role=role, name=name, selector=selector or f"#{role}-{name or 'x'}".replace(" ", "-"), **kw)


def by(findings, key=None, outcome=None):
    return [f for f in findings if (key is None or f.key == key or f.selector == key)
            and (outcome is None or f.outcome == outcome)]


# -- control_name --------------------------------------------------------------------------------------
def test_unnamed_controls_fail_with_what_is_heard():
    art = {"axtree": tree_artifact(ctl("textbox", selector="#pc"), ctl("button", selector="#go"),
                                   ctl("link", selector="#more"), ctl("textbox", "Postcode", name_from="label"))}
    found = control_name.check(art, PARAMS)
    assert [(f.selector, f.outcome, f.heard) for f in found] == [
        ("#pc", "fail", "edit text"), ("#go", "fail", "button"), ("#more", "fail", "link")]
    assert "{who} hears 'edit text' and cannot tell what to type" in found[0].message
    assert "cannot tell where it goes" in found[2].message
    assert found[0].wcag == ["4.1.2", "1.3.1"]


def test_unnamed_controls_are_left_to_axe_when_axe_ran():
    art = {"axtree": tree_artifact(ctl("textbox", selector="#pc")), "axe": AXE_RAN}
    assert control_name.check(art, PARAMS) == []


def test_placeholder_only_name_is_review():
    art = {"axtree": tree_artifact(ctl("textbox", "Search", name_from="placeholder"),
                                   ctl("textbox", "Postcode", name_from="label")), "axe": AXE_RAN}
    found = control_name.check(art, PARAMS)
    assert [(f.name, f.outcome, f.heard) for f in found] == [("Search", "review", "Search, edit text")]
    assert "3.3.2" in found[0].wcag


def test_label_in_name_mismatch_fails_only_for_overriding_names():
    art = {"axe": AXE_RAN, "axtree": tree_artifact(
        ctl("button", "Submit form", name_from="aria-label", dom={"text": "Send"}),
        ctl("button", "Send your application", name_from="aria-label", dom={"text": "Send"}),  # contains it
        ctl("button", "Close", name_from="aria-label", dom={"text": "×"}),                     # icon glyph
        ctl("link", "Home", name_from="contents", dom={"text": "Home"}),
        ctl("textbox", "Enter code", name_from="aria-label", dom={"labels": "Postcode *"}),
        ctl("textbox", "Postcode (required)", name_from="aria-label", dom={"labels": "Postcode *"}),
    )}
    found = control_name.check(art, PARAMS)
    assert [(f.name, f.outcome) for f in found] == [("Submit form", "fail"), ("Enter code", "fail")]
    assert found[0].wcag == ["2.5.3"] and "'click Send'" in found[0].message
    assert found[0].heard == "Submit form, button"


def test_label_in_name_compares_what_is_seen_as_whole_words():
    """ACT 2ee8b8's definitions: visible text only (a visually hidden word is not part of the label), whole
    words ('Discover It' is not in 'Discover Italy'), a lone letter is a symbol, a lone digit a number."""
    art = {"axe": AXE_RAN, "axtree": tree_artifact(
        ctl("link", "Download specification", name_from="aria-label",
            dom={"text": "Download gizmo specification", "shown_text": "Download specification"}),
        ctl("link", "Discover Italy", name_from="aria-label", dom={"text": "Discover It", "shown_text": "Discover It"}),
        ctl("button", "anything", name_from="aria-label", dom={"text": "X", "shown_text": "X"}),
        ctl("link", "1a", name_from="aria-label", dom={"text": "1", "shown_text": "1"}),
        ctl("link", "just ice", name_from="aria-label", dom={"text": "justice", "shown_text": "justice"}),
        ctl("link", "Send it now", name_from="aria-label", dom={"text": "Send it", "shown_text": "Send it"}),
    )}
    found = control_name.check(art, PARAMS)
    assert [(f.name, f.outcome) for f in found] == [("Discover Italy", "fail"), ("1a", "fail"), ("just ice", "fail")]


def test_label_in_name_follows_acts_label_in_name_algorithm():
    """Text in round brackets is not part of the label (a format hint); hyphenation does not count; a visible
    word with a full stop may abbreviate the name's word. The other way round still fails. Text drawn in a
    fallback because its font did not load (an icon font's ligature) is a review."""
    def dom(text):
        return {"text": text, "shown_text": text}
    art = {"axe": AXE_RAN, "axtree": tree_artifact(
        ctl("button", "Search by date", name_from="aria-label", dom=dom("Search by date (YYYY-MM-DD)")),
        ctl("link", "non-standard", name_from="aria-label", dom=dom("nonstandard")),
        ctl("link", "re-enter", name_from="aria-label", dom=dom("re enter")),
        ctl("link", "Mill Road", name_from="aria-label", dom=dom("Mill Rd.")),
        ctl("link", "Mill Rd", name_from="aria-label", dom=dom("Mill Road")),
        ctl("link", "Mill Rodney", name_from="aria-label", dom=dom("Mill Rd")),
        ctl("button", "Search", name_from="aria-label", dom=dom("Search by date (YYYY-MM-DD)")),
        ctl("button", "Find", name_from="aria-label", dom={**dom("search"), "font_missing": "Icons"}),
    )}
    found = control_name.check(art, PARAMS)
    assert [(f.name, f.outcome) for f in found] == [("Mill Rd", "fail"), ("Mill Rodney", "fail"),
                                                     ("Search", "fail"), ("Find", "review")]


def test_label_in_name_left_to_axe_when_axe_reported_it():
    axe = {"violations": [{"id": "label-content-name-mismatch", "nodes": []}], "incomplete": []}
    art = {"axe": axe, "axtree": tree_artifact(ctl("button", "Submit form", name_from="aria-label",
                                                   dom={"text": "Send"}))}
    assert control_name.check(art, PARAMS) == []


def test_control_name_without_artifact_finds_nothing():
    assert control_name.check({}, PARAMS) == []
    assert control_name.check({"axtree": {"error": "boom"}}, PARAMS) == []


# -- image_text_alternative ----------------------------------------------------------------------------
def image(alt, file="photo.jpg", **kw) -> dict:
    node = AXNode(role="image", name=alt or "")
    data = {"selector": kw.pop("selector", f"img[alt='{alt}']"), "snippet": "<img>", "name": alt or "",
            "role": "image", "heard": phrase(node), "alt": alt, "title": None, "file": file, "width": 300,
            "height": 200, "caption": "", "before": "", "after": "", "in_control": False}
    data.update(kw)
    return data


def images_check(*imgs):
    return image_text_alternative.check({"axtree": {"images": list(imgs)}}, PARAMS)


def test_file_name_and_placeholder_alts_fail():
    found = images_check(image("IMG_0423.jpg"), image("banner.png"), image("DSC 0012"),
                         image("council-tax-2024", file="council-tax-2024.jpg"), image("Spacer"), image("photo"),
                         image("A refuse lorry on Mill Road"))
    assert [(f.name, f.key, f.outcome) for f in found] == [
        ("IMG_0423.jpg", "file-name", "fail"), ("banner.png", "file-name", "fail"), ("DSC 0012", "file-name", "fail"),
        ("council-tax-2024", "file-name", "fail"), ("Spacer", "placeholder", "fail"), ("photo", "placeholder", "fail")]
    assert found[0].heard == "IMG_0423.jpg, graphic"


def test_missing_and_empty_alt_are_not_ours():
    assert images_check(image(None), image(""), image("   ")) == []


def test_title_long_and_repeated_text_are_reviews():
    long_alt = "A " + "very " * 40 + "long description of a map"
    found = images_check(
        image("Map of recycling centres", title="Click to enlarge"),
        image("Map of the ward", title="Map of the ward"),                      # agrees: nothing
        image(long_alt),
        image("Mayor opening the library", caption="Mayor opening the library"),
        image("Mayor opening the library", after="Mayor opening the library", in_control=True, selector="#in-link"),
    )
    assert [(f.key, f.outcome) for f in found] == [("title-differs", "review"), ("long", "review"),
                                                   ("repeats-text", "review")]
    assert "twice" in found[2].message


def test_image_of_text_needs_two_signs_and_never_logos():
    found = images_check(
        image("Pay your council tax online today", file="cta-banner.png", width=900, height=120),  # 3 signs
        image("Bins", file="quote.png", width=900, height=120),                                     # 2 signs
        image("Pay your council tax online today", file="street.jpg", width=300, height=200),       # 1 sign
        image("Council logo with the words Pay online", file="logo-text.png", width=900, height=120),
    )
    assert [(f.name, f.key, f.outcome) for f in found] == [
        ("Pay your council tax online today", "image-of-text", "review"), ("Bins", "image-of-text", "review")]
    assert found[0].wcag == ["1.4.5"] and "cta" in found[0].message


# -- link_purpose --------------------------------------------------------------------------------------
def link(name, url="https://example.org/a", **kw) -> dict:
    data = {"selector": kw.pop("selector", f"a[href='{url}']"), "snippet": "<a>", "name": name,
            "heard": f"{name}, link", "href": url, "url": url, "target": "", "context": "", "heading": "",
            "description": "", "text": name}
    data.update(kw)
    return data


def links_check(*links):
    return link_purpose.check({"axtree": {"links": list(links)}}, PARAMS)


def test_ambiguous_links_group_by_text_fail_2_4_4_without_context_and_only_2_4_9_with_it():
    found = links_check(
        link("Read more", "/bins", selector="#r1"), link("Read more", "/tax", selector="#r2"),
        link("Click here", "/pay", context="To pay your bill online click here", selector="#c1"),
        link("Garden waste", "/garden"))
    assert [(f.name, f.outcome, f.impact, f.wcag) for f in found] == [
        ("Read more", "fail", "serious", ["2.4.4", "2.4.9"]), ("Click here", "fail", "minor", ["2.4.9"]),
        ("Click here", "review", "minor", ["2.4.4"])]
    assert found[0].evidence["count"] == 2 and found[0].evidence["selectors"] == ["#r1", "#r2"]
    assert "'Read more, link' 2 times, going to 2 different places" in found[0].message


def test_a_file_format_or_a_demonstrative_alone_does_not_say_where_a_link_goes():
    """"HTML", "EPUB", "Plain text" name the form, not the thing; "this product" points outside the link text,
    but no failure technique lists it and "This week" is plain in navigation: a review only."""
    found = links_check(link("HTML", "/u.htm"), link("EPUB", "/u.epub"), link(" Plain text ", "/u.txt"),
                        link("this product", "#desc", context="See the description of this product."),
                        link("PDF version", "/r.pdf", context="Ulysses"),
                        link("HTML guide", "/guide"), link("This is England", "/film"), link("Text size", "/ts"),
                        link("Zip", "/zip"), link("Word", "/w"))    # verbs and words as much as formats
    assert [(f.name, f.outcome, f.wcag) for f in found if f.key != "file"] == [
        ("HTML", "fail", ["2.4.4", "2.4.9"]), ("EPUB", "fail", ["2.4.4", "2.4.9"]),
        ("Plain text", "fail", ["2.4.4", "2.4.9"]),
        ("this product", "review", ["2.4.4", "2.4.9"]),
        ("PDF version", "fail", ["2.4.9"]), ("PDF version", "review", ["2.4.4"])]


def test_heading_before_a_link_counts_as_context():
    found = links_check(link("More", "/x", heading="Bin collections"))
    assert [(f.outcome, f.impact, f.wcag) for f in found] == [("fail", "minor", ["2.4.9"]),
                                                              ("review", "minor", ["2.4.4"])]


def test_same_text_different_places_fails_when_nothing_tells_them_apart():
    found = links_check(link("Apply", "/apply/parking"), link("Apply", "/apply/bins"),
                        link("Contact us", "/contact"), link("Contact us", "/contact/"))
    assert [(f.name, f.key, f.outcome) for f in found] == [("Apply", "same-text", "fail")]


def test_same_text_different_places_with_different_context_is_review():
    found = links_check(link("Apply", "/apply/parking", heading="Parking permits"),
                        link("Apply", "/apply/bins", heading="Garden waste bins"))
    assert [(f.name, f.key, f.outcome) for f in found] == [("Apply", "same-text", "review")]


def test_same_text_to_one_page_by_redirect_or_copy_is_one_place():
    """ACT's 'equivalent purpose': URLs the gatherer read and found to end at one page (an HTTP redirect, a
    quick meta refresh) or to hold the same text under the same query are one place."""
    a, b, c = "https://s.example/contact", "https://s.example/old-contact", "https://s.example/contact-copy"
    read = {a: {"status": 200, "final": a, "refresh": None, "digest": "1", "words": ["call", "us"]},
            b: {"status": 200, "final": b, "refresh": a, "digest": "2", "words": []},
            c: {"status": 200, "final": c, "refresh": None, "digest": "1", "words": ["call", "us"]}}
    pair = [link("Contact us", a), link("Contact us", b), link("Contact us", c)]
    assert link_purpose.check({"axtree": {"links": pair, "destinations": read}}, PARAMS) == []
    # one file under two queries: its script may show two pages, so the same text proves nothing
    q1, q2 = a + "?page=1", a + "?page=2"
    read = {q1: {**read[a], "final": q1}, q2: {**read[a], "final": q2}}
    found = link_purpose.check({"axtree": {"links": [link("Contact us", q1), link("Contact us", q2)],
                                           "destinations": read}}, PARAMS)
    assert [(f.key, f.outcome) for f in found] == [("same-text", "fail")]


def test_same_text_to_two_pages_that_say_much_the_same_is_review():
    a, b = "https://s.example/about/contact", "https://s.example/careers/contact"
    words = "contact us phone 541 754 3010 we are happy to help you".split()
    read = {a: {"status": 200, "final": a, "digest": "1", "words": words + ["about", "history"]},
            b: {"status": 200, "final": b, "digest": "2", "words": words + ["careers", "benefits"]}}
    found = link_purpose.check({"axtree": {"links": [link("Contact us", a), link("Contact us", b)],
                                           "destinations": read}}, PARAMS)
    assert [(f.key, f.outcome) for f in found] == [("same-text", "review")]
    assert "check that they serve the same purpose" in found[0].message
    read[b]["words"] = "apply for a parking permit today".split()
    found = link_purpose.check({"axtree": {"links": [link("Contact us", a), link("Contact us", b)],
                                           "destinations": read}}, PARAMS)
    assert [(f.key, f.outcome) for f in found] == [("same-text", "fail")]
    # a short page whose words the longer one mostly holds (a box with the number, the full contact page)
    read[a]["words"] = "get in touch call us 541 754 3010".split()
    read[b]["words"] = "contact us phone 541 754 3010 email office university com fax 3011".split()
    found = link_purpose.check({"axtree": {"links": [link("Call us", a), link("Call us", b)],
                                           "destinations": read}}, PARAMS)
    assert [(f.key, f.outcome) for f in found] == [("same-text", "review")]


def test_new_window_without_warning():
    found = links_check(link("Map", "/map", target="_blank"),
                        link("Map (opens in new tab)", "/map2", target="_blank"),
                        link("Help", "/help", target="_self"))
    assert [(f.name, f.key) for f in found] == [("Map", "new-window")]
    assert "new window" in found[0].message


def test_file_links_need_type_and_size():
    found = links_check(link("Annual report", "/docs/report.pdf"),
                        link("Annual report (PDF, 2.1 MB)", "/docs/report2.pdf"),
                        link("Budget spreadsheet (Excel)", "/docs/budget.xlsx"),
                        link("Report page", "/docs/report.html"))
    assert [(f.name, f.key) for f in found] == [("Annual report", "file"), ("Budget spreadsheet (Excel)", "file")]
    assert "downloads a PDF file, or how big it is" in found[0].message
    assert "how big the Excel file is" in found[1].message


# -- heading_outline -----------------------------------------------------------------------------------
def heading(level, name, selector=None) -> dict:
    node = AXNode(role="heading", name=name, level=level)
    return {"selector": selector or f"h{level}", "snippet": f"<h{level}>", "level": level, "name": name,
            "heard": phrase(node), "tag": f"h{level}"}


def outline_check(headings, styled=(), axe=None):
    art = {"axtree": {"headings": list(headings), "styled_text": list(styled)}}
    if axe is not None:
        art["axe"] = axe
    return heading_outline.check(art, PARAMS)


def test_good_outline_finds_nothing():
    assert outline_check([heading(1, "Council tax"), heading(2, "Pay"), heading(3, "Online"),
                          heading(2, "Discounts")]) == []


def test_missing_h1_skips_and_empty_headings_without_axe():
    found = outline_check([heading(2, "Pay"), heading(4, "Online"), heading(2, "")])
    assert [(f.key, f.outcome) for f in found] == [("no-h1", "review"), ("skipped", "review"), ("empty", "fail")]
    assert found[0].heard == "no next heading at level 1"
    assert found[1].heard == "Online, heading level 4" and "level 3 section is missing" in found[1].message
    assert found[2].heard == "heading level 2"
    assert found[0].evidence["outline"] == ["  h2 Pay", "      h4 Online", "  h2 (empty)"]


def test_axe_rules_are_left_to_axe_but_several_h1_is_ours():
    found = outline_check([heading(1, "Council"), heading(1, "Council tax"), heading(3, "Pay"), heading(2, "")],
                          axe=AXE_RAN)
    assert [(f.key, f.name) for f in found] == [("several-h1", "Council tax")]


def test_text_that_looks_like_a_heading():
    def block(text, size=16.0, weight=400, **kw):
        return {"selector": f"#{len(text)}", "snippet": "<p>", "text": text, "tag": "p", "font_size": size,
                "font_weight": weight, "base_font_size": 16.0, **kw}

    found = outline_check([heading(1, "Council tax")], styled=[
        block("Contact us", size=24),                                # large
        block("Opening hours", weight=700),                          # bold
        block("You must pay by 1 April.", weight=700),               # a sentence
        block("Anytown Council", size=32, in_banner=True),           # the site name
        block("Small print", size=16),                               # neither large nor bold
        block("1234", weight=700),                                   # no letters
    ])
    assert [(f.name, f.outcome, f.heard) for f in found] == [("Contact us", "review", "Contact us"),
                                                             ("Opening hours", "review", "Opening hours")]
    assert "pressing H skips it" in found[0].message


def test_a_heading_like_block_inside_another_is_reported_once():
    from auditor.probes import heading_outline

    def block(selector, text):
        return {"selector": selector, "snippet": "", "text": text, "tag": "div", "font_size": 36,
                "font_weight": 700, "base_font_size": 16, "in_banner": False}

    tree = {"headings": [{"level": 1, "name": "Report sent", "heard": "Report sent, heading level 1",
                          "selector": "h1", "tag": "h1"}],
            "styled_text": [block("main > div", "Your reference number AB-123"),
                            block("main > div > strong", "AB-123")]}
    found = [f for f in heading_outline.check({"axtree": tree}, PARAMS) if f.key == "looks-like-heading"]
    assert [f.selector for f in found] == ["main > div"]


def test_only_same_origin_urls_of_links_sharing_a_name_are_read():
    from auditor.gatherers.axtree import MAX_DESTINATIONS, same_name_destinations

    page = "https://s.example/start"
    links = [link("Contact us", "https://s.example/a#top"), link("Contact us", "https://s.example/b"),
             link("Contact us", "https://other.example/c"), link("Help", "https://s.example/help"),
             link("Mail", "mailto:x@s.example"), link("Mail", "https://s.example/mail")]
    assert same_name_destinations(links, page) == ["https://s.example/a", "https://s.example/b"]
    many = [link("Apply", f"https://s.example/p{i}") for i in range(20)]
    assert len(same_name_destinations(many, page)) == MAX_DESTINATIONS
