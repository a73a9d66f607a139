"""Kiosk settings: defaults, a good file, and every problem reported with its line."""

import textwrap

import pytest

from auditor.errors import UsageError
from kiosk.app import check_station
from kiosk.config import DEFAULT_PERSONAS, KioskConfig, load_config


def write(tmp_path, text):
    path = tmp_path / "kiosk.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_defaults():
    config = load_config(None)
    assert config.personas == DEFAULT_PERSONAS and config.version == "inaccessible"
    assert config.observations_path.name == "observations.sqlite"


def test_a_good_file(tmp_path):
    config = load_config(write(tmp_path, f"""
        station: lobby-1
        pin: "4826"
        personas: [christopher, ashleigh]
        scenario: missed-bin
        version: accessible
        idle_timeout_s: 60
        data_dir: {tmp_path / 'lab'}
        voice: false
    """))
    assert (config.station, config.pin, config.personas, config.scenario, config.version, config.idle_timeout_s,
            config.voice) == ("lobby-1", "4826", ("christopher", "ashleigh"), "missed-bin", "accessible", 60.0, False)
    assert config.observations_path == tmp_path / "lab" / "observations.sqlite"


def test_every_problem_at_once(tmp_path):
    path = write(tmp_path, """
        pin: 12
        personas: [christopher, christopher]
        version: beta
        idle_timeout_s: 5
        voice: loud
        colour: red
    """)
    with pytest.raises(UsageError) as err:
        load_config(path)
    assert str(err.value).splitlines() == [   # the schema's words, as for persona files
        f'{path}:1: pin: \'12\' is not valid (expected 4 to 8 digits in quotes, e.g. "4826")',
        f"{path}:2: personas: a persona is listed twice",
        f"{path}:3: version: 'beta' is not allowed (expected one of: accessible, inaccessible)",
        f"{path}:4: idle_timeout_s: 5 is out of range (expected a number from 15 to 3600)",
        f"{path}:5: voice: 'loud' is not true or false (expected true or false)",
        f"{path}:6: colour: unknown key (expected one of: station, pin, personas, scenario, version, idle_timeout_s, "
        "idle_warning_s, data_dir, findings_report, voice, speech)",
    ]


def test_the_yaml_guards_of_persona_files_hold_for_kiosk_settings(tmp_path):
    """One loader for both halves: duplicate keys, alias bombs and binary files are refused with a line."""
    path = write(tmp_path, "pin: \"1234\"\npin: \"5678\"\n")
    with pytest.raises(UsageError, match=r"kiosk.yaml:2: .*pin.*(duplicate|twice|again)"):
        load_config(path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    with pytest.raises(UsageError):
        load_config(write(tmp_path, bomb))
    path.write_bytes(b"pin: \x00\x01")
    with pytest.raises(UsageError, match="not a text file"):
        load_config(path)
    assert load_config(write(tmp_path, "# nothing set yet\n")) == KioskConfig(path=tmp_path / "kiosk.yaml")


def test_the_idle_warning_is_set_beside_the_timeout(tmp_path):
    assert (KioskConfig().idle_timeout_s, KioskConfig().warning_s) == (90.0, 20.0)
    config = load_config(write(tmp_path, """
        idle_timeout_s: 120
        idle_warning_s: 30
    """))
    assert (config.idle_timeout_s, config.idle_warning_s, config.warning_s) == (120.0, 30.0, 30.0)
    assert load_config(write(tmp_path, "idle_warning_s: 0\n")).warning_s == 0
    # a short timeout with the default warning: a third of the timeout, not a warning from the start
    assert load_config(write(tmp_path, "idle_timeout_s: 15\n")).warning_s == 5.0


@pytest.mark.parametrize("text, message", [
    ("idle_timeout_s: 60\nidle_warning_s: 60\n",
     "2: idle_warning_s: expected less than idle_timeout_s (60 s): the warning comes that long before the timeout"),
    ("idle_warning_s: 100\n",
     "1: idle_warning_s: expected less than idle_timeout_s (90 s): the warning comes that long before the timeout"),
    ("idle_warning_s: -1\n", "1: idle_warning_s: -1 is out of range (expected a number from 0 to 600)"),
    ("idle_warning_s: soon\n", "1: idle_warning_s: 'soon' is not a number (expected a number from 0 to 600)"),
])
def test_a_bad_idle_warning_says_why(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(UsageError) as err:
        load_config(path)
    assert str(err.value) == f"{path}:{message}"


def test_station_ids_must_exist(tmp_path):
    path = write(tmp_path, "personas: [christopher, bob]\nscenario: nope\n")
    config = load_config(path)
    with pytest.raises(UsageError) as err:
        check_station(config, {"christopher": object(), "claudia": object()}, {"missed-bin": object()})
    assert str(err.value).splitlines() == [
        f"{path}:1: personas[1]: no persona 'bob' (known: christopher, claudia)",
        f"{path}:2: scenario: no scenario 'nope' (known: missed-bin)",
    ]
    check_station(KioskConfig(personas=("claudia",)), {"claudia": object()}, {"missed-bin": object()})


def test_a_teams_own_scenario_file_is_named_relative_to_the_settings(tmp_path):
    config = load_config(write(tmp_path, "scenario: team/renew-permit.yaml\n"))
    assert config.scenario == str((tmp_path / "team" / "renew-permit.yaml").resolve())


def test_a_bad_station_scenario_file_says_where(tmp_path, capsys):
    from kiosk.cli import main

    (tmp_path / "renew-permit.yaml").write_text("id: renew-permit\ntitle: Renew\n", encoding="utf-8")
    path = write(tmp_path, "station: team-room\nscenario: renew-permit.yaml\n")
    assert main(["--headless", "--config", str(path), "--script", str(tmp_path / "none.yaml"),
                 "--record", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: scenario: " in err and "renew-permit.yaml" in err and "Traceback" not in err


def test_a_scenario_file_is_found_beside_the_settings(tmp_path):
    config = load_config(write(tmp_path, "scenario: tasks/own.yaml\n"))
    assert config.scenario == str((tmp_path / "tasks" / "own.yaml").resolve())
    assert load_config(write(tmp_path, "scenario: missed-bin\n")).scenario == "missed-bin"
    path = write(tmp_path, "scenario: Missed Bin\n")
    with pytest.raises(UsageError) as err:
        load_config(path)
    assert str(err.value) == (f"{path}:1: scenario: 'Missed Bin' is not valid (expected a scenario id, or the path "
                              "to a scenario file (.yaml))")
