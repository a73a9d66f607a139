"""audit validate: every kind of bad persona input gets an exact file:line: key: message, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.commands.validate import validate
from auditor.model.persona import load_personas
from auditor.probes import probe_ids
from auditor.paths import personas_dir

SHIPPED = ["ashleigh", "christopher", "claudia", "pawel", "ron", "saleem", "simone"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A personas/ folder with a copy of the shipped Claudia; the test breaks it."""
    d = tmp_path / "personas"
    d.mkdir()
    shutil.copy(personas_dir() / "claudia.yaml", d / "claudia.yaml")
    monkeypatch.chdir(tmp_path)
    return d


def messages(*paths) -> list[str]:
    problems, _ = validate([str(p) for p in paths])
    return [str(p) for p in problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_shipped_personas_are_all_valid():
    personas = load_personas()
    assert sorted(personas) == SHIPPED
    for p in personas.values():
        assert p.audit.probes and p.conditions and p.story
    assert personas["christopher"].simulation.keyboard_only
    assert personas["ashleigh"].simulation.screen_reader and personas["ashleigh"].simulation.screen_curtain
    assert 200 <= personas["claudia"].simulation.text_zoom <= 400
    assert personas["claudia"].simulation.field_of_view < 100
    assert personas["ron"].audit.min_target_size == 44
    assert personas["saleem"].simulation.sound is False


def test_validate_command_on_shipped_files_exits_0(capsys):
    assert main(["validate", str(personas_dir())]) == 0
    assert "all valid: 7 personas" in capsys.readouterr().out


def test_out_of_range_numbers(folder):
    edit(folder / "claudia.yaml", "text_zoom: 200", "text_zoom: 0")
    edit(folder / "claudia.yaml", "blur: 2.5", "blur: -3")
    assert messages(folder) == [
        "personas/claudia.yaml:14: simulation.text_zoom: 0 is out of range (expected a whole number from 100 to 500)",
        "personas/claudia.yaml:16: simulation.blur: -3 is out of range (expected a number from 0 to 20)",
    ]


def test_misspelt_key_suggests_the_nearest(folder):
    edit(folder / "claudia.yaml", "  field_of_view: 45", "  feild_of_view: 45")
    assert messages(folder) == [
        "personas/claudia.yaml:18: simulation.feild_of_view: unknown key (did you mean 'field_of_view'?)"]


def test_unknown_key_with_no_near_match_lists_the_valid_ones(folder):
    edit(folder / "claudia.yaml", "simulation:\n", "simulation:\n  wibble: 3\n")
    assert messages(folder) == [
        "personas/claudia.yaml:14: simulation.wibble: unknown key (expected one of: keyboard_only, text_zoom, "
        "page_zoom, blur, contrast, field_of_view, colour_vision, screen_reader, speech_rate, voice, "
        "screen_curtain, pointer_tremor, sound)"]


def test_wrong_types_and_choices(folder):
    edit(folder / "claudia.yaml", "blur: 2.5", "blur: lots")
    edit(folder / "claudia.yaml", "  contrast: 0.6", "  contrast: 0.6\n  keyboard_only: yes please\n"
                                                     "  colour_vision: deuteranopa")
    edit(folder / "claudia.yaml", "probes: [axe, reflow,", "probes: [axe, reflw,")
    assert messages(folder) == [
        "personas/claudia.yaml:16: simulation.blur: 'lots' is not a number (expected a number from 0 to 20)",
        "personas/claudia.yaml:18: simulation.keyboard_only: 'yes please' is not true or false (expected true or false)",
        "personas/claudia.yaml:19: simulation.colour_vision: 'deuteranopa' is not allowed (expected one of: none, "
        "protanopia, deuteranopia, tritanopia, achromatopsia; did you mean 'deuteranopia'?)",
        "personas/claudia.yaml:22: audit.probes[1]: 'reflw' is not allowed (expected one of: "
        + ", ".join(probe_ids()) + "; did you mean 'reflow'?)",
    ]


def test_missing_required_key(folder):
    text = (folder / "claudia.yaml").read_text()
    (folder / "claudia.yaml").write_text(text.split("audit:")[0])
    assert messages(folder) == [
        "personas/claudia.yaml:2: audit: is missing (expected a block of settings (probes, viewport_widths, "
        "zoom_levels, min_target_size, vision, task_mode, step_pause))"]


def test_broken_yaml_syntax(folder):
    (folder / "bad.yaml").write_text("id: bad\nname: [Bad\nsummary: x\n")
    assert messages(folder / "bad.yaml") == [
        "personas/bad.yaml:3: (document): could not read the YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 2; check indentation, colons and quotes)"]


def test_lines_are_counted_as_an_editor_counts_them(folder):
    """YAML also breaks lines at U+2028, U+2029, NEL and a lone carriage return, which an editor shows inside a
    line: the problem is put on the line the file's "\\n" give (found by the YAML fuzz test: three U+2028 in a list
    item put a syntax error two lines past the file's end)."""
    (folder / "bad.yaml").write_text('id: bad\nname: "Bad \u2028\u2029\x85\rname"\nsummary: x\nstory: [x\ncolour: y\n',
                                     newline="")
    assert messages(folder / "bad.yaml") == [
        "personas/bad.yaml:5: (document): could not read the YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 4; check indentation, colons and quotes)"]
    edit(folder / "claudia.yaml", "name: Claudia", "name: Claudia\u2028\u2028\nname: Claude")
    assert messages(folder / "claudia.yaml") == [
        "personas/claudia.yaml:4: name: appears twice (first on line 3; expected each key once)"]


def test_duplicate_key_in_one_file(folder):
    edit(folder / "claudia.yaml", "name: Claudia", "name: Claudia\nname: Claude")
    assert messages(folder) == [
        "personas/claudia.yaml:4: name: appears twice (first on line 3; expected each key once)"]


def test_duplicate_ids_across_files(folder):
    shutil.copy(folder / "claudia.yaml", folder / "claudia.yml")
    assert messages(folder) == [
        "personas/claudia.yml:2: id: 'claudia' is already used by personas/claudia.yaml (expected a unique id)"]


def test_id_must_match_the_file_name(folder):
    shutil.copy(folder / "claudia.yaml", folder / "claudia2.yaml")
    assert messages(folder / "claudia2.yaml") == [
        "personas/claudia2.yaml:2: id: 'claudia' does not match the file name 'claudia2.yaml' "
        "(expected id: claudia2, or rename the file to claudia.yaml)"]


def test_empty_and_comment_only_files(folder):
    (folder / "empty.yaml").write_text("")
    (folder / "notes.yaml").write_text("# just a comment\n\n")
    expected = "(document): the file is empty (expected a persona (id, name, summary, story, conditions, simulation, audit))"
    assert messages(folder / "empty.yaml", folder / "notes.yaml") == [
        f"personas/empty.yaml:1: {expected}", f"personas/notes.yaml:1: {expected}"]


def test_binary_file(folder):
    (folder / "photo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert messages(folder / "photo.yaml") == [
        "personas/photo.yaml:1: (document): not a text file (expected a persona (id, name, summary, story, "
        "conditions, simulation, audit) written as UTF-8 text)"]


def test_yaml_bomb_is_refused_quickly(folder):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    (folder / "lol.yaml").write_text("\n".join(lines) + "\n")
    assert messages(folder / "lol.yaml") == [
        "personas/lol.yaml:1: (document): too many values, or aliases that expand too far "
        "(expected at most 50,000 values)"]


def test_directory_with_no_personas(tmp_path, monkeypatch):
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    assert messages(tmp_path / "empty") == [
        "empty: (folder): no YAML files here (expected persona, scenario or config files ending in .yaml)"]


def test_missing_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert messages(tmp_path / "nope.yaml") == ["nope.yaml: (file): no such file or folder"]


def test_every_error_at_once_and_exit_2(folder, capsys):
    edit(folder / "claudia.yaml", "text_zoom: 200", "text_zoom: 0")
    (folder / "empty.yaml").write_text("")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("personas/claudia.yaml:14: simulation.text_zoom:")
    assert err[1].startswith("personas/empty.yaml:1: (document): the file is empty")
    assert err[-1] == "2 errors in 2 files (checked 2 personas)"


def test_facilitator_round_trip(folder, capsys):
    """Break a persona, read the message, mend it as the message says, and validate again."""
    edit(folder / "claudia.yaml", "  field_of_view: 45", "  field_of_veiw: 45")
    assert main(["validate", str(folder)]) == 2
    message = capsys.readouterr().err.splitlines()[0]
    assert "did you mean 'field_of_view'?" in message
    edit(folder / "claudia.yaml", "field_of_veiw", "field_of_view")
    assert main(["validate", str(folder)]) == 0


def test_the_facilitator_guide_documents_every_field_and_check():
    from auditor.model.persona import AUDIT_SCHEMA, PERSONA_SCHEMA, SIMULATION_SCHEMA

    guide = (personas_dir() / "README.md").read_text("utf-8")
    for name in [*PERSONA_SCHEMA, *SIMULATION_SCHEMA, *AUDIT_SCHEMA, *probe_ids()]:
        assert f"| `{name}` |" in guide, name


def test_audit_help_names_every_subcommand(capsys):
    from auditor import cli
    from auditor.commands import SUBCOMMANDS

    assert cli.main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert all(word in out for word in SUBCOMMANDS), out
