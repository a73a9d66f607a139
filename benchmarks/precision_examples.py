"""Examples for the design systems whose npm packages ship templates but no rendered examples.

GOV.UK Frontend and NHS.UK frontend ship their examples as fixtures (rendered HTML) in their packages;
MOJ Frontend and HMRC frontend ship only their Nunjucks macros. The examples below call each macro the way a
service's page would, with ordinary content written for this benchmark; benchmarks/precision.py renders them
with the package's own templates (and GOV.UK Frontend's, which both build on) through nunjucks.

Each entry: (component, example name, Nunjucks source). Imports are written out so that each page is exactly
what a service's template would hold.
"""

from __future__ import annotations

MOJ_IMPORT = '{%% from "moj/components/%s/macro.njk" import %s %%}'
HMRC_IMPORT = '{%% from "hmrc/components/%s/macro.njk" import %s %%}'
GOVUK_IMPORT = '{%% from "govuk/components/%s/macro.njk" import %s %%}'


def _call(macro: str, params: str) -> str:
    while "}}" in params:   # "}}" inside an object literal would end Nunjucks' {{ ... }} tag
        params = params.replace("}}", "} }")
    return "{{ " + macro + "(" + params + ") }}"


def _moj(component: str, macro: str, params: str) -> str:
    return MOJ_IMPORT % (component, macro) + _call(macro, params)


def _hmrc(component: str, macro: str, params: str) -> str:
    return HMRC_IMPORT % (component, macro) + _call(macro, params)


MOJ: list[tuple[str, str, str]] = [
    ("alert", "information", _moj("alert", "mojAlert", '{variant: "information", title: "Information", '
                                  'text: "Your application will be reviewed within 5 working days."}')),
    ("alert", "success dismissible", _moj("alert", "mojAlert", '{variant: "success", title: "Success", '
                                          'text: "The document has been uploaded.", dismissible: true}')),
    ("alert", "error", _moj("alert", "mojAlert", '{variant: "error", title: "There is a problem", '
                            'html: "<p class=\\"govuk-body\\">The case could not be saved. Try again.</p>", '
                            'showTitleAsHeading: true}')),
    ("badge", "default", _moj("badge", "mojBadge", '{text: "Urgent", classes: "moj-badge--red"}')),
    ("banner", "success", _moj("banner", "mojBanner", '{type: "success", text: "The hearing has been booked.", '
                               'iconFallbackText: "Success"}')),
    ("button-menu", "default", _moj("button-menu", "mojButtonMenu",
                                    '{button: {text: "Actions"}, items: [{text: "Edit case", href: "/edit"}, '
                                    '{text: "Close case", href: "/close"}, {text: "Transfer case", href: "/transfer"}]}')),
    ("sub-navigation", "default", _moj("sub-navigation", "mojSubNavigation",
                                       '{label: "Case sections", items: [{text: "Summary", href: "/summary", '
                                       'active: true}, {text: "Documents", href: "/documents"}, '
                                       '{text: "History", href: "/history"}]}')),
    ("side-navigation", "default", _moj("side-navigation", "mojSideNavigation",
                                        '{label: "Account", items: [{text: "Your details", href: "/details", '
                                        'active: true}, {text: "Notifications", href: "/notifications"}, '
                                        '{text: "Security", href: "/security"}]}')),
    ("primary-navigation", "default", _moj("primary-navigation", "mojPrimaryNavigation",
                                           '{label: "Main", items: [{text: "Cases", href: "/cases", active: true}, '
                                           '{text: "Hearings", href: "/hearings"}, {text: "Reports", href: "/reports"}]}')),
    ("timeline", "default", _moj("timeline", "mojTimeline",
                                 '{items: [{label: {text: "Application received"}, text: "The application was '
                                 'sent online.", byline: {text: "Case worker"}}, {label: {text: "Documents checked"}, '
                                 'text: "All documents were accepted.", byline: {text: "Case worker"}}]}')),
    ("pagination", "default", _moj("pagination", "mojPagination",
                                   '{items: [{text: "1", href: "?page=1", selected: true}, {text: "2", href: '
                                   '"?page=2"}, {text: "3", href: "?page=3"}], next: {text: "Next", href: "?page=2"}, '
                                   'results: {from: 1, to: 10, count: 30}}')),
    ("ticket-panel", "default", _moj("ticket-panel", "mojTicketPanel",
                                     '{items: [{html: "<h2 class=\\"govuk-heading-m\\">Case 4512</h2>'
                                     '<p class=\\"govuk-body\\">Waiting for documents.</p>"}]}')),
    ("interruption-card", "default",
     MOJ_IMPORT % ("interruption-card", "interruptionCard")
     + '{% call interruptionCard({heading: "Check the address before you continue", primaryAction: {text: '
       '"Continue", href: "/next"}, secondaryAction: {text: "Change the address", href: "/address"} }) %}'
       '<p class="govuk-body">We will send letters about this case to 4 Mare Street, London E8 1HE.</p>'
       '{% endcall %}'),
    ("identity-bar", "default", _moj("identity-bar", "mojIdentityBar",
                                     '{title: {text: "Sam Taylor, case 4512"}, menus: [{items: [{text: '
                                     '"Add a note", href: "/note"}, {text: "Close case", href: "/close"}]}]}')),
    ("task-list", "default", _moj("task-list", "mojTaskList",
                                  '{sections: [{heading: {text: "Before you start"}, items: [{text: "Read the '
                                  'guidance", href: "/guidance", complete: true}, {text: "Check eligibility", '
                                  'href: "/eligibility"}]}]}')),
    ("search", "default", _moj("search", "mojSearch",
                               '{action: "/search", method: "get", input: {id: "search", name: "q"}, '
                               'label: {text: "Search cases"}, button: {text: "Search"}}')),
    ("date-picker", "default", _moj("date-picker", "mojDatePicker",
                                    '{id: "hearing-date", name: "hearingDate", label: {text: "Date of hearing"}, '
                                    'hint: {text: "For example, 17/5/2027."}}')),
    ("filter", "default", _moj("filter", "mojFilter",
                               '{heading: {text: "Filter"}, submit: {text: "Apply filters"}, '
                               'optionsHtml: "<div class=\\"govuk-form-group\\"><label class=\\"govuk-label\\" '
                               'for=\\"keywords\\">Keywords</label><input class=\\"govuk-input\\" id=\\"keywords\\" '
                               'name=\\"keywords\\" type=\\"text\\"></div>"}')),
    ("sortable-table", "default",
     '<table class="govuk-table" data-module="moj-sortable-table"><caption class="govuk-table__caption '
     'govuk-table__caption--m">Open cases</caption><thead class="govuk-table__head"><tr class="govuk-table__row">'
     '<th scope="col" class="govuk-table__header" aria-sort="ascending">Name</th>'
     '<th scope="col" class="govuk-table__header" aria-sort="none">Opened</th>'
     '<th scope="col" class="govuk-table__header govuk-table__header--numeric" aria-sort="none">Documents</th>'
     '</tr></thead><tbody class="govuk-table__body">'
     '<tr class="govuk-table__row"><td class="govuk-table__cell">Ali Khan</td><td class="govuk-table__cell" '
     'data-sort-value="20261102">2 November 2026</td><td class="govuk-table__cell govuk-table__cell--numeric">4</td></tr>'
     '<tr class="govuk-table__row"><td class="govuk-table__cell">Jo Smith</td><td class="govuk-table__cell" '
     'data-sort-value="20261015">15 October 2026</td><td class="govuk-table__cell govuk-table__cell--numeric">7</td></tr>'
     '</tbody></table>'),
    ("multi-select", "default",
     '<table class="govuk-table" data-module="moj-multi-select" data-multi-select-checkbox="#select-all">'
     '<caption class="govuk-table__caption govuk-table__caption--m">Documents</caption>'
     '<thead class="govuk-table__head"><tr class="govuk-table__row"><th class="govuk-table__header" '
     'id="select-all" scope="col"></th><th class="govuk-table__header" scope="col">Name</th></tr></thead>'
     '<tbody class="govuk-table__body"><tr class="govuk-table__row"><td class="govuk-table__cell">'
     '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
     '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="doc-1" type="checkbox">'
     '<label class="govuk-label govuk-checkboxes__label" for="doc-1"><span class="govuk-visually-hidden">'
     'Select passport.pdf</span></label></div></div></td><td class="govuk-table__cell">passport.pdf</td></tr>'
     '</tbody></table>'),
    ("password-reveal", "default",
     '<div class="govuk-form-group"><label class="govuk-label" for="password">Password</label>'
     '<input class="govuk-input govuk-input--width-20 moj-password-reveal__input" id="password" name="password" '
     'type="password" data-module="moj-password-reveal" autocomplete="current-password"></div>'),
]


HMRC: list[tuple[str, str, str]] = [
    ("timeline", "default", _hmrc("timeline", "hmrcTimeline",
                                  '{headingLevel: 2, events: [{title: "Return sent", time: "3 November 2026", '
                                  'datetime: "2026-11-03", content: "<p class=\\"govuk-body\\">We received your '
                                  'return.</p>"}, {title: "Payment received", time: "10 November 2026", '
                                  'datetime: "2026-11-10", content: "<p class=\\"govuk-body\\">You paid '
                                  '£120.</p>"}]}')),
    ("page-heading", "with section", _hmrc("page-heading", "hmrcPageHeading",
                                           '{text: "Your tax account", section: "Self Assessment"}')),
    ("notification-badge", "default",
     HMRC_IMPORT % ("notification-badge", "hmrcNotificationBadge")
     + '<p class="govuk-body"><a class="govuk-link" href="/messages">Messages {{ hmrcNotificationBadge({text: "3"}) }}'
       '</a></p>'),
    ("new-tab-link", "default",
     HMRC_IMPORT % ("new-tab-link", "hmrcNewTabLink")
     + '<p class="govuk-body">Read the {{ hmrcNewTabLink({text: "guidance on expenses", href: "/guidance"}) }} '
       'before you start.</p>'),
    ("list-with-actions", "default", _hmrc("list-with-actions", "hmrcListWithActions",
                                           '{items: [{name: {text: "Main job"}, actions: [{href: "/job/1/change", '
                                           'text: "Change", visuallyHiddenText: "Change main job"}, {href: '
                                           '"/job/1/remove", text: "Remove", visuallyHiddenText: "Remove main job"}]}]}')),
    ("caseworker-banner", "default", _hmrc("caseworker-banner", "hmrcCaseworkerBanner",
                                           '{text: "You are viewing this account as a caseworker."}')),
    ("character-count", "default", _hmrc("character-count", "hmrcCharacterCount",
                                         '{id: "details", name: "details", maxlength: 200, label: {text: '
                                         '"Describe the problem", classes: "govuk-label--m"}}')),
    ("header", "default", _hmrc("header", "hmrcHeader",
                                '{homepageUrl: "/", serviceName: "Pay your tax", signOutHref: "/sign-out"}')),
    ("footer", "default", _hmrc("footer", "hmrcFooter", '{}')),
    ("internal-header", "default", _hmrc("internal-header", "hmrcInternalHeader",
                                         '{serviceName: "Case tool", serviceUrl: "/"}')),
    ("banner", "default", _hmrc("banner", "hmrcBanner", '{}')),
    ("user-research-banner", "default", _hmrc("user-research-banner", "hmrcUserResearchBanner",
                                              '{url: "/research"}')),
    ("add-to-a-list", "default", _hmrc("add-to-a-list", "hmrcAddToAList",
                                       '{itemList: [{name: "Main job", changeUrl: "/job/1", removeUrl: '
                                       '"/job/1/remove"}], itemType: {singular: "job", plural: "jobs"}, '
                                       'formAction: "/jobs"}')),
]

BY_SYSTEM = {"moj": MOJ, "hmrc": HMRC}
