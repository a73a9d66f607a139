"""The persona model shared by the kiosk and the auditor (imports neither pygame nor Playwright).

A persona file (``personas/<id>.yaml``) says who the persona is, how the kiosk simulates them
(``simulation``) and what the auditor checks for them (``audit``). ``personas/README.md`` explains every
field for facilitators; the schema below is the single source of the allowed values, and the probe
registry (``auditor.probes``: one file a probe, pure, no browser) the single list of the checks a persona may
ask for.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from auditor.errors import UsageError
from auditor.model.schema import Field, check_document, check_id_matches_file, nearest, validate_files
from auditor.model.yamlsrc import Problem, Source
from auditor.probes import probe_ids, registry

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
                    items=Field("choice", choices=probe_ids)),
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
    probes: tuple[str, ...] = ()
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
    probes_line: int = 0             # the line of audit.probes in its file (for audit validate's notes)

    @property
    def sees_page(self) -> bool:
        """Whether the persona sees the page (no screen curtain). A persona who sees it may find a control by
        the text written beside or above it (visual association in scenario runs), as sighted people do; one
        who does not knows a control only by its accessible name."""
        return not self.simulation.screen_curtain


def _tupled(value):
    return tuple(value) if isinstance(value, list) else value


def _build(cls, data: dict):
    names = {f.name for f in fields(cls)}
    return cls(**{k: _tupled(v) for k, v in data.items() if k in names and v is not None})


def check_persona(src: Source) -> Persona | None:
    """Validate one loaded persona file; problems go to ``src.problems``. None when it has errors."""
    before = len(src.problems)
    data = check_document(src, PERSONA_SCHEMA)
    if data is None:
        return None
    check_id_matches_file(src, data)
    if len(src.problems) > before:
        return None
    return Persona(
        id=data["id"], name=data["name"], summary=data["summary"].strip(), story=data["story"].strip(),
        conditions=tuple(data["conditions"]), assistive_technology=tuple(data["assistive_technology"] or ()),
        colour=data["colour"], simulation=_build(Simulation, data["simulation"] or {}),
        audit=_build(AuditSettings, data["audit"]), path=src.file, probes_line=src.line(("audit", "probes")),
    )


def probe_claims(personas: dict[str, Persona]) -> list[Problem]:
    """Where a probe's META and a persona file disagree about that persona; the file decides what runs.

    A probe names the personas it is written for (``META.personas``) and says why it matters to them
    (``META.why``). For every persona some probe names, each claim is checked against the persona's
    ``audit.probes``: a probe that names them but is not in their list, or one in their list that does not
    name them. These are notes, not errors: a facilitator may mean it (their file wins, and the report then
    lacks that probe's words for the persona). A persona no probe names (a new one) has nothing to check.
    """
    metas = [module.META for module in registry().values()]
    known = {pid for meta in metas for pid in (*meta.personas, *meta.why)}
    notes = []
    for persona in personas.values():
        if persona.id not in known:
            continue
        for meta in metas:
            claimed = persona.id in meta.personas or persona.id in meta.why
            runs = meta.id in persona.audit.probes
            if claimed and not runs:
                said = "says why it matters to them" if persona.id in meta.why else "names them among its personas"
                notes.append(Problem(persona.path, persona.probes_line or None, "audit.probes",
                                     f"note: does not list '{meta.id}', which {said} (auditor/probes/{meta.id}.py); "
                                     f"its findings will not be shown as hurting {persona.name}"))
            elif runs and persona.id not in meta.personas:
                notes.append(Problem(persona.path, persona.probes_line or None, "audit.probes",
                                     f"note: lists '{meta.id}', which does not name {persona.id} among its personas "
                                     f"(auditor/probes/{meta.id}.py, META.personas)"))
    return notes


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
            guess = nearest(part, list(personas))
            hint = f"; did you mean '{guess}'?" if guess else ""
            raise UsageError(f"--persona: no persona '{part}' (expected all or one of: {', '.join(personas)}{hint})")
        if personas[part] not in chosen:
            chosen.append(personas[part])
    if not chosen:
        raise UsageError("--persona: empty (expected all or persona ids separated by commas)")
    return chosen
