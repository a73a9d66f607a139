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


@pytest.fixture
def mixer(monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", os.environ.get("SDL_AUDIODRIVER", "dummy"))
    pygame = pytest.importorskip("pygame")
    opened_here = not pygame.mixer.get_init()
    yield pygame
    if opened_here:
        pygame.mixer.quit()


def wait_for(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


def test_pyttsx3_through_the_mixer_is_cut_off_by_the_next_phrase(mixer, tmp_path):
    synth = Pyttsx3File("espeak")
    player = MixerPlayer.open()
    assert player is not None
    voice = Voice(synth, player, voice="en-gb", rate=175)
    try:
        channel = mixer.mixer.Channel(0)
        voice.speak("You can report a missed collection for general waste, recycling, garden waste and food "
                    "waste, if your bin was out by seven in the morning.", at=time.perf_counter())
        assert wait_for(channel.get_busy), "the mixer is playing pyttsx3's speech"
        time.sleep(0.3)
        assert channel.get_busy(), "a long phrase is still playing"
        voice.speak("Continue, button", at=time.perf_counter())
        assert voice.caption == "Continue, button"
        assert voice.wait_idle(10)
        silence = voice.timings["key_to_silence_ms"]
        assert len(silence) == 1 and silence[0] < 30      # cut off in the caller's thread, not after the file
    finally:
        voice.close()


def test_pyttsx3_speech_is_real_audio_in_the_asked_voice_and_rate():
    synth = Pyttsx3File("espeak")
    slow = synth.synthesize("Postcode, edit text, required", "en-gb", 120)
    fast = synth.synthesize("Postcode, edit text, required", "en-gb", 300)
    assert slow.rate == 22050 and len(slow.data) > 0
    seconds = len(slow.data) / 2 / slow.rate
    assert 0.8 < seconds < 6
    assert len(fast.data) < len(slow.data) * 0.7                   # the rate is applied
    assert max(abs(s) for s in struct.unpack(f"<{len(slow.data) // 2}h", slow.data)) > 1000
    assert synth._voice_id("en-gb") is not None                    # found by language among espeak's voices


def test_the_setting_picks_the_engine(tmp_path):
    assert isinstance(default_synth("pyttsx3"), Pyttsx3File)
    assert isinstance(default_synth("auto"), LibEspeak)            # espeak-ng stays the default where present
    assert isinstance(default_synth("espeak-ng"), LibEspeak)
    path = tmp_path / "kiosk.yaml"
    path.write_text("speech: pyttsx3\n")
    assert load_config(path).speech == "pyttsx3"
    assert load_config(None).speech == "auto"
    path.write_text("voice: true\nspeech: sapi\n")
    with pytest.raises(UsageError, match=r"kiosk.yaml:2: speech: expected one of: auto, espeak-ng, pyttsx3"):
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
