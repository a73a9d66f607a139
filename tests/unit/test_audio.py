"""The transcripts' audio is prepared by the run that writes an HTML report (auditor/audio.py), beside the report;
``audit replay`` and ``audit merge`` make it again from the transcripts they hold. Needs espeak-ng (the project's
set-up installs it), as tests/unit/test_speech.py does."""

from __future__ import annotations

import json

from auditor.cli import main
from auditor.reporters.artifacts import save_artifacts

TRANSCRIPT = ["Report a missed bin, heading level 1", "Postcode, edit text", "Continue, button"]


def saved(folder):
    for i, path in enumerate(("start", "postcode"), start=1):
        save_artifacts(folder, i, {"url": f"https://a.example/{path}", "status": "ok", "error": None,
                                   "title": path.capitalize(), "timings": {},
                                   "artifacts": {"axtree": {"nodes": [], "transcript": TRANSCRIPT[:i + 1]}}})
    return folder


def audio_files(out) -> list[str]:
    return sorted(p.name for p in (out / "audio").glob("*"))


def test_replay_and_merge_prepare_the_audio_beside_their_reports(tmp_path):
    art = saved(tmp_path / "artifacts")
    replayed = tmp_path / "replayed"
    assert main(["replay", str(art), "--persona", "ashleigh,christopher", "--out", str(replayed),
                 "--format", "json,html", "--fail-on", "none"]) == 0
    report = json.loads((replayed / "report.json").read_text("utf-8"))
    made = report["audio"]["personas"]["ashleigh"]["transcripts"]
    assert sorted(made) == ["https://a.example/postcode", "https://a.example/start"]
    assert audio_files(replayed) == ["ashleigh-1.mp3", "ashleigh-2.mp3"]
    assert "christopher" not in report["audio"]["personas"]               # not a screen-reader persona
    html = (replayed / "report.html").read_text("utf-8")
    assert html.count("<audio controls") == 2 and html.count("data:audio/mpeg;base64,") == 2

    merged = tmp_path / "merged"
    assert main(["merge", str(replayed / "report.json"), "--out", str(merged), "--format", "json,html",
                 "--fail-on", "none"]) == 0
    assert audio_files(merged) == ["ashleigh-1.mp3", "ashleigh-2.mp3"]
    assert (merged / "report.html").read_text("utf-8").count("<audio controls") == 2

    only_json = tmp_path / "json-only"                                  # no HTML asked for: no audio made
    assert main(["replay", str(art), "--persona", "ashleigh", "--out", str(only_json), "--format", "json",
                 "--fail-on", "none"]) == 0
    assert not (only_json / "audio").exists()
    assert "audio" not in json.loads((only_json / "report.json").read_text("utf-8"))


def test_a_second_run_into_the_same_folder_leaves_no_stale_audio(tmp_path):
    art = saved(tmp_path / "artifacts")
    out = tmp_path / "out"
    (out / "audio").mkdir(parents=True)
    (out / "audio" / "ashleigh-9.mp3").write_bytes(b"old")
    (out / "audio" / "notes.txt").write_text("mine")                   # not ours: kept
    assert main(["replay", str(art), "--persona", "ashleigh", "--out", str(out), "--format", "html",
                 "--fail-on", "none"]) == 0
    assert audio_files(out) == ["ashleigh-1.mp3", "ashleigh-2.mp3", "notes.txt"]
