"""Empathy Lab auditor: checks pages as each persona meets them.

Layout (see DESIGN.md): ``auditor.model`` is shared with the kiosk and imports neither Playwright nor
pygame; ``auditor.browser`` is the only module that imports Playwright; gatherers drive pages through
the objects it hands out; probes are pure functions over the gatherers' plain-JSON artifacts.
"""

__version__ = "0.1.0"
