"""auditor.model.speech: transcripts said by espeak-ng and packed as MP3, Ogg Vorbis or WAV (no browser, no sound
card). The project's set-up installs espeak-ng; these tests need it, as the kiosk's voice tests do."""

from __future__ import annotations

import array
import struct

import pytest

from auditor.model import speech

LINES = ["Report a missed bin, heading level 1", "Postcode, edit text, required", "Continue, button"]
# MPEG-2.5 / MPEG-2 / MPEG-1 layer III sample rates by version bits, for reading a frame header
MP3_RATES = {0b00: (11025, 12000, 8000), 0b10: (22050, 24000, 16000), 0b11: (44100, 48000, 32000)}


def mp3_frame(data: bytes) -> dict:
    """The first MPEG audio frame header (after an ID3v2 tag, if any)."""
    pos = 0
    if data[:3] == b"ID3":
        size = data[6:10]
        pos = 10 + ((size[0] << 21) | (size[1] << 14) | (size[2] << 7) | size[3])
    header = struct.unpack(">I", data[pos:pos + 4])[0]
    assert header >> 21 == 0x7FF, f"no MPEG frame sync at byte {pos}: {data[pos:pos + 4].hex()}"
    version, layer = (header >> 19) & 3, (header >> 17) & 3
    return {"version": version, "layer": 4 - layer, "rate": MP3_RATES[version][(header >> 10) & 3]}


def test_a_transcript_becomes_a_small_mp3():
    audio = speech.transcript_audio(LINES, voice="en-gb", rate=175)
    assert audio.mime == "audio/mpeg"
    frame = mp3_frame(audio.data)
    assert frame["layer"] == 3 and frame["rate"] == 11025
    assert 3.0 < audio.seconds < 12.0                              # three short phrases, with pauses between
    per_minute = len(audio.data) / audio.seconds * 60
    assert per_minute < 130 * 1024                                 # 16 kbit/s is 117 KiB a minute
    assert audio.data_uri.startswith("data:audio/mpeg;base64,")


def test_a_faster_voice_makes_shorter_audio():
    slow = speech.transcript_audio(LINES, rate=150, prefer=("wav",))
    fast = speech.transcript_audio(LINES, rate=300, prefer=("wav",))
    assert fast.seconds < slow.seconds * 0.75


@pytest.mark.parametrize("kind, magic, mime", [("ogg", b"OggS", "audio/ogg"), ("wav", b"RIFF", "audio/wav")])
def test_the_other_formats_have_valid_headers(kind, magic, mime):
    audio = speech.transcript_audio(LINES, prefer=(kind,))
    assert audio.mime == mime and audio.data[:4] == magic
    if kind == "wav":
        channels, rate, byte_rate, align, bits = struct.unpack_from("<HIIHH", audio.data, 22)
        assert (audio.data[8:16], channels, rate, bits, align) == (b"WAVEfmt ", 1, 11025, 8, 1)
        size = struct.unpack_from("<I", audio.data, 40)[0]
        assert size == len(audio.data) - 44 and abs(size / rate - audio.seconds) < 0.01


def test_no_espeak_says_so_plainly():
    with pytest.raises(speech.SpeechUnavailable, match=r"espeak-ng \(/nonexistent/espeak-ng\) is not installed"):
        speech.transcript_audio(LINES, executable="/nonexistent/espeak-ng")


def test_an_unknown_voice_says_so():
    with pytest.raises(speech.SpeechUnavailable, match=r"no voice 'xx-nowhere'"):
        speech.synthesize("Hello", voice="xx-nowhere")


def test_an_empty_transcript_is_refused():
    with pytest.raises(speech.SpeechUnavailable, match="empty"):
        speech.transcript_audio(["", "   "])


def test_phrases_are_one_a_line_and_markup_is_just_text():
    assert speech.phrases_text(["  Home,\tlink ", "", "Bins\nheading"]) == "Home, link\nBins heading"
    plain = speech.synthesize("less than speak greater than hello", rate=175)
    tagged = speech.synthesize("<speak>hello</speak>", rate=175)
    # Read as text, the tags are said (as SSML they would be silent and only "hello" would remain).
    assert tagged.seconds > speech.synthesize("hello", rate=175).seconds * 1.5
    assert plain.seconds > 0


def test_halving_the_rate_averages_pairs():
    samples = array.array("h", [100, 200, -300, -500, 32767, 32767, -32768, -32768, 7])
    pcm = speech.Pcm(samples.tobytes(), 22050)
    half = speech.halve_rate(pcm)
    assert half.rate == 11025
    assert array.array("h", half.data).tolist() == [150, -400, 32767, -32768]


def test_wav_round_trip():
    pcm = speech.Pcm(array.array("h", [0, 1000, -1000, 32767]).tobytes(), 11025)
    assert speech.parse_wav(speech.wav_bytes(pcm)) == pcm
    eight = speech.wav_bytes(pcm, bits=8)
    assert list(eight[44:]) == [128, 131, 124, 255]
    with pytest.raises(speech.SpeechUnavailable, match="not a WAV"):
        speech.parse_wav(b"not a wav file at all")


def test_one_wav_reader_for_both_halves():
    """espeak-ng's streamed WAV, SAPI5's stereo and 8-bit files: the kiosk reads them with the model's reader."""
    from kiosk import voice

    assert voice.parse_wav is speech.parse_wav and voice.decode_audio is speech.decode_audio
    assert voice.SpeechError is speech.SpeechUnavailable
    pcm = speech.Pcm(bytes(range(200)), 22050)
    streamed = bytearray(speech.wav_bytes(pcm))
    streamed[40:44] = b"\xff\xff\xff\xff"        # espeak-ng writing to a pipe does not know the size
    assert speech.parse_wav(bytes(streamed)) == pcm
    with pytest.raises(speech.SpeechUnavailable, match="expected PCM at 8 or 16 bits"):
        speech.parse_wav(bytes(streamed[:34]) + b"\x20\x00" + bytes(streamed[36:]))
