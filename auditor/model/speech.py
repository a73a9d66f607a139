"""Speech as a file: a screen-reader transcript said by espeak-ng and packed small enough to embed.

Shared by both halves, so it imports neither pygame nor playwright (a unit test checks). The HTML report uses
it for the audio version of "what Ashleigh hears"; the kiosk's live voice (kiosk/voice.py) keeps its own
low-latency route through libespeak-ng and pygame's mixer.

- :func:`synthesize` runs the ``espeak-ng`` program once for a whole transcript (one phrase a line; each line
  ends a clause, so there is a pause between phrases as a screen reader makes) and returns 16-bit mono PCM at
  espeak-ng's 22,050 Hz. Measured on the 2-core lab machine: ~0.25 s for a minute of speech.
- :func:`encode` halves the sample rate (11,025 Hz keeps speech clear: it holds everything up to 5.5 kHz;
  ~0.1 s a minute) and compresses it: MP3 at 16 kbit/s through libsndfile (ctypes; Debian's libsndfile1 1.1 or later has LAME in
  it), which every browser plays: ~117 KiB a minute, ~156 KiB a minute as base64. Without a libsndfile that
  writes MP3, Ogg Vorbis through libsndfile; without libsndfile, an 8-bit WAV (~650 KiB a minute).
- :func:`transcript_audio` does both; :class:`SpeechUnavailable` says plainly why there is no audio.
"""

from __future__ import annotations

import array
import base64
import ctypes
import ctypes.util
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass

ESPEAK = "espeak-ng"
DEFAULT_VOICE = "en-gb"
DEFAULT_RATE = 175              # words per minute, espeak-ng's own default
LINE_PAUSE = 2000               # espeak-ng -l: a line shorter than this ends a clause (a pause between phrases)
MP3_COMPRESSION = 0.9           # libsndfile's 0..1 scale; at 11,025 Hz this is LAME at 16 kbit/s
VORBIS_COMPRESSION = 1.0        # the smallest Vorbis libsndfile makes (~27 kbit/s at 11,025 Hz)


class SpeechUnavailable(Exception):
    """No audio can be made here; the message says why, in words for a report reader."""


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit little-endian samples."""

    data: bytes
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.data) / 2 / self.rate if self.rate else 0.0


@dataclass(frozen=True)
class Audio:
    """An encoded audio file in memory."""

    data: bytes
    mime: str           # "audio/mpeg", "audio/ogg" or "audio/wav"
    seconds: float

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


# -- synthesis ------------------------------------------------------------------------------------

def espeak_path(executable: str = ESPEAK) -> str | None:
    return shutil.which(executable)


def synthesize(text: str, voice: str = DEFAULT_VOICE, rate: int = DEFAULT_RATE, executable: str = ESPEAK,
               timeout: float = 120.0) -> Pcm:
    """``text`` (one phrase a line) said by the espeak-ng program. The text goes in on stdin as plain text:
    no SSML or markup is interpreted, whatever the page said."""
    path = espeak_path(executable)
    if path is None:
        raise SpeechUnavailable(f"the speech synthesiser espeak-ng ({executable}) is not installed on the "
                                f"machine that made this report")
    command = [path, "--stdin", "--stdout", "-v", voice, "-s", str(int(rate)), "-l", str(LINE_PAUSE)]
    try:
        done = subprocess.run(command, input=text.encode("utf-8"), capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechUnavailable(f"espeak-ng could not run ({exc})") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip() or f"exit code {done.returncode}"
        raise SpeechUnavailable(f"espeak-ng has no voice {voice!r} here ({why})")
    return parse_wav(done.stdout)


def parse_wav(data: bytes) -> Pcm:
    """16-bit mono samples from a PCM WAV file, whichever wrote it (espeak-ng, SAPI5, pyttsx3's drivers): 8- or
    16-bit, one channel or more (mixed down). espeak-ng writes 0xffffffff sizes to a pipe, so a data chunk with
    that size (or 0) is taken to run to the end. The one WAV reader of both halves."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SpeechUnavailable("the speech audio is not a WAV file")
    pos, fmt = 12, None
    while pos + 8 <= len(data):
        chunk, size = data[pos:pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        if chunk == b"fmt " and pos + 24 <= len(data):
            tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", data, pos + 8)
            if tag not in (1, 0xFFFE) or bits not in (8, 16) or channels < 1:
                raise SpeechUnavailable(f"the speech audio is a WAV of {channels} channel(s) at {bits} bits "
                                        f"(format {tag}); expected PCM at 8 or 16 bits")
            fmt = (channels, bits // 8, rate)
        elif chunk == b"data":
            if fmt is None:
                raise SpeechUnavailable("the speech audio's WAV has its data before its format")
            body = data[pos + 8:] if size in (0, 0xFFFFFFFF) else data[pos + 8:pos + 8 + size]
            return _to_mono16(body, *fmt, little_endian=True)
        pos += 8 + size + (size & 1)
    raise SpeechUnavailable("the speech audio's WAV has no data chunk")


def parse_aiff(data: bytes) -> Pcm:
    """16-bit mono samples from an AIFF file (macOS's speech engine writes these)."""
    pos, channels, bits, rate, sound = 12, 1, 16, 22050, b""
    while pos + 8 <= len(data):
        chunk, size = data[pos:pos + 4], struct.unpack_from(">I", data, pos + 4)[0]
        if chunk == b"COMM":
            channels, _, bits = struct.unpack_from(">hIh", data, pos + 8)
            exponent, mantissa = struct.unpack_from(">HQ", data, pos + 16)   # an 80-bit float
            rate = round(mantissa * 2.0 ** ((exponent & 0x7FFF) - 16383 - 63))
        elif chunk == b"SSND":
            offset = struct.unpack_from(">I", data, pos + 8)[0]
            sound = data[pos + 16 + offset:pos + 8 + size]
        pos += 8 + size + (size & 1)
    return _to_mono16(sound, channels, bits // 8, rate, little_endian=False)


def decode_audio(data: bytes) -> Pcm:
    """16-bit mono samples from the WAV (espeak-ng, SAPI5) or AIFF (macOS) file a speech engine wrote."""
    if data[:4] == b"FORM" and data[8:12] in (b"AIFF", b"AIFC"):
        return parse_aiff(data)
    if data[:4] != b"RIFF":
        raise SpeechUnavailable("the speech engine wrote neither WAV nor AIFF")
    return parse_wav(data)


def _to_mono16(frames: bytes, channels: int, width: int, rate: int, little_endian: bool) -> Pcm:
    if width == 1:                        # 8-bit WAV is unsigned
        samples = array.array("h", ((b - 128) << 8 for b in frames))
    elif width == 2:
        samples = array.array("h")
        samples.frombytes(frames[: len(frames) // 2 * 2])
        if (sys.byteorder == "little") != little_endian:
            samples.byteswap()
    else:
        raise SpeechUnavailable(f"{width * 8}-bit audio from the speech engine (expected 8 or 16)")
    if channels > 1:
        samples = array.array("h", (sum(samples[i:i + channels]) // channels
                                    for i in range(0, len(samples) - channels + 1, channels)))
    if sys.byteorder == "big":
        samples.byteswap()
    return Pcm(samples.tobytes(), rate)


# -- encoding -------------------------------------------------------------------------------------

def _samples(pcm: Pcm) -> array.array:
    samples = array.array("h")
    samples.frombytes(pcm.data[: len(pcm.data) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _pcm(samples: array.array, rate: int) -> Pcm:
    if sys.byteorder == "big":
        samples = array.array("h", samples)
        samples.byteswap()
    return Pcm(samples.tobytes(), rate)


def halve_rate(pcm: Pcm) -> Pcm:
    """Half the sample rate, each pair of samples averaged (a gentle low-pass: -3 dB at the new top
    frequency, so little hiss from "s" and "f" folds back; a stronger filter costs twice the time in Python)."""
    s = _samples(pcm)
    out = array.array("h", [(a + b) >> 1 for a, b in zip(s[0::2], s[1::2])])
    return _pcm(out, pcm.rate // 2)


def wav_bytes(pcm: Pcm, bits: int = 16) -> bytes:
    """A WAV file: 16-bit as given, or 8-bit unsigned (half the size, audible hiss but clear speech)."""
    if bits == 8:
        body = bytes(((x + 32768) >> 8) for x in _samples(pcm))
    elif bits == 16:
        body = pcm.data
    else:
        raise ValueError(f"bits must be 8 or 16, not {bits}")
    width = bits // 8
    header = struct.pack("<4sI4s4sIHHIIHH4sI", b"RIFF", 36 + len(body), b"WAVE", b"fmt ", 16, 1, 1,
                         pcm.rate, pcm.rate * width, width, bits, b"data", len(body))
    return header + body


class _SfInfo(ctypes.Structure):
    _fields_ = [("frames", ctypes.c_int64), ("samplerate", ctypes.c_int), ("channels", ctypes.c_int),
                ("format", ctypes.c_int), ("sections", ctypes.c_int), ("seekable", ctypes.c_int)]


_SFM_WRITE = 0x20
_SF_FORMAT_OGG, _SF_FORMAT_VORBIS = 0x200000, 0x0060
_SF_FORMAT_MPEG, _SF_FORMAT_MPEG_LAYER_III = 0x230000, 0x0082
_SFC_SET_COMPRESSION_LEVEL, _SFC_SET_BITRATE_MODE = 0x1301, 0x1305
_SF_BITRATE_MODE_CONSTANT = 0
_SNDFILE: "ctypes.CDLL | None | bool" = False     # False: not looked for yet
_SNDFILE_LOCK = threading.Lock()


def libsndfile() -> "ctypes.CDLL | None":
    """libsndfile through ctypes, or None when it is not on this machine."""
    global _SNDFILE
    with _SNDFILE_LOCK:
        if _SNDFILE is False:
            _SNDFILE = None
            for name in filter(None, (ctypes.util.find_library("sndfile"), "libsndfile.so.1")):
                try:
                    lib = ctypes.CDLL(name)
                except OSError:
                    continue
                lib.sf_open.restype = ctypes.c_void_p
                lib.sf_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(_SfInfo)]
                lib.sf_command.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
                lib.sf_write_short.restype = ctypes.c_int64
                lib.sf_write_short.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int64]
                lib.sf_close.argtypes = [ctypes.c_void_p]
                lib.sf_strerror.restype = ctypes.c_char_p
                lib.sf_strerror.argtypes = [ctypes.c_void_p]
                _SNDFILE = lib
                break
        return _SNDFILE


def _sndfile_encode(pcm: Pcm, fmt: int, compression: float, constant: bool) -> bytes | None:
    """``pcm`` written by libsndfile in ``fmt``; None when libsndfile cannot write that format here."""
    lib = libsndfile()
    if lib is None:
        return None
    info = _SfInfo(samplerate=pcm.rate, channels=1, format=fmt)
    with tempfile.TemporaryDirectory(prefix="elab-speech-") as folder:
        path = os.path.join(folder, "speech")
        handle = lib.sf_open(path.encode(), _SFM_WRITE, ctypes.byref(info))
        if not handle:
            return None
        try:
            if constant:
                mode = ctypes.c_int(_SF_BITRATE_MODE_CONSTANT)
                lib.sf_command(handle, _SFC_SET_BITRATE_MODE, ctypes.byref(mode), ctypes.sizeof(mode))
            level = ctypes.c_double(compression)
            lib.sf_command(handle, _SFC_SET_COMPRESSION_LEVEL, ctypes.byref(level), ctypes.sizeof(level))
            frames = len(pcm.data) // 2
            data = pcm.data if sys.byteorder == "little" else _samples(pcm).tobytes()
            written = lib.sf_write_short(handle, data, frames)
        finally:
            lib.sf_close(handle)
        if written != frames:
            return None
        with open(path, "rb") as fh:
            return fh.read()


def encode(pcm: Pcm, prefer: tuple[str, ...] = ("mp3", "ogg", "wav")) -> Audio:
    """``pcm`` at half its rate, in the first of ``prefer`` that can be made here (``wav`` always can)."""
    small = halve_rate(pcm) if pcm.rate >= 16000 else pcm
    for kind in prefer:
        if kind == "mp3":
            data = _sndfile_encode(small, _SF_FORMAT_MPEG | _SF_FORMAT_MPEG_LAYER_III, MP3_COMPRESSION, True)
            if data:
                return Audio(data, "audio/mpeg", small.seconds)
        elif kind == "ogg":
            data = _sndfile_encode(small, _SF_FORMAT_OGG | _SF_FORMAT_VORBIS, VORBIS_COMPRESSION, False)
            if data:
                return Audio(data, "audio/ogg", small.seconds)
        elif kind == "wav":
            return Audio(wav_bytes(small, bits=8), "audio/wav", small.seconds)
        else:
            raise ValueError(f"unknown audio format {kind!r} (expected mp3, ogg or wav)")
    raise SpeechUnavailable(f"none of {', '.join(prefer)} can be written here")


def phrases_text(lines: list[str]) -> str:
    """A transcript as espeak-ng's input: one phrase a line, whitespace inside a phrase made single."""
    return "\n".join(" ".join(str(line).split()) for line in lines if str(line).strip())


def transcript_audio(lines: list[str], voice: str = DEFAULT_VOICE, rate: int = DEFAULT_RATE,
                     executable: str = ESPEAK, prefer: tuple[str, ...] = ("mp3", "ogg", "wav")) -> Audio:
    """A transcript (a list of phrases) as one compressed audio file; raises :class:`SpeechUnavailable`."""
    text = phrases_text(lines)
    if not text:
        raise SpeechUnavailable("the transcript is empty")
    return encode(synthesize(text, voice, rate, executable), prefer)
