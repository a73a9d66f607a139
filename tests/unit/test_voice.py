"""The kiosk's voice: cut-off, queueing, the no-sound-device path, rate and voice, the speech log."""

from __future__ import annotations

import re
import shutil
import struct
import threading
import time
from types import SimpleNamespace

import pytest

from kiosk.voice import (
    EDGE_SAMPLES,
    EspeakProcess,
    LibEspeak,
    MixerPlayer,
    Pcm,
    SilentPlayer,
    SilentSynth,
    SpeechError,
    SpeechLog,
    Voice,
    make_speaker,
    open_voice,
    split_for_speech,
    trim_silence,
    wav_bytes,
)

LINE = re.compile(r"^\d+\.\d{3}\t\S.*$")


class FakeSynth:
    """Makes `seconds_per_word` of silence a word; records every call."""

    def __init__(self, seconds_per_word: float = 0.2, delay: float = 0.0):
        self.calls: list[tuple[str, str, int]] = []
        self.per_word = seconds_per_word
        self.delay = delay

    def has_voice(self, voice: str) -> bool:
        return voice != "klingon"

    def synthesize(self, text: str, voice: str, rate: int) -> Pcm:
        self.calls.append((text, voice, rate))
        time.sleep(self.delay)
        return Pcm(bytes(int(len(text.split()) * self.per_word * 1000) * 2), 1000)


class FakePlayer:
    """Plays by the real clock; keeps what it played and when it was stopped."""

    audible = True

    def __init__(self) -> None:
        self.played: list[tuple[float, Pcm]] = []
        self.stops: list[float] = []
        self._until = 0.0

    def play(self, pcm: Pcm) -> None:
        self.played.append((time.perf_counter(), pcm))
        self._until = time.perf_counter() + pcm.seconds

    def stop(self) -> None:
        self.stops.append(time.perf_counter())
        self._until = 0.0

    def busy(self) -> bool:
        return time.perf_counter() < self._until


def wait_for(condition, timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


@pytest.fixture
def fake():
    synth, player = FakeSynth(), FakePlayer()
    voice = Voice(synth, player, voice="en-gb", rate=220)
    yield voice, synth, player
    voice.close()


def test_a_new_phrase_cuts_the_old_one_off_at_once(fake):
    voice, synth, player = fake
    voice.speak("a long paragraph " * 20)
    assert wait_for(player.busy)
    key = time.perf_counter()
    voice.speak("Continue, button", at=key)
    assert player.stops and player.stops[-1] - key < 0.030, "silence within 30 ms of the key"
    assert voice.timings["key_to_silence_ms"] and voice.timings["key_to_silence_ms"][0] < 30
    assert wait_for(lambda: len(player.played) == 2)
    assert voice.caption == "Continue, button"
    assert voice.timings["key_to_speech_ms"][0] < 150


def test_stop_silences_and_drops_the_queue(fake):
    voice, synth, player = fake
    voice.speak("one two three four five six")
    voice.speak("queued after", interrupt=False)
    assert wait_for(player.busy)
    voice.stop(at=time.perf_counter())
    assert not player.busy()
    assert voice.caption == ""
    time.sleep(0.05)
    assert len(player.played) == 1, "the queued phrase is not played after stop"
    assert len(voice.timings["key_to_silence_ms"]) == 1
    assert voice.wait_idle(1)


def test_phrases_without_interrupt_play_in_turn(fake):
    voice, synth, player = fake
    synth.per_word = 0.02
    for text in ("first", "second", "third"):
        voice.speak(text, interrupt=False)
    assert voice.wait_idle(3)
    assert [p.seconds for _, p in player.played] == [0.02, 0.02, 0.02]
    assert [c[0] for c in synth.calls] == ["first", "second", "third"]
    starts = [t for t, _ in player.played]
    assert all(b - a >= 0.019 for a, b in zip(starts, starts[1:])), "each waits for the one before"
    assert player.stops == []


def test_long_text_starts_before_all_of_it_is_made(fake):
    voice, synth, player = fake
    synth.per_word, synth.delay = 0.01, 0.05
    text = " ".join(f"Sentence number {i} is here." for i in range(12))
    voice.speak(text)
    assert wait_for(lambda: player.played)
    assert len(synth.calls) < 4, "playback started after the first part, not after all parts"
    assert voice.wait_idle(5)
    assert " ".join(c[0] for c in synth.calls) == text
    assert voice.log.lines[0].endswith(text), "the log has the whole phrase"


def test_key_time_is_measured_only_for_keyed_phrases(fake):
    voice, synth, player = fake
    synth.per_word = 0.01
    voice.speak("page title")
    voice.speak("read on", interrupt=False)
    voice.speak("Postcode, edit text", at=time.perf_counter())
    assert voice.wait_idle(2)
    assert len(voice.timings["key_to_speech_ms"]) == 1


def test_rate_and_voice_reach_the_synthesiser(fake):
    voice, synth, player = fake
    voice.speak("Hello")
    assert voice.wait_idle(2)
    voice.use_persona(SimpleNamespace(simulation=SimpleNamespace(voice="en-us", speech_rate=380)))
    voice.speak("Hello again")
    assert voice.wait_idle(2)
    assert synth.calls == [("Hello", "en-gb", 220), ("Hello again", "en-us", 380)]


def test_an_unknown_voice_falls_back_to_the_default(caplog):
    voice = Voice(FakeSynth(), FakePlayer(), voice="klingon")
    try:
        assert voice.voice == "en-gb"
        assert "klingon" in caplog.text
    finally:
        voice.close()


def test_repeated_phrases_come_from_the_cache(fake):
    voice, synth, player = fake
    synth.per_word = 0.001
    for _ in range(3):
        voice.speak("Continue, button")
        assert voice.wait_idle(2)
    assert len(synth.calls) == 1
    assert len(player.played) == 3


def test_a_failing_synthesiser_leaves_captions_and_log(fake, caplog):
    voice, synth, player = fake

    def broken(text, voice_name, rate):
        raise SpeechError("espeak-ng has no voice 'xx'")

    synth.synthesize = broken
    voice.speak("Still captioned")
    assert voice.caption == "Still captioned"
    assert wait_for(lambda: player.played)
    assert "no voice" in caplog.text
    assert voice.log.lines[-1].endswith("\tStill captioned")


def test_no_sound_device_means_captions_and_log_only(monkeypatch, tmp_path):
    pygame = pytest.importorskip("pygame")

    def no_device(*args, **kwargs):
        raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    assert MixerPlayer.open() is None
    voice = open_voice(rate=450, log_path=tmp_path / "speech.log")
    try:
        assert isinstance(voice.player, SilentPlayer)
        assert voice.audible is False
        voice.speak("Postcode, edit text, required", at=time.perf_counter())
        assert voice.caption == "Postcode, edit text, required"
        assert wait_for(lambda: voice.timings["key_to_speech_ms"])
        assert voice.speaking, "the caption lasts as long as the speech would"
        voice.stop()
        assert not voice.speaking and voice.caption == ""
    finally:
        voice.close()
    lines = (tmp_path / "speech.log").read_text("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].endswith("\tPostcode, edit text, required") and LINE.match(lines[0])


def test_silent_player_is_busy_for_the_length_of_the_audio():
    now = [10.0]
    player = SilentPlayer(clock=lambda: now[0])
    player.play(Pcm(bytes(2000), 1000))          # one second
    now[0] = 10.9
    assert player.busy()
    now[0] = 11.01
    assert not player.busy()
    player.play(Pcm(bytes(2000), 1000))
    player.stop()
    assert not player.busy()


def test_silent_synth_takes_longer_at_a_slower_rate():
    synth = SilentSynth()
    slow = synth.synthesize("one two three four five six", "en-gb", 100)
    fast = synth.synthesize("one two three four five six", "en-gb", 400)
    assert slow.seconds > 3 * fast.seconds > 0


def test_speech_log_format(tmp_path):
    now = [5.0]
    log = SpeechLog(tmp_path / "rec" / "speech.log", clock=lambda: now[0])
    now[0] = 5.532
    log.write("Postcode, edit text, required")
    now[0] = 7.25
    log.write("Continue, button")
    log.close()
    assert (tmp_path / "rec" / "speech.log").read_text("utf-8") == (
        "0.532\tPostcode, edit text, required\n2.250\tContinue, button\n")


def test_spoken_text_is_one_line_in_the_log(fake):
    voice, synth, player = fake
    voice.speak("Your\tdetails\n  heading   level 2")
    voice.speak("   ")
    assert voice.log.lines[-1].split("\t", 1)[1] == "Your details heading level 2"
    assert len(voice.log.lines) == 1
    assert all(LINE.match(line) for line in voice.log.lines)


def test_make_speaker_takes_the_persona(tmp_path, monkeypatch):
    monkeypatch.setattr(MixerPlayer, "open", classmethod(lambda cls: None))   # leave pygame's mixer alone
    persona = SimpleNamespace(simulation=SimpleNamespace(voice="en-us", speech_rate=300))
    speaker = make_speaker(tmp_path / "speech.log", persona)
    try:
        assert (speaker.voice, speaker.rate) == ("en-us", 300)
        speaker.speak("Hello")
        speaker.stop()
        assert (tmp_path / "speech.log").read_text("utf-8").endswith("\tHello\n")
    finally:
        speaker.close()


def test_split_for_speech():
    assert split_for_speech("Short phrase, button") == ["Short phrase, button"]
    assert split_for_speech("One. Two! Three? Four", limit=100) == ["One.", "Two!", "Three?", "Four"]
    long = "word, " * 60
    parts = split_for_speech(long.strip(), limit=50)
    assert all(len(p) <= 50 for p in parts)
    assert " ".join(parts) == long.strip()
    assert split_for_speech("x" * 120, limit=50) == ["x" * 50, "x" * 50, "x" * 20]


def test_trim_silence_keeps_the_sound_and_a_little_edge():
    quiet, loud = struct.pack("<h", 5), struct.pack("<h", -3000)
    pcm = Pcm(quiet * 1000 + loud * 10 + quiet * 500, 1000)
    trimmed = trim_silence(pcm)
    assert len(trimmed.data) // 2 == 10 + 2 * EDGE_SAMPLES
    assert loud * 10 in trimmed.data
    silent = Pcm(quiet * 100, 1000)
    assert trim_silence(silent) == silent


def test_espeak_command_has_voice_and_rate():
    cmd = EspeakProcess("espeak-ng").command("-dash first", "en-gb-x-rp", 310)
    assert cmd == ["espeak-ng", "--stdout", "-v", "en-gb-x-rp", "-s", "310", "--", "-dash first"]


def first_sound_ms(pcm: Pcm) -> float:
    samples = struct.unpack(f"<{len(pcm.data) // 2}h", pcm.data)
    return next(i for i, v in enumerate(samples) if abs(v) > 200) * 1000 / pcm.rate


espeak = pytest.mark.skipif(not shutil.which("espeak-ng"), reason="espeak-ng not installed")


@espeak
def test_espeak_program_rate_changes_the_length():
    synth = EspeakProcess()
    slow = synth.synthesize("Council tax, heading level 1", "en-gb", 120)
    fast = synth.synthesize("Council tax, heading level 1", "en-gb", 400)
    assert slow.rate == 22050
    assert slow.seconds > 2 * fast.seconds > 0.2
    assert first_sound_ms(slow) < 10, "no silence before the speech"
    assert not synth.has_voice("xx-nonsense")
    with pytest.raises(SpeechError, match="xx-nonsense"):
        synth.synthesize("x", "xx-nonsense", 175)


@espeak
def test_libespeak_rate_and_voice():
    try:
        synth = LibEspeak.shared()
    except SpeechError as exc:
        pytest.skip(str(exc))
    slow = synth.synthesize("Council tax, heading level 1", "en-gb", 120)
    fast = synth.synthesize("Council tax, heading level 1", "en-gb", 400)
    assert slow.seconds > 2 * fast.seconds > 0.2
    assert first_sound_ms(slow) < 10 and first_sound_ms(fast) < 10, "no silence before the speech"
    us = synth.synthesize("Council tax, heading level 1", "en-us", 120)
    assert us.data != slow.data
    assert synth.has_voice("en-gb") and not synth.has_voice("xx-nonsense")
    with pytest.raises(SpeechError, match="no voice"):
        synth.synthesize("x", "xx-nonsense", 175)
    program = EspeakProcess().synthesize("Council tax, heading level 1", "en-gb", 120)
    assert abs(program.seconds - slow.seconds) < 0.05, "the library and the program say the same"


@espeak
def test_libespeak_is_safe_from_several_threads():
    synth = LibEspeak.shared()
    results: dict[int, float] = {}

    def work(i: int) -> None:
        results[i] = synth.synthesize("Continue, button", "en-gb", 175 + 50 * (i % 2)).seconds

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({round(results[i], 3) for i in (0, 2, 4)}) == 1
    assert results[0] > results[1]
