"""The kiosk's voice on lab PCs without espeak-ng (Windows' SAPI5, macOS): pyttsx3's save_to_file into a file,
played through pygame's mixer so that a key still cuts it off at once. Tested here through pyttsx3's espeak
driver; the setting `speech: pyttsx3` picks it, `auto` keeps espeak-ng where it is."""

from __future__ import annotations

import io
import os
import shutil
import struct
import time
import wave

import pytest

from auditor.errors import UsageError
from kiosk.config import load_config
from kiosk.voice import LibEspeak, MixerPlayer, Pyttsx3File, Voice, decode_audio, default_synth

pytestmark = [
    pytest.mark.kiosk,
    pytest.mark.skipif(not shutil.which("espeak-ng"), reason="pyttsx3's espeak driver needs espeak-ng"),
]


# libespeak-ng is one engine per process: pyttsx3's espeak driver and kiosk.voice.LibEspeak cannot share one
# (the kiosk uses one or the other). Whatever touches pyttsx3 here runs in a process of its own, so that the
# test process's espeak-ng stays as the other tests expect it.

def _in_own_process(fn, *args):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result(timeout=300)


def _cut_off() -> dict:
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    synth = Pyttsx3File("espeak")
    player = MixerPlayer.open()
    voice = Voice(synth, player, voice="en-gb", rate=175)
    channel = pygame.mixer.Channel(0)
    out = {"audible": player is not None}
    try:
        voice.speak("You can report a missed collection for general waste, recycling, garden waste and food "
                    "waste, if your bin was out by seven in the morning.", at=time.perf_counter())
        deadline = time.monotonic() + 10
        while not channel.get_busy() and time.monotonic() < deadline:
            time.sleep(0.002)
        out["started"] = channel.get_busy()
        time.sleep(0.3)
        out["still_playing"] = channel.get_busy()
        voice.speak("Continue, button", at=time.perf_counter())
        out["caption"] = voice.caption
        out["idle"] = voice.wait_idle(10)
        out["key_to_silence_ms"] = voice.timings["key_to_silence_ms"]
    finally:
        voice.close()
    return out


def test_pyttsx3_through_the_mixer_is_cut_off_by_the_next_phrase():
    got = _in_own_process(_cut_off)
    assert got["audible"] and got["started"], "the mixer is playing pyttsx3's speech"
    assert got["still_playing"], "a long phrase is still playing"
    assert got["caption"] == "Continue, button" and got["idle"]
    silence = got["key_to_silence_ms"]
    assert len(silence) == 1 and silence[0] < 30      # cut off in the caller's thread, not after the file


def _speech() -> dict:
    synth = Pyttsx3File("espeak")
    said = synth.synthesize("Postcode, edit text, required", "en-gb", 175)
    short = synth.synthesize("Yes", "en-gb", 175)
    return {"said": (said.rate, said.data), "short": len(short.data), "voice": synth._voice_id("en-gb"),
            "engines": [type(default_synth(e)).__name__ for e in ("pyttsx3",)]}


def test_pyttsx3_speech_is_real_audio_in_the_asked_voice():
    # (pyttsx3's espeak driver does not apply its rate to save_to_file's output: the same length at 100 and
    # 350 words a minute; SAPI5 and macOS set it through their own APIs, not run here)
    got = _in_own_process(_speech)
    rate, data = got["said"]
    assert rate == 22050 and 0.8 < len(data) / 2 / rate < 6
    assert got["short"] < len(data) / 2                             # the file is this phrase, read back
    assert max(abs(s) for s in struct.unpack(f"<{len(data) // 2}h", data)) > 1000
    assert got["voice"] is not None                                 # found by language among espeak's voices
    assert got["engines"] == ["Pyttsx3File"]                        # speech: pyttsx3


def test_the_setting_picks_the_engine(tmp_path):
    assert isinstance(default_synth("auto"), LibEspeak)            # espeak-ng stays the default where present
    assert isinstance(default_synth("espeak-ng"), LibEspeak)
    path = tmp_path / "kiosk.yaml"
    path.write_text("speech: pyttsx3\n")
    assert load_config(path).speech == "pyttsx3"
    assert load_config(None).speech == "auto"
    path.write_text("voice: true\nspeech: sapi\n")
    with pytest.raises(UsageError, match=r"kiosk.yaml:2: speech: .sapi. is not allowed \(expected one of: auto, espeak-ng, pyttsx3\)"):
        load_config(path)


def _wav(frames: bytes, channels: int, width: int, rate: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(frames)
    return out.getvalue()


def _aiff(samples: list[int], channels: int, rate: int) -> bytes:
    """A minimal AIFF as NSSpeechSynthesizer writes: COMM (80-bit float rate) and SSND, big-endian."""
    exponent = 16383 + rate.bit_length() - 1
    mantissa = rate << (64 - rate.bit_length())
    comm = struct.pack(">hIhHQ", channels, len(samples) // channels, 16, exponent, mantissa)
    sound = struct.pack(">II", 0, 0) + struct.pack(f">{len(samples)}h", *samples)
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm + b"SSND" + struct.pack(">I", len(sound)) + sound
    return b"FORM" + struct.pack(">I", len(body)) + body


def test_files_from_other_engines_decode_to_mono_16_bit():
    stereo = _wav(struct.pack("<4h", 1000, 3000, -2000, -4000), 2, 2, 16000)    # SAPI5 may write stereo
    pcm = decode_audio(stereo)
    assert pcm.rate == 16000 and struct.unpack("<2h", pcm.data) == (2000, -3000)
    eight = decode_audio(_wav(bytes([128, 255, 0]), 1, 1, 11025))
    assert struct.unpack("<3h", eight.data) == (0, 127 << 8, -128 << 8)
    mac = decode_audio(_aiff([100, -100, 32000], 1, 22050))
    assert mac.rate == 22050 and struct.unpack("<3h", mac.data) == (100, -100, 32000)
    with pytest.raises(Exception, match="neither WAV nor AIFF"):
        decode_audio(b"OggS....")
