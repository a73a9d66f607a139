"""Empathy Lab's kiosk: a fullscreen pygame station where visitors try a council task as a persona.

See docs/kiosk.md. ``kiosk.cli:main`` is the console entry; ``kiosk.app`` runs the scene stack.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
