"""The transcripts' audio for the HTML report, prepared while the run writes its reports (not by a reporter).

:func:`prepare_audio` says each screen-reader persona's transcripts (the same views the HTML report shows:
auditor.reporters.html.transcript_views, the hardest page first, then page order) with espeak-ng in the
persona's own voice and speed (auditor.model.speech), writes them to ``audio/`` beside the report, and lists
them in report.json's ``audio`` (docs/report-schema.md). The HTML reporter only reads those files and embeds
them as ``data:`` URIs, so rendering runs no synthesiser, and a report renders the same wherever it is rendered.

All the audio of a report together is kept within :data:`AUDIO_BUDGET` characters of ``data:`` URI (~19 minutes
of speech), estimated before synthesis so that a long run does not synthesise what would be left out. Where there
is no audio the manifest says why, in words for a report reader (espeak-ng missing, over the budget, a voice
espeak-ng does not have). ``audit``, ``audit replay`` and ``audit merge`` call it (through
auditor.gating.write_reports) whenever they write an HTML report: replay and merge make the audio again from the
transcripts they hold.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from auditor.model import speech
from auditor.reporters.html import persona_extras, slug, transcript_views

AUDIO_DIR = "audio"
AUDIO_BUDGET = 3_000_000        # all transcript audio together, as data: URI characters (~19 minutes of speech)
URI_CHARS_PER_TEXT_CHAR = 220   # an estimate, to leave out audio that would not fit before making it
EXTENSIONS = {"audio/mpeg": "mp3", "audio/ogg": "ogg", "audio/wav": "wav"}
LEFT_OUT = "No audio version of this transcript: it was left out to keep this report small."


def uri_chars(size: int, mime: str) -> int:
    """How long a data: URI of ``size`` bytes of ``mime`` is."""
    return len(f"data:{mime};base64,") + 4 * ((size + 2) // 3)


def prepare_audio(report: dict[str, Any], out: Path, espeak: str = speech.ESPEAK) -> None:
    """Write the transcripts' audio to ``out/audio/`` and list it in ``report["audio"]``."""
    folder = Path(out) / AUDIO_DIR
    if folder.is_dir():                  # a previous run's audio in the same folder
        for old in folder.iterdir():
            if old.suffix.lstrip(".") in EXTENSIONS.values():
                old.unlink(missing_ok=True)
    extras = persona_extras(list(report.get("personas") or []))
    budget = [AUDIO_BUDGET]
    personas: dict[str, dict] = {}
    for persona in report.get("personas") or []:
        extra = extras.get(persona["id"], {})
        views = transcript_views(report, persona["id"], extra)
        if views:
            personas[persona["id"]] = _persona_audio(persona["id"], views, extra, folder, budget, espeak)
    report["audio"] = {"dir": AUDIO_DIR, "personas": personas}


def _persona_audio(pid: str, views: list[dict], extra: dict, folder: Path, budget: list[int], espeak: str) -> dict:
    voice = extra.get("voice") or speech.DEFAULT_VOICE
    rate = int(extra.get("speech_rate") or speech.DEFAULT_RATE)
    entry: dict[str, Any] = {"voice": voice, "speech_rate": rate, "note": "", "transcripts": {}}
    made = entry["transcripts"]
    if speech.espeak_path(espeak) is None:
        entry["note"] = (f"There is no audio version: the speech synthesiser espeak-ng ({espeak}) is not "
                         f"installed on the machine that made this report.")
        return entry
    number = {id(view): i for i, view in enumerate(views, start=1)}
    wanted, estimate = [], 0
    for view in sorted(views, key=lambda view: not view["open"]):
        guess = len(speech.phrases_text(view["lines"])) * URI_CHARS_PER_TEXT_CHAR * 175 // rate
        if estimate + guess > budget[0] * 1.25:
            made[view["url"]] = {"note": LEFT_OUT}
            continue
        estimate += guess
        wanted.append(view)

    def say(view: dict):
        try:
            return speech.transcript_audio(view["lines"], voice, rate, espeak)
        except speech.SpeechUnavailable as exc:
            return exc

    with ThreadPoolExecutor(max_workers=2) as pool:      # espeak-ng and LAME run outside Python's lock
        said = list(pool.map(say, wanted))
    for view, audio in zip(wanted, said):
        if isinstance(audio, speech.SpeechUnavailable):
            made[view["url"]] = {"note": f"No audio version of this transcript: {audio}."}
            continue
        size = uri_chars(len(audio.data), audio.mime)
        if size > budget[0]:
            made[view["url"]] = {"note": LEFT_OUT}
            continue
        budget[0] -= size
        name = f"{AUDIO_DIR}/{slug(pid)}-{number[id(view)]}.{EXTENSIONS[audio.mime]}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / Path(name).name).write_bytes(audio.data)
        made[view["url"]] = {"file": name, "mime": audio.mime, "seconds": audio.seconds, "bytes": len(audio.data)}
    if not any("file" in got for got in made.values()):
        reasons = list(dict.fromkeys(got["note"] for got in made.values() if got.get("note")))
        entry["note"] = reasons[0] if len(reasons) == 1 else ""
    return entry
