"""The kiosk's scene flow, in one place: every scene by name, and which scene each one leads to, on what.

Scenes never construct one another: they ask the kiosk for the next one by name
(``self.kiosk.go("briefing", persona, scenario, version)``; ``self.kiosk.go_attract()`` for a new visitor), and
``KioskApp.go`` builds it from :data:`SCENES`. A unit test reads every such call in kiosk/scenes/ and checks it
against :data:`FLOW`, so this table is the flow the code has. The facilitator scene is pushed over any scene by
the key chord and PIN (kiosk/app.py) and popped when it closes.
"""

from __future__ import annotations

from kiosk.scenes.attract import AttractScene
from kiosk.scenes.briefing import BriefingScene
from kiosk.scenes.choose import ChooseScene
from kiosk.scenes.debrief import DebriefScene
from kiosk.scenes.facilitator import FacilitatorScene
from kiosk.scenes.feedback import FeedbackScene
from kiosk.scenes.live import LiveScene

SCENES = {
    "attract": AttractScene,          # (kiosk)
    "choose": ChooseScene,            # (kiosk)
    "briefing": BriefingScene,        # (kiosk, persona, scenario, version)
    "live": LiveScene,                # (kiosk, persona, scenario, version)
    "debrief": DebriefScene,          # (kiosk, task result)
    "feedback": FeedbackScene,        # (kiosk, task result)
    "facilitator": FacilitatorScene,  # (kiosk): pushed over the others, never gone to
}

# scene -> {next scene: when}
FLOW: dict[str, dict[str, str]] = {
    "attract": {"choose": "a visitor presses Enter or clicks"},
    "choose": {"briefing": "they pick a persona", "attract": "they go back"},
    "briefing": {"live": "they start the task", "choose": "they choose someone else"},
    "live": {"debrief": "they finish or stop the task"},
    "debrief": {"briefing": "they try the accessible version", "feedback": "they give feedback",
                "attract": "they finish"},
    "feedback": {"attract": "they send or skip"},
    "facilitator": {},
}
