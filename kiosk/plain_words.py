"""What the kiosk tells visitors in plain words: how the persona's simulation changes the page, and what
good design does for them. Built from the persona's ``simulation`` block, so new personas need no code."""

from __future__ import annotations

from typing import Any


def differences(persona: Any) -> list[str]:
    """One short sentence per constraint the visitor will meet, in the second person."""
    s = persona.simulation
    name = persona.name
    out: list[str] = []
    if s.screen_curtain:
        out.append("The screen goes black. You will only hear the page, as a screen reader reads it.")
    elif s.screen_reader:
        out.append("A screen reader reads out where you are on the page.")
    if s.keyboard_only:
        out.append(f"{name} can't use a mouse. Tab moves forward, Shift+Tab moves back, Enter chooses.")
    zoom = s.text_zoom * s.page_zoom // 100
    if zoom > 100:
        out.append(f"Everything is shown {zoom}% larger, so only part of the page fits on the screen.")
    if s.blur > 0 or s.contrast < 1:
        out.append("Text looks blurred and washed out, as it does to " + name + ".")
    if s.field_of_view < 100:
        out.append("You only see a small circle around where you are looking. The rest is dark.")
    if s.colour_vision != "none":
        out.append(f"Colours look as they do with {s.colour_vision}.")
    if s.pointer_tremor > 0:
        out.append("Your hand shakes: the pointer does not land exactly where you aim.")
    if not s.sound:
        out.append("You can't hear any sound from the page. Only captions and text help.")
    if not out:
        out.append("The page looks as usual. Notice what makes the task harder than it needs to be.")
    return out


def good_design(persona: Any) -> list[str]:
    """What a well-built service does for this persona (shown on the debrief)."""
    s = persona.simulation
    name = persona.name
    out: list[str] = []
    if s.screen_reader:
        out.append(f"A skip link lets {name} jump past the menu to the main content.")
        out.append("Every field has a label that is read out, and headings show the page's shape.")
    if s.keyboard_only:
        out.append(f"Every link and button can be reached with Tab, in the order {name} reads them.")
        out.append("A thick yellow focus outline always shows where you are.")
    if s.text_zoom > 100 or s.page_zoom > 100 or s.blur > 0:
        out.append(f"The page reflows when {name} zooms in: no sideways scrolling, nothing cut off.")
        out.append("Text has strong contrast against its background.")
    if s.field_of_view < 100:
        out.append("Error messages appear next to the field they are about, where the eye already is.")
    if s.pointer_tremor > 0:
        out.append("Buttons are large and spaced apart, so a shaking hand still hits the right one.")
    if not s.sound:
        out.append("Videos have captions and a transcript.")
    if not out:
        out.append("Plain words, a clear order and no time limits help everyone finish.")
    return out


def duration(seconds: float) -> str:
    """92.4 -> "1 minute 32 seconds"."""
    seconds = max(0, round(seconds))
    minutes, secs = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not minutes:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)
