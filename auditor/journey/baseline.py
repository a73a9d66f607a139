"""The mouse user with no constraints: the reference run, and the scenario's validation.

Finds controls by what a sighted person sees (the matching order in auditor/journey/match.py), scrolls
them into view and clicks their centre; types into fields; picks options from drop-down lists. Counts
clicks (a drop-down list is two: open it, click the option). A step whose name matches nothing, or several
things, is a scenario error: the runner stops every persona's run there. Its message lists the three names or
texts on the page nearest to the step's (``match.not_found``).
"""

from __future__ import annotations

from auditor.journey.base import Actor


class BaselineActor(Actor):
    mode = "baseline"
