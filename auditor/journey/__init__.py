"""Scenario runs: can each persona complete the task?

A scenario's plain-language steps (auditor.model.scenario) are performed once by a mouse user with no
constraints (the *baseline*, which also validates the scenario) and once per persona, the way that persona
works (``persona.audit.task_mode``): keyboard only, through the accessibility tree, at 400% zoom, with a
tremor. Each step is ``ok``, ``struggled`` or ``blocked``, with the reason in the persona's words.

Modules: ``runner`` (``run_scenario``, the entry point), ``verdict`` and ``match`` (pure rules), ``page``
(the page-side helpers every actor shares), ``clock`` (slow personas' page time), and one module per way of
acting: ``baseline``, ``keyboard``, ``screen_reader``, ``zoom``, ``pointer``.
Every rule (matching order, each persona's blocked/struggled reasons, page time) is documented in the
docstring of the module that applies it.
"""

from auditor.journey.runner import run_scenario

__all__ = ["run_scenario"]
