from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.safe_text import unsafe_character
from coach.core.settings import DEFAULT_EMERGENCY_NUMBER, Settings, load_settings, settings_path


def write(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults() -> None:
    settings = load_settings()
    assert settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    assert settings.sound == "auto" and settings.problem is None and settings.problems == ()


def test_the_file_lives_beside_the_routines_folder(coach_home: Path) -> None:
    assert settings_path() == coach_home / "settings.yaml"


def test_values_from_the_file() -> None:
    write('emergency_number: "999"\nsound: bell\n')
    settings = load_settings()
    assert (settings.emergency_number, settings.sound) == ("999", "bell")


def test_the_environment_wins_over_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    write('emergency_number: "999"\n')
    monkeypatch.setenv("COACH_EMERGENCY_NUMBER", "911")
    assert load_settings().emergency_number == "911"


@pytest.mark.parametrize(
    "text",
    [
        "emergency_number: [unclosed\n",
        "- a list\n- not a mapping\n",
        b"\xff\xfe\x00bad".decode("latin-1"),
    ],
)
def test_a_broken_file_says_so_in_one_line_and_keeps_the_defaults(text: str) -> None:
    path = write(text)
    settings = load_settings()
    assert settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    assert settings.problem is not None and str(path) in settings.problem
    assert "\n" not in settings.problem


def test_an_unknown_sound_mode_falls_back_to_auto() -> None:
    write("sound: loud\n")
    assert load_settings().sound == "auto"


@pytest.mark.parametrize(("flag", "expected"), [(None, "bell"), ("off", "off"), ("auto", "auto")])
def test_the_app_takes_sound_from_settings_unless_the_command_line_says(
    flag: str | None, expected: str
) -> None:
    from coach.ui.app import CoachApp

    write("sound: bell\n")
    assert CoachApp(sound_mode=flag).cues.mode == expected


def only_problem(settings: Settings) -> str:
    (problem,) = settings.problems
    assert unsafe_character(problem) is None  # one line, nothing the terminal would act on
    return problem


@pytest.mark.parametrize(
    ("written", "read_as"), [("000", "0"), ("0112", "74"), ("999", None), ("1_1_2", "112")]
)
def test_an_unquoted_number_is_reported_where_it_is_and_the_default_kept(
    written: str, read_as: str | None
) -> None:
    path = write(f"emergency_number: {written}\nsound: bell\n")
    settings = load_settings()
    assert (settings.emergency_number, settings.sound) == (DEFAULT_EMERGENCY_NUMBER, "bell")
    problem = only_problem(settings)
    assert problem.startswith(f"{path}:1:19: emergency_number: expected the number in quotes")
    assert f'like "{written}", got {written} unquoted' in problem
    assert (f"(YAML reads it as {read_as})" in problem) == (read_as is not None)
    assert problem.endswith("; using the default")


@pytest.mark.parametrize("number", ["0112", "000", "112", "+44 (0)20 7946-0000", " 911 "])
def test_a_quoted_number_is_kept_as_written(number: str) -> None:
    write(f'emergency_number: "{number}"\n')
    settings = load_settings()
    assert settings.emergency_number == number.strip() and settings.problems == ()


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ('"call 999"', "'call 999'"),
        ('"123456789012345678901"', "'123456789012345678901'"),
        ('""', "''"),
        ('"+ - ()"', "'+ - ()'"),
        ("true", "true"),
        ("", "nothing"),
        ("[999]", "a list"),
    ],
)
def test_a_bad_number_is_reported_once(value: str, got: str) -> None:
    path = write(f"emergency_number: {value}\n")
    settings = load_settings()
    assert settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    problem = only_problem(settings)
    assert problem.startswith(f"{path}:1:") and f"got {got}" in problem


def test_escapes_in_the_file_never_reach_the_screen() -> None:
    path = write('emergency_number: "\\e]0;pwned\\a999"\n"so\\nund": off\n')
    settings = load_settings()
    assert settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    assert [p.split(": ")[0:2] for p in settings.problems] == [
        [f"{path}:1:19", "emergency_number"],
        [f"{path}:2:1", r"so\nund"],
    ]
    assert all(unsafe_character(p) is None for p in settings.problems)


@pytest.mark.parametrize("value", ["99a", "\x1b]0;x\x07", "1" * 21, "9\n9"])
def test_a_bad_environment_value_is_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("COACH_EMERGENCY_NUMBER", value)
    settings = load_settings()
    assert settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    problem = only_problem(settings)
    assert problem.startswith("COACH_EMERGENCY_NUMBER: expected digits, spaces and + ( ) -")
    assert problem.endswith("; using the default")


def test_a_bad_environment_value_leaves_the_files_number(monkeypatch: pytest.MonkeyPatch) -> None:
    write('emergency_number: "112"\n')
    monkeypatch.setenv("COACH_EMERGENCY_NUMBER", "nine nine nine")
    settings = load_settings()
    assert settings.emergency_number == "112"
    assert only_problem(settings).endswith("; using the file's")


@pytest.mark.parametrize("mode", ["off", '"off"', "bell", "auto"])
def test_sound_off_unquoted_means_off(mode: str) -> None:
    """YAML 1.1 reads a plain off as false; the README writes `sound: off`."""
    write(f"sound: {mode}\n")
    settings = load_settings()
    assert settings.sound == mode.strip('"') and settings.problems == ()


@pytest.mark.parametrize("mode", ["loud", "Off", "1", "[bell]", '"bell\\e[2J"'])
def test_a_bad_sound_mode_is_reported_where_it_is(mode: str) -> None:
    path = write(f'emergency_number: "999"\nsound: {mode}\n')
    settings = load_settings()
    assert (settings.sound, settings.emergency_number) == ("auto", "999")
    assert only_problem(settings).startswith(f"{path}:2:8: sound: expected ")


def test_unknown_and_repeated_keys_are_reported_and_the_rest_is_used() -> None:
    path = write('emergency_numbr: "112"\nsound: bell\nsound: off\n')
    settings = load_settings()
    assert settings.sound == "bell"
    assert settings.problems == (
        f"{path}:1:1: emergency_numbr: unknown key 'emergency_numbr'; "
        "did you mean 'emergency_number'? (ignored)",
        f"{path}:3:1: sound: expected each key once, got 'sound' again; using the first",
    )
    assert settings.problem == "\n".join(settings.problems)


@pytest.mark.parametrize("text", ["", "# nothing set yet\n"])
def test_an_empty_file_is_all_defaults_without_a_problem(text: str) -> None:
    write(text)
    assert load_settings() == Settings()


def test_unsafe_tags_in_settings_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write(f'emergency_number: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert "unsafe tag" in only_problem(load_settings()) and not marker.exists()


@pytest.mark.parametrize(
    ("text", "voice", "speed"),
    [
        ("", "on", 1.0),
        ("voice: off\n", "off", 1.0),
        ("voice: on\nvoice_speed: 1.5\n", "on", 1.5),
        ('voice: "off"\nvoice_speed: 2\n', "off", 2.0),
    ],
)
def test_voice_and_its_speed(text: str, voice: str, speed: float) -> None:
    write(text)
    settings = load_settings()
    assert (settings.voice, settings.voice_speed, settings.problems) == (voice, speed, ())


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("voice: loud\n", "1:8: voice", "expected on or off, got 'loud'"),
        ("voice: yes\n", "1:8: voice", "expected on or off, got yes"),
        ("voice_speed: 3\n", "1:14: voice_speed", "expected a speed from 0.5 to 2.0"),
        ("voice_speed: fast\n", "1:14: voice_speed", "expected a speed from 0.5 to 2.0"),
        ("voice_sped: 1\n", "1:1: voice_sped", "did you mean 'voice_speed'?"),
    ],
)
def test_a_bad_voice_setting_is_one_located_line(text: str, where: str, expected: str) -> None:
    path = write(text)
    settings = load_settings()
    assert (settings.voice, settings.voice_speed) == ("on", 1.0)
    assert only_problem(settings).startswith(f"{path}:{where}: ")
    assert expected in only_problem(settings)
    assert "\n" not in only_problem(settings)
