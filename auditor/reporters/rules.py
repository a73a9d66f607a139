"""What reporters say about a rule and a WCAG success criterion: titles, help links, why it matters.

Read from the report only: its ``rules`` block (the probes' texts, written at run time), axe-core's own help
text carried in a finding's evidence, and WCAG 2.2's success criteria below; nothing here imports a probe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

UNDERSTANDING = "https://www.w3.org/WAI/WCAG22/Understanding/"

# WCAG 2.2 success criteria: number -> (Understanding page slug, title).
WCAG: dict[str, tuple[str, str]] = {
    "1.1.1": ("non-text-content", "Non-text Content"),
    "1.2.1": ("audio-only-and-video-only-prerecorded", "Audio-only and Video-only (Prerecorded)"),
    "1.2.2": ("captions-prerecorded", "Captions (Prerecorded)"),
    "1.2.3": ("audio-description-or-media-alternative-prerecorded",
              "Audio Description or Media Alternative (Prerecorded)"),
    "1.2.4": ("captions-live", "Captions (Live)"),
    "1.2.5": ("audio-description-prerecorded", "Audio Description (Prerecorded)"),
    "1.2.6": ("sign-language-prerecorded", "Sign Language (Prerecorded)"),
    "1.2.7": ("extended-audio-description-prerecorded", "Extended Audio Description (Prerecorded)"),
    "1.2.8": ("media-alternative-prerecorded", "Media Alternative (Prerecorded)"),
    "1.2.9": ("audio-only-live", "Audio-only (Live)"),
    "1.3.1": ("info-and-relationships", "Info and Relationships"),
    "1.3.2": ("meaningful-sequence", "Meaningful Sequence"),
    "1.3.3": ("sensory-characteristics", "Sensory Characteristics"),
    "1.3.4": ("orientation", "Orientation"),
    "1.3.5": ("identify-input-purpose", "Identify Input Purpose"),
    "1.3.6": ("identify-purpose", "Identify Purpose"),
    "1.4.1": ("use-of-color", "Use of Color"),
    "1.4.2": ("audio-control", "Audio Control"),
    "1.4.3": ("contrast-minimum", "Contrast (Minimum)"),
    "1.4.4": ("resize-text", "Resize Text"),
    "1.4.5": ("images-of-text", "Images of Text"),
    "1.4.6": ("contrast-enhanced", "Contrast (Enhanced)"),
    "1.4.7": ("low-or-no-background-audio", "Low or No Background Audio"),
    "1.4.8": ("visual-presentation", "Visual Presentation"),
    "1.4.9": ("images-of-text-no-exception", "Images of Text (No Exception)"),
    "1.4.10": ("reflow", "Reflow"),
    "1.4.11": ("non-text-contrast", "Non-text Contrast"),
    "1.4.12": ("text-spacing", "Text Spacing"),
    "1.4.13": ("content-on-hover-or-focus", "Content on Hover or Focus"),
    "2.1.1": ("keyboard", "Keyboard"),
    "2.1.2": ("no-keyboard-trap", "No Keyboard Trap"),
    "2.1.3": ("keyboard-no-exception", "Keyboard (No Exception)"),
    "2.1.4": ("character-key-shortcuts", "Character Key Shortcuts"),
    "2.2.1": ("timing-adjustable", "Timing Adjustable"),
    "2.2.2": ("pause-stop-hide", "Pause, Stop, Hide"),
    "2.2.3": ("no-timing", "No Timing"),
    "2.2.4": ("interruptions", "Interruptions"),
    "2.2.5": ("re-authenticating", "Re-authenticating"),
    "2.2.6": ("timeouts", "Timeouts"),
    "2.3.1": ("three-flashes-or-below-threshold", "Three Flashes or Below Threshold"),
    "2.3.2": ("three-flashes", "Three Flashes"),
    "2.3.3": ("animation-from-interactions", "Animation from Interactions"),
    "2.4.1": ("bypass-blocks", "Bypass Blocks"),
    "2.4.2": ("page-titled", "Page Titled"),
    "2.4.3": ("focus-order", "Focus Order"),
    "2.4.4": ("link-purpose-in-context", "Link Purpose (In Context)"),
    "2.4.5": ("multiple-ways", "Multiple Ways"),
    "2.4.6": ("headings-and-labels", "Headings and Labels"),
    "2.4.7": ("focus-visible", "Focus Visible"),
    "2.4.8": ("location", "Location"),
    "2.4.9": ("link-purpose-link-only", "Link Purpose (Link Only)"),
    "2.4.10": ("section-headings", "Section Headings"),
    "2.4.11": ("focus-not-obscured-minimum", "Focus Not Obscured (Minimum)"),
    "2.4.12": ("focus-not-obscured-enhanced", "Focus Not Obscured (Enhanced)"),
    "2.4.13": ("focus-appearance", "Focus Appearance"),
    "2.5.1": ("pointer-gestures", "Pointer Gestures"),
    "2.5.2": ("pointer-cancellation", "Pointer Cancellation"),
    "2.5.3": ("label-in-name", "Label in Name"),
    "2.5.4": ("motion-actuation", "Motion Actuation"),
    "2.5.5": ("target-size-enhanced", "Target Size (Enhanced)"),
    "2.5.6": ("concurrent-input-mechanisms", "Concurrent Input Mechanisms"),
    "2.5.7": ("dragging-movements", "Dragging Movements"),
    "2.5.8": ("target-size-minimum", "Target Size (Minimum)"),
    "3.1.1": ("language-of-page", "Language of Page"),
    "3.1.2": ("language-of-parts", "Language of Parts"),
    "3.1.3": ("unusual-words", "Unusual Words"),
    "3.1.4": ("abbreviations", "Abbreviations"),
    "3.1.5": ("reading-level", "Reading Level"),
    "3.1.6": ("pronunciation", "Pronunciation"),
    "3.2.1": ("on-focus", "On Focus"),
    "3.2.2": ("on-input", "On Input"),
    "3.2.3": ("consistent-navigation", "Consistent Navigation"),
    "3.2.4": ("consistent-identification", "Consistent Identification"),
    "3.2.5": ("change-on-request", "Change on Request"),
    "3.2.6": ("consistent-help", "Consistent Help"),
    "3.3.1": ("error-identification", "Error Identification"),
    "3.3.2": ("labels-or-instructions", "Labels or Instructions"),
    "3.3.3": ("error-suggestion", "Error Suggestion"),
    "3.3.4": ("error-prevention-legal-financial-data", "Error Prevention (Legal, Financial, Data)"),
    "3.3.5": ("help", "Help"),
    "3.3.6": ("error-prevention-all", "Error Prevention (All)"),
    "3.3.7": ("redundant-entry", "Redundant Entry"),
    "3.3.8": ("accessible-authentication-minimum", "Accessible Authentication (Minimum)"),
    "3.3.9": ("accessible-authentication-enhanced", "Accessible Authentication (Enhanced)"),
    "4.1.1": ("parsing", "Parsing"),
    "4.1.2": ("name-role-value", "Name, Role, Value"),
    "4.1.3": ("status-messages", "Status Messages"),
}


def criterion(number: str) -> dict[str, str]:
    """{"number", "title", "url"} for a success criterion; unknown numbers get the Understanding index."""
    slug, title = WCAG.get(str(number), ("", ""))
    return {"number": str(number), "title": title, "url": UNDERSTANDING + (f"{slug}.html" if slug else "")}


def sc_key(number: str) -> tuple[int, ...]:
    """Sort key: 1.4.3 before 1.4.10."""
    return tuple(int(x) if x.isdigit() else 0 for x in str(number).split("."))


@dataclass
class RuleInfo:
    id: str
    title: str                       # what failing looks like, as a heading
    description: str                 # what passing looks like, or axe's help
    help_url: str
    why: dict[str, str] = field(default_factory=dict)   # persona id -> why it matters to them
    source: str = "empathy-lab"      # or "axe-core"


def rule_info(rule: str, findings: list[dict[str, Any]] = (), rules: dict[str, dict] | None = None) -> RuleInfo:
    """What a report says about a rule: its entry in report.json's ``rules`` (an Empathy Lab probe's texts,
    written at run time), else axe-core's help carried in the findings. A report from before the ``rules``
    block (or a rule it lacks) gets the findings' own words."""
    entry = (rules or {}).get(rule) if rule != "axe" else None
    if isinstance(entry, dict) and entry.get("title"):
        wcag = sorted(entry.get("wcag") or [], key=sc_key)
        return RuleInfo(id=rule, title=str(entry["title"]), description=str(entry.get("pass_title") or ""),
                        help_url=criterion(wcag[0])["url"] if wcag else UNDERSTANDING,
                        why={str(k): str(v) for k, v in (entry.get("why") or {}).items()},
                        source=str(entry.get("source") or "empathy-lab"))
    help_text, help_url = "", ""
    for f in findings:
        ev = f.get("evidence") or {}
        if isinstance(ev, dict) and ev.get("help"):
            help_text, help_url = str(ev["help"]), str(ev.get("helpUrl") or "")
            break
    if not help_url.startswith(("https://", "http://")):
        wcag = sorted({c for f in findings for c in f.get("wcag") or []}, key=sc_key)
        help_url = criterion(wcag[0])["url"] if wcag else UNDERSTANDING
    if not help_text:   # an Empathy Lab rule in a report from before the rules block: its id is all there is
        return RuleInfo(id=rule, title=rule, description=f"Rule {rule}", help_url=help_url)
    return RuleInfo(id=rule, title=help_text, description=help_text, help_url=help_url, source="axe-core")
