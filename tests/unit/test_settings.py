from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.settings import DEFAULT_EMERGENCY_NUMBER, load_settings, settings_path


def write(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults() -> None:
    settings = load_settings()
    assert settings.emergency_number == DEFAULT_EMERGENCY_NUMBER
    assert settings.sound == "auto" and settings.problem is None


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
