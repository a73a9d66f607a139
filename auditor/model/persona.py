"""The persona model shared by the kiosk and the auditor (imports neither pygame nor Playwright).

A persona file (``personas/<id>.yaml``) says who the persona is, how the kiosk simulates them
(``simulation``) and what the auditor checks for them (``audit``). ``personas/README.md`` explains every
field for facilitators; the schema below is the single source of the allowed values.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from auditor.errors import UsageError
from auditor.model.schema import Field, check, check_id_matches_file, validate_files
from auditor.model.yamlsrc import Problem, Source

PROBES: dict[str, str] = {
    "axe": "every axe-core rule (WCAG 2.0/2.1/2.2 A and AA, best practice)",
    "keyboard_trap": "focus gets stuck and Tab cannot leave",
    "focus_visibility": "you cannot see where the keyboard focus is",
    "focus_order": "Tab jumps around the page out of reading order",
    "unreachable_control": "something you can click cannot be reached with Tab",
    "positive_tabindex": "tabindex values above 0 scramble the Tab order",
    "skip_link": "no working link to skip past repeated navigation",
    "target_size": "buttons and links too small to hit",
    "reflow": "the page scrolls sideways when narrow or zoomed to 400%",
    "text_resize": "text is cut off or overlaps at 200% text size",
    "text_spacing": "text is cut off when spacing between letters, words and lines grows",
    "readability": "justified text, capitals, italics, long lines, tiny text",
    "control_name": "a control a screen reader announces with no name",
    "image_text_alternative": "image descriptions that are file names, filler or wrong",
    "link_purpose": "links like 'click here', or new windows and files without warning",
    "heading_outline": "missing, doubled, skipped or fake headings",
    "language": "the page's language is missing, wrong or unmarked",
    "media_alternative": "video and audio without captions or transcripts, or that play by themselves",
    "motion": "blinking, scrolling or animated content that cannot be stopped",
    "timing": "time limits and pages that refresh or move on by themselves",
    "page_title": "different pages of a service with the same title",
    "abbreviation": "abbreviations that nothing on the page spells out",
    "generated_content": "words that only CSS puts on the page",
    "markup": "repeated ids, stray end tags and repeated attributes in the HTML",
    "form_group": "radio buttons and checkboxes not grouped under their question; fieldsets with no legend",
    "field_format": "fields that demand a format they never describe",
    "hidden_content": "link words meant for screen readers but hidden from them too",
    "link_appearance": "links that look exactly like the text around them",
    "colour_meaning": "information given by colour alone",
    "link_destination": "links that go nowhere: to '#', a missing target, or 'javascript:'",
    "keyboard_activation": "controls that Enter or Space do not work, and Tab stops that do nothing",
    "error_identification": "error messages that do not say which field is wrong",
    "error_message": "error messages shown in red beside a field but not tied to it, or errors shown by colour alone",
    "input_purpose": "fields for your name, email, phone or address that the browser cannot fill in (no autocomplete)",
    "data_table": "tables of data with no header cells, nested tables, two-way headers without scope, no caption",
    "frame_title": "frames whose title does not say what they show",
    "sensory_reference": "instructions that point at things by position or shape (\"the button on the right\")",
}

COLOUR_VISION = ("none", "protanopia", "deuteranopia", "tritanopia", "achromatopsia")
VISION_DEFICIENCIES = ("blurredVision", "reducedContrast", "achromatopsia", "deuteranopia", "protanopia", "tritanopia")
TASK_MODES = ("baseline", "keyboard", "screen_reader", "zoom", "pointer")

ID_PATTERN = r"[a-z][a-z0-9_-]{0,31}"
HEX_COLOUR = r"#[0-9a-fA-F]{6}"

SIMULATION_SCHEMA: dict[str, Field] = {
    "keyboard_only": Field("bool", "The mouse is blocked: the visitor must use Tab, Enter and Space.", default=False),
    "text_zoom": Field("int", "Text size in percent (100 = normal). Only the text grows.", default=100, min=100, max=500),
    "page_zoom": Field("int", "Whole-page zoom in percent (100 = normal), as with Ctrl and +.", default=100, min=100, max=500),
    "blur": Field("number", "How blurred the page looks, in pixels (0 = sharp, 2 = misty, 6 = very blurred).",
                  default=0, min=0, max=20),
    "contrast": Field("number", "How much contrast is left (1 = normal, 0.5 = washed out, 0.1 = almost none).",
                      default=1.0, min=0.1, max=1.0),
    "field_of_view": Field("int", "How much of the screen is still seen, in percent (100 = all; 30 = tunnel vision).",
                           default=100, min=10, max=100),
    "colour_vision": Field("choice", "Colour vision.", default="none", choices=COLOUR_VISION),
    "screen_reader": Field("bool", "A screen reader speaks what has focus and what the reading cursor is on.",
                           default=False),
    "speech_rate": Field("int", "Screen reader speed in words per minute (175 is a calm pace; experts use 300+).",
                         default=175, min=80, max=450),
    "voice": Field("text", "The espeak-ng voice, such as en-gb or en-us.", default="en-gb",
                   pattern=r"[A-Za-z][A-Za-z0-9_+-]{0,39}", pattern_doc="an espeak-ng voice name such as en-gb"),
    "screen_curtain": Field("bool", "The screen goes black: the visitor only hears the page.", default=False),
    "pointer_tremor": Field("int", "How much the mouse pointer shakes, in pixels (0 = steady).", default=0, min=0, max=50),
    "sound": Field("bool", "Whether the visitor hears the page's audio (false for a deaf persona: captions only).",
                   default=True),
}

AUDIT_SCHEMA: dict[str, Field] = {
    "probes": Field("list", "The checks the auditor runs for this persona.", required=True, min_items=1,
                    items=Field("choice", choices=tuple(PROBES))),
    "viewport_widths": Field("list", "Narrow screen widths to check, in CSS pixels (320 = 400% zoom on a laptop).",
                             default=lambda: [320], items=Field("int", min=200, max=2000)),
    "zoom_levels": Field("list", "Text zoom levels to check, in percent.", default=lambda: [200],
                         items=Field("int", min=100, max=800)),
    "min_target_size": Field("int", "The smallest button or link this persona can hit, in CSS pixels.",
                             default=24, min=10, max=100),
    "vision": Field("list", "Chromium vision simulations for the report's 'what they see' screenshots.",
                    default=list, items=Field("choice", choices=VISION_DEFICIENCIES)),
    "task_mode": Field("choice", "How the persona works through a scenario's steps.", default="baseline",
                       choices=TASK_MODES),
    "step_pause": Field("number", "Seconds this persona takes between steps of a task (slow readers, breaks).",
                        default=0, min=0, max=900),
}

PERSONA_SCHEMA: dict[str, Field] = {
    "id": Field("text", "Short lowercase name used on the command line (--persona claudia). Matches the file name.",
                required=True, pattern=ID_PATTERN,
                pattern_doc="lowercase letters, digits, - or _, starting with a letter, at most 32 characters"),
    "name": Field("text", "The persona's first name as visitors see it.", required=True, max_length=40),
    "summary": Field("text", "One line about them, shown on the kiosk's persona card.", required=True, max_length=140),
    "story": Field("text", "A short paragraph in their voice or about their day, shown on the briefing screen.",
                   required=True, max_length=1500),
    "conditions": Field("list", "Their conditions, in plain words.", required=True, min_items=1,
                        items=Field("text", max_length=80)),
    "assistive_technology": Field("list", "What they use: screen reader, keyboard, magnifier, captions...",
                                  default=list, items=Field("text", max_length=80)),
    "colour": Field("text", "The accent colour of their card on the kiosk, as #rrggbb.", default="#1d70b8",
                    pattern=HEX_COLOUR, pattern_doc="a colour written #rrggbb"),
    "simulation": Field("map", "What the kiosk does to the page for this persona.", fields=SIMULATION_SCHEMA,
                        default=dict),
    "audit": Field("map", "What the auditor checks for this persona.", required=True, fields=AUDIT_SCHEMA),
}


@dataclass(frozen=True)
class Simulation:
    keyboard_only: bool = False
    text_zoom: int = 100
    page_zoom: int = 100
    blur: float = 0
    contrast: float = 1.0
    field_of_view: int = 100
    colour_vision: str = "none"
    screen_reader: bool = False
    speech_rate: int = 175
    voice: str = "en-gb"
    screen_curtain: bool = False
    pointer_tremor: int = 0
    sound: bool = True


@dataclass(frozen=True)
class AuditSettings:
    probes: tuple[str, ...] = tuple(PROBES)
    viewport_widths: tuple[int, ...] = (320,)
    zoom_levels: tuple[int, ...] = (200,)
    min_target_size: int = 24
    vision: tuple[str, ...] = ()
    task_mode: str = "baseline"
    step_pause: float = 0


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    summary: str
    story: str
    conditions: tuple[str, ...]
    assistive_technology: tuple[str, ...] = ()
    colour: str = "#1d70b8"
    simulation: Simulation = Simulation()
    audit: AuditSettings = AuditSettings()
    path: str = ""


def _tupled(value):
    return tuple(value) if isinstance(value, list) else value


def _build(cls, data: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: _tupled(v) for k, v in data.items() if k in names and v is not None})


def check_persona(src: Source) -> Persona | None:
    """Validate one loaded persona file; problems go to ``src.problems``. None when it has errors."""
    if src.data is None:
        return None
    before = len(src.problems)
    data = check(src, PERSONA_SCHEMA)
    if data is None:
        return None
    check_id_matches_file(src, data)
    if len(src.problems) > before:
        return None
    return Persona(
        id=data["id"], name=data["name"], summary=data["summary"].strip(), story=data["story"].strip(),
        conditions=tuple(data["conditions"]), assistive_technology=tuple(data["assistive_technology"] or ()),
        colour=data["colour"], simulation=_build(Simulation, data["simulation"] or {}),
        audit=_build(AuditSettings, data["audit"]), path=src.file,
    )


def yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


def validate_personas(paths: list[Path]) -> tuple[dict[str, Persona], list[Problem]]:
    """Load and validate persona files; return the good ones and every problem found."""
    return validate_files(paths, "a persona (id, name, summary, story, conditions, simulation, audit)", check_persona)


def load_personas(directory: Path | str | None = None) -> dict[str, Persona]:
    """Every persona in the directory (default: the project's personas/), in file order.

    Raises UsageError listing every problem when any file is bad.
    """
    from auditor.paths import personas_dir

    directory = Path(directory) if directory else personas_dir()
    if not directory.is_dir():
        raise UsageError(f"{directory}: no such directory (expected a folder of persona files)")
    files = yaml_files(directory)
    if not files:
        raise UsageError(f"{directory}: no persona files (expected files ending in .yaml)")
    personas, problems = validate_personas(files)
    if problems:
        raise UsageError("\n".join(str(p) for p in problems))
    return personas


def select(personas: dict[str, Persona], spec: str | None) -> list[Persona]:
    """``--persona`` values: 'all' (default), one id, or ids separated by commas."""
    if not spec or spec == "all":
        return list(personas.values())
    chosen = []
    for part in [p.strip().lower() for p in spec.split(",") if p.strip()]:
        if part not in personas:
            from auditor.model.schema import nearest

            guess = nearest(part, list(personas))
            hint = f"; did you mean '{guess}'?" if guess else ""
            raise UsageError(f"--persona: no persona '{part}' (expected all or one of: {', '.join(personas)}{hint})")
        if personas[part] not in chosen:
            chosen.append(personas[part])
    if not chosen:
        raise UsageError("--persona: empty (expected all or persona ids separated by commas)")
    return chosen
