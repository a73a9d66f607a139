"""The kiosk's voice: espeak-ng speech made in memory and played through pygame's mixer.

``Voice.speak(text, interrupt=True)`` cuts off what is being said at once (the mixer channel is stopped in
the caller's thread), makes the first part of the new phrase (~3 ms) and starts it; a worker thread makes
and plays the rest of a long text, and phrases queued with ``interrupt=False`` (read-all), each as soon as
the one before has finished. Every phrase goes to the caption (the text being said now, for
the caption bar) and to the speech log (``speech.log``: ``0.532<TAB>Postcode, edit text, required``).

Routes to audio, measured on the 2-core lab machine for a short phrase ("Postcode, edit text, required"):

- libespeak-ng through ctypes, synchronous mode, PCM collected in memory: ~3 ms (first samples < 1 ms).
  This is the route taken (:class:`LibEspeak`).
- ``espeak-ng --stdout -v VOICE -s RATE TEXT`` (a WAV on stdout): ~20 ms. The fallback when the library
  cannot be loaded (:class:`EspeakProcess`).
- pyttsx3's ``save_to_file`` (then reading the file back): ~20-120 ms through its espeak driver, plus a temp
  file; ``say()`` needs aplay and cannot be interrupted. Used where espeak-ng is missing (Windows' SAPI5,
  macOS) or when the kiosk setting ``speech: pyttsx3`` asks for it (:class:`Pyttsx3File`).

Without a sound device (pygame's mixer will not open), :class:`SilentPlayer` stands in: nothing is heard,
but the caption lasts as long as the speech would, so read-all and the caption bar behave the same.
Without espeak-ng at all, :class:`SilentSynth` does the same from an estimate of the phrase's length.

Timings for rehearsals (``timings``): ``key_to_speech_ms`` (key event to the start of playback, or with no
sound device to the moment the audio was ready to play) for each ``speak(..., at=KEY_TIME)``, and
``key_to_silence_ms`` (key event to the previous phrase stopped) when a key cut something off. Times are
``time.perf_counter()`` seconds.
"""

from __future__ import annotations

import array
import contextlib
import ctypes
import ctypes.util
import io
import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from auditor.model.speech import Pcm, SpeechUnavailable, decode_audio, parse_wav, wav_bytes  # noqa: F401
# (the one WAV/AIFF reader is the model's; the kiosk plays 16-bit WAV in pygame)
from kiosk.config import SPEECH_ENGINES as ENGINES  # noqa: F401  (the kiosk setting ``speech``)

_logger = logging.getLogger(__name__)

DEFAULT_VOICE = "en-gb"
DEFAULT_RATE = 175          # words per minute, espeak-ng's own default
PART_CHARS = 120            # long texts are spoken in parts so that the first part starts at once


class Synth(Protocol):
    def synthesize(self, text: str, voice: str, rate: int) -> Pcm: ...

    def has_voice(self, voice: str) -> bool: ...


class Player(Protocol):
    audible: bool

    def play(self, pcm: Pcm) -> None: ...

    def stop(self) -> None: ...

    def busy(self) -> bool: ...


# Synthesis failed (espeak-ng missing, unknown voice) or its audio could not be read: one error for both halves.
SpeechError = SpeechUnavailable


# -- synthesis ------------------------------------------------------------------------------------

_LIB_LOCK = threading.Lock()     # libespeak-ng is one global engine per process
_CallbackType = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE = 1


class _VoiceSpec(ctypes.Structure):
    """espeak_VOICE, for choosing a voice by language ("en-gb") as the espeak-ng program does."""

    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_char_p), ("identifier", ctypes.c_char_p),
                ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


class LibEspeak:
    """libespeak-ng through ctypes: synchronous synthesis, samples gathered by a callback."""

    _shared: "LibEspeak | None" = None

    def __init__(self, library: str | None = None):
        name = library or ctypes.util.find_library("espeak-ng") or "libespeak-ng.so.1"
        try:
            self._lib = ctypes.CDLL(name)
        except OSError as exc:
            raise SpeechError(f"libespeak-ng: cannot load {name}: {exc}") from None
        lib = self._lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.POINTER(ctypes.c_uint), ctypes.c_void_p]
        self.sample_rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, _INITIALIZE_DONT_EXIT)
        if self.sample_rate <= 0:
            raise SpeechError("libespeak-ng: initialisation failed (is espeak-ng-data installed?)")
        self._chunks: list[bytes] = []
        self._callback = _CallbackType(self._collect)   # kept alive as long as the engine
        lib.espeak_SetSynthCallback(self._callback)
        self._voice: str | None = None
        self._rate: int | None = None

    @classmethod
    def shared(cls) -> "LibEspeak":
        """The process's one engine (libespeak-ng keeps global state)."""
        with _LIB_LOCK:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    def _collect(self, wav, count: int, _events) -> int:
        if wav and count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def _set_voice(self, voice: str) -> bool:
        if voice == self._voice:
            return True
        if self._lib.espeak_SetVoiceByName(voice.encode()) != 0:
            spec = _VoiceSpec(languages=voice.encode())
            if self._lib.espeak_SetVoiceByProperties(ctypes.byref(spec)) != 0:
                return False
        self._voice, self._rate = voice, None   # a new voice resets the rate
        return True

    def has_voice(self, voice: str) -> bool:
        with _LIB_LOCK:
            return self._set_voice(voice)

    def synthesize(self, text: str, voice: str, rate: int) -> Pcm:
        with _LIB_LOCK:
            if not self._set_voice(voice):
                raise SpeechError(f"espeak-ng has no voice {voice!r}")
            if rate != self._rate:
                self._lib.espeak_SetParameter(_PARAM_RATE, int(rate), 0)
                self._rate = rate
            raw = text.encode("utf-8") + b"\0"
            self._chunks = []
            status = self._lib.espeak_Synth(raw, len(raw), 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            if status != 0:
                raise SpeechError(f"espeak-ng could not synthesise {text[:40]!r} (error {status})")
            return trim_silence(Pcm(b"".join(self._chunks), self.sample_rate))


class EspeakProcess:
    """The espeak-ng program: a WAV on its stdout (~20 ms a phrase)."""

    def __init__(self, executable: str = "espeak-ng"):
        self.executable = executable

    def command(self, text: str, voice: str, rate: int) -> list[str]:
        return [self.executable, "--stdout", "-v", voice, "-s", str(int(rate)), "--", text]

    def has_voice(self, voice: str) -> bool:
        try:
            done = subprocess.run(self.command("", voice, DEFAULT_RATE), capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return done.returncode == 0

    def synthesize(self, text: str, voice: str, rate: int) -> Pcm:
        try:
            done = subprocess.run(self.command(text, voice, rate), capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SpeechError(f"{self.executable}: {exc}") from None
        if done.returncode != 0:
            why = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
            raise SpeechError(f"{self.executable} -v {voice}: {why}")
        return trim_silence(parse_wav(done.stdout))


class SilentSynth:
    """No espeak-ng: silence as long as the phrase would take to say (for captions and pacing)."""

    sample_rate = 8000

    def has_voice(self, voice: str) -> bool:
        return True

    def synthesize(self, text: str, voice: str, rate: int) -> Pcm:
        words = max(1, len(text.split()))
        seconds = words * 60.0 / max(rate, 1) + 0.2
        return Pcm(bytes(int(seconds * self.sample_rate) * 2), self.sample_rate)


SILENCE_LEVEL = 200       # sample magnitude below which espeak-ng's output counts as silence
EDGE_SAMPLES = 64         # kept either side of the sound, so that it does not click


def trim_silence(pcm: Pcm) -> Pcm:
    """Drop the silence espeak-ng puts before a phrase (~65 ms, heard as lag) and after it (~0.5 ms from
    the program); all-silent audio is kept as it is."""
    samples = array.array("h")
    samples.frombytes(pcm.data[: len(pcm.data) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    count = len(samples)
    first = next((i for i in range(count) if abs(samples[i]) > SILENCE_LEVEL), None)
    if first is None:
        return pcm
    last = next(i for i in range(count - 1, -1, -1) if abs(samples[i]) > SILENCE_LEVEL)
    start, end = max(0, first - EDGE_SAMPLES), min(count, last + 1 + EDGE_SAMPLES)
    return Pcm(pcm.data[start * 2:end * 2], pcm.rate)


class Pyttsx3File:
    """The platform's own voice through pyttsx3, for lab PCs without espeak-ng: ``save_to_file`` (SAPI5 on
    Windows, NSSpeechSynthesizer on macOS, espeak elsewhere) into a temporary file, read back as samples and
    played through the mixer like espeak-ng's, so a key still cuts speech off at once (pyttsx3's own ``say``
    cannot be interrupted). ~20-120 ms a short phrase through its espeak driver on the 2-core machine."""

    def __init__(self, driver: str | None = None):
        import tempfile

        try:
            import pyttsx3

            with contextlib.redirect_stdout(io.StringIO()):
                self.engine = pyttsx3.init(driverName=driver)
        except Exception as exc:  # no speech engine on this machine (or the driver would not load)
            raise SpeechError(f"pyttsx3{' ' + driver if driver else ''}: {exc}") from None
        self.driver = driver or ""
        self._dir = Path(tempfile.mkdtemp(prefix="empathy-lab-speech-"))
        self._lock = threading.Lock()
        self._voices: dict[str, str | None] = {}

    def _voice_id(self, voice: str) -> str | None:
        """The engine's voice for an espeak-style name (``en-gb``): by language, then by id; None keeps the
        engine's default voice."""
        if voice not in self._voices:
            want = voice.lower().replace("_", "-")
            found = None
            for v in self.engine.getProperty("voices") or []:
                langs = [(lang.decode() if isinstance(lang, bytes) else str(lang)).lower().replace("_", "-")
                         for lang in (getattr(v, "languages", None) or [])]
                if want in langs or str(v.id).lower().endswith(want):
                    found = v.id
                    break
            self._voices[voice] = found
        return self._voices[voice]

    def has_voice(self, voice: str) -> bool:
        return True   # an unknown voice falls back to the engine's own default: still a voice

    def synthesize(self, text: str, voice: str, rate: int) -> Pcm:
        with self._lock:
            path = self._dir / ("phrase.aiff" if sys.platform == "darwin" else "phrase.wav")
            path.unlink(missing_ok=True)
            try:
                voice_id = self._voice_id(voice)
                if voice_id is not None:
                    self.engine.setProperty("voice", voice_id)
                self.engine.setProperty("rate", int(rate))
                with contextlib.redirect_stdout(io.StringIO()):   # its espeak driver prints "Audio saved to"
                    self.engine.save_to_file(text, str(path))
                    self.engine.runAndWait()
                data = path.read_bytes()
            except Exception as exc:
                raise SpeechError(f"pyttsx3 could not synthesise {text[:40]!r}: {exc}") from None
        return trim_silence(decode_audio(data))


def default_synth(engine: str = "auto") -> Synth:
    """The voice the kiosk setting ``speech`` asks for. ``auto``: espeak-ng where it is (libespeak-ng, then the
    program: the fastest), else pyttsx3's platform voice (Windows, macOS), else silence. ``espeak-ng`` or
    ``pyttsx3``: that one, or silence with a warning."""
    if engine in ("auto", "espeak-ng"):
        try:
            return LibEspeak.shared()
        except SpeechError as exc:
            _logger.info("speech: %s; trying the espeak-ng program", exc)
        probe = EspeakProcess()
        if probe.has_voice(DEFAULT_VOICE):
            return probe
    if engine in ("auto", "pyttsx3"):
        try:
            return Pyttsx3File()
        except SpeechError as exc:
            _logger.info("speech: %s", exc)
    _logger.warning("speech: no %s voice here; captions and speech.log only",
                    "espeak-ng or pyttsx3" if engine == "auto" else engine)
    return SilentSynth()


# -- playback -------------------------------------------------------------------------------------

class MixerPlayer:
    """One reserved pygame.mixer channel."""

    audible = True

    def __init__(self, pygame: Any):
        self._pg = pygame
        self._format = pygame.mixer.get_init()        # (frequency, size, channels)
        if pygame.mixer.get_num_channels() < 1:
            pygame.mixer.set_num_channels(8)
        pygame.mixer.set_reserved(1)                    # nobody else's Sound.play() takes channel 0
        self._channel = pygame.mixer.Channel(0)

    @classmethod
    def open(cls) -> "MixerPlayer | None":
        """The mixer, opened (mono 22 kHz, small buffer) unless the kiosk has opened it already;
        None when there is no sound device."""
        try:
            import pygame
        except ImportError:
            return None
        try:
            if not pygame.mixer.get_init():
                with _quiet_stderr():   # ALSA prints a screenful when there is no card
                    pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=256)
            return cls(pygame)
        except pygame.error as exc:
            _logger.info("speech: no sound device (%s); captions and speech.log only", exc)
            return None

    def play(self, pcm: Pcm) -> None:
        if self._format == (pcm.rate, -16, 1):
            sound = self._pg.mixer.Sound(buffer=pcm.data)
        else:
            sound = self._pg.mixer.Sound(file=io.BytesIO(wav_bytes(pcm)))
        self._channel.play(sound)

    def stop(self) -> None:
        self._channel.stop()

    def busy(self) -> bool:
        return bool(self._channel.get_busy())


class SilentPlayer:
    """No sound device: a phrase 'plays' for as long as its audio lasts, and nothing is heard."""

    audible = False

    def __init__(self, clock: Callable[[], float] = time.perf_counter):
        self._clock = clock
        self._until = 0.0

    def play(self, pcm: Pcm) -> None:
        self._until = self._clock() + pcm.seconds

    def stop(self) -> None:
        self._until = 0.0

    def busy(self) -> bool:
        return self._clock() < self._until


@contextlib.contextmanager
def _quiet_stderr():
    """Silence C libraries writing to file descriptor 2 for a moment."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


# -- the log --------------------------------------------------------------------------------------

class SpeechLog:
    """Every phrase spoken, one a line: seconds since the log started, a tab, the phrase."""

    def __init__(self, path: str | os.PathLike | None = None, clock: Callable[[], float] = time.perf_counter):
        self._clock = clock
        self._start = clock()
        self.lines: list[str] = []
        self.path = Path(path) if path else None
        self._file = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self.path, "w", encoding="utf-8")

    def write(self, text: str) -> str:
        line = f"{self._clock() - self._start:.3f}\t{text}"
        self.lines.append(line)
        if self._file is not None:
            self._file.write(line + "\n")
            self._file.flush()
        return line

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


# -- the voice ------------------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """One line of text: runs of whitespace (tabs and newlines too) become one space."""
    return " ".join(str(text).split())


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def split_for_speech(text: str, limit: int = PART_CHARS) -> list[str]:
    """Long text in parts of at most about ``limit`` characters, broken at sentence ends, then commas, then
    spaces, so that the first part can be heard while the rest is made."""
    parts: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:
            cut = sentence.rfind(", ", 0, limit)
            cut = cut + 1 if cut > 0 else sentence.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
            parts.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            parts.append(sentence)
    return parts


@dataclass
class _Utterance:
    text: str
    at: float | None        # the key event that caused it (perf_counter seconds), or None
    generation: int


class Voice:
    """Speech for the kiosk: ``speak``, ``stop``, ``caption``.

    Build one with :func:`open_voice` or :func:`make_speaker`; the constructor takes its synthesiser and
    player explicitly so that tests can give fakes. ``use_persona`` sets the persona's voice and rate.
    """

    def __init__(self, synth: Synth, player: Player, voice: str = DEFAULT_VOICE, rate: int = DEFAULT_RATE,
                 log: SpeechLog | None = None, cache_size: int = 256,
                 clock: Callable[[], float] = time.perf_counter):
        self.synth = synth
        self.player = player
        self.voice = self._checked_voice(voice)
        self.rate = int(rate)
        self._default = (self.voice, self.rate)
        self.log = log or SpeechLog(clock=clock)
        self.timings: dict[str, list[float]] = {"key_to_speech_ms": [], "key_to_silence_ms": []}
        self._clock = clock
        self._cache: OrderedDict[tuple[str, str, int], Pcm] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self._cond = threading.Condition()
        self._jobs: deque[tuple[_Utterance, str, bool]] = deque()   # (utterance, part, is first part)
        self._generation = 0
        self._current: _Utterance | None = None
        self._working = False
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="kiosk-voice", daemon=True)
        self._worker.start()

    # -- the speech protocol -----------------------------------------------------------------------
    def speak(self, text: str, interrupt: bool = True, *, at: float | None = None) -> None:
        """Say ``text``. With ``interrupt`` what is being said stops at once and anything queued is dropped;
        without it the text waits its turn (read-all). ``at`` is the key event's time
        (``time.perf_counter()``), to time key to speech."""
        text = clean_text(text)
        with self._cond:
            if interrupt:
                self._cut_off(at)
            if not text:
                return
            self.log.write(text)
            utterance = _Utterance(text, at, self._generation)
            if self._current is None:
                self._current = utterance
            parts = split_for_speech(text)
            if interrupt:
                # Nothing else may play now: make the first part here and start it, without waiting for
                # the worker thread to be scheduled (which a busy 2-core machine delays).
                self._start(utterance, self._make(parts[0]), first=True)
                parts = parts[1:]
                jobs = [(utterance, part, False) for part in parts]
            else:
                jobs = [(utterance, part, i == 0) for i, part in enumerate(parts)]
            self._jobs.extend(jobs)
            self._cond.notify_all()

    def stop(self, *, at: float | None = None) -> None:
        """Silence now, and forget anything queued."""
        with self._cond:
            self._cut_off(at)

    @property
    def caption(self) -> str:
        """The text being said now, or last said (for the caption bar); "" after ``stop()``."""
        with self._cond:
            return self._current.text if self._current else ""

    @property
    def speaking(self) -> bool:
        """True while something is being said or waits to be said."""
        with self._cond:
            return bool(self._jobs or self._working or self.player.busy())

    def use_persona(self, persona: Any) -> None:
        """Speak at the persona's ``simulation.voice`` and ``simulation.speech_rate`` (words a minute)."""
        sim = persona.simulation
        with self._cond:
            self.voice = self._checked_voice(sim.voice)
            self.rate = int(sim.speech_rate)

    def use_default(self) -> None:
        """Back to the kiosk's own voice and rate (a visit ended)."""
        with self._cond:
            self.voice, self.rate = self._default

    def _checked_voice(self, voice: str) -> str:
        if self.synth.has_voice(voice):
            return voice
        _logger.warning("speech: espeak-ng has no voice %r; using %r", voice, DEFAULT_VOICE)
        return DEFAULT_VOICE

    @property
    def audible(self) -> bool:
        """False when there is no sound device (captions and log only)."""
        return self.player.audible

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until everything queued has been said (or ``timeout`` seconds); True when silent."""
        deadline = time.monotonic() + timeout
        while self.speaking:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cut_off(None)
        self._worker.join(timeout=2)
        self.log.close()

    # -- inside ------------------------------------------------------------------------------------
    def _cut_off(self, at: float | None) -> None:
        """Stop playback and drop the queue; the caller holds the lock."""
        was_busy = self.player.busy()
        self.player.stop()
        if was_busy and at is not None:
            self.timings["key_to_silence_ms"].append((self._clock() - at) * 1000)
        self._jobs.clear()
        self._current = None
        self._generation += 1
        self._cond.notify_all()

    def _make(self, part: str) -> Pcm:
        """The audio for a part, from the cache or made now (silence of the right length if that fails)."""
        key = (part, self.voice, self.rate)
        with self._cache_lock:
            pcm = self._cache.get(key)
            if pcm is not None:
                self._cache.move_to_end(key)
                return pcm
        try:
            pcm = self.synth.synthesize(part, self.voice, self.rate)
        except SpeechError as exc:
            _logger.warning("speech: %s", exc)
            return SilentSynth().synthesize(part, self.voice, self.rate)
        with self._cache_lock:
            self._cache[key] = pcm
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return pcm

    def _start(self, utterance: _Utterance, pcm: Pcm, first: bool) -> None:
        """Play a part now; the caller holds the lock and has checked that nothing else is playing."""
        self._current = utterance
        try:
            self.player.play(pcm)
        except Exception as exc:   # the mixer closed under us (kiosk shutting down)
            _logger.warning("speech: playback failed: %s", exc)
            return
        if first and utterance.at is not None:
            self.timings["key_to_speech_ms"].append((self._clock() - utterance.at) * 1000)

    def _run(self) -> None:
        """The worker: later parts and queued phrases, each once the one before has finished."""
        while True:
            with self._cond:
                while not self._jobs and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                utterance, part, first = self._jobs.popleft()
                self._working = True
            pcm = self._make(part)
            with self._cond:
                # wait for the previous part to finish, unless a new phrase cuts in
                while (self.player.busy() and utterance.generation == self._generation
                       and not self._closed):
                    self._cond.wait(0.005)
                if utterance.generation == self._generation and not self._closed:
                    self._start(utterance, pcm, first)
                self._working = False


def open_voice(voice: str = DEFAULT_VOICE, rate: int = DEFAULT_RATE, log_path: str | os.PathLike | None = None,
               audio: bool = True, engine: str = "auto") -> Voice:
    """A voice on this machine: libespeak-ng (or the espeak-ng program, or pyttsx3's platform voice: see
    :func:`default_synth`) into pygame's mixer; with no sound device (or ``audio=False``), captions and the
    speech log only."""
    player: Player | None = MixerPlayer.open() if audio else None
    return Voice(default_synth(engine), player or SilentPlayer(), voice=voice, rate=rate, log=SpeechLog(log_path))


def make_speaker(log_path: str | os.PathLike | None = None, persona: Any = None, engine: str = "auto") -> Voice:
    """The kiosk's speaker (``kiosk.speech_api.make_speaker``'s hook): a voice that also writes
    ``speech.log``; at the persona's voice and rate when one is given (or later, ``use_persona``)."""
    voice = open_voice(log_path=log_path, engine=engine)
    if persona is not None:
        voice.use_persona(persona)
    return voice
