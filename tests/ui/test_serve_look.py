"""In a browser (coach serve sets TEXTUAL_DRIVER), the night theme is in force for the first
frame: a reload at night never shows the day look first. In a terminal it still waits for the
first frame (settings.yaml is off the cramp path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.ui.app import KEYBOARD_TOO, CoachApp
from coach.ui.preferences.themes import NIGHT

from .helpers import make_app, relief, wait_until

WEB_DRIVER = "textual.drivers.headless_driver:HeadlessDriver"  # any driver: only the name is read


def themes_at_first_frame(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    note = CoachApp._note_first_frame

    def noting(app: CoachApp) -> None:
        if app.first_frame_at is None:
            seen.append(app.theme)
        note(app)

    monkeypatch.setattr(CoachApp, "_note_first_frame", noting)
    return seen


async def test_in_a_browser_the_first_frame_is_already_night(
    monkeypatch: pytest.MonkeyPatch, night_theme: None
) -> None:
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    seen = themes_at_first_frame(monkeypatch)
    app, _, _ = make_app(relief())
    async with app.run_test(size=(60, 30)) as pilot:
        await wait_until(pilot, lambda: bool(seen), "the first frame")
        await wait_until(pilot, lambda: app.use_command_palette, "bedside settings applied")
        assert seen == [NIGHT.name]
        assert app.theme == NIGHT.name
        said = [str(note.message) for note in app._notifications]
        assert said.count(KEYBOARD_TOO) == 1  # on the phone: the keyboard works too, once


async def test_in_a_terminal_the_theme_still_waits_for_the_first_frame(
    monkeypatch: pytest.MonkeyPatch, night_theme: None, coach_home: Path
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    seen = themes_at_first_frame(monkeypatch)
    app, _, _ = make_app(relief())
    async with app.run_test(size=(60, 30)) as pilot:
        await wait_until(pilot, lambda: app.use_command_palette, "bedside settings applied")
        assert seen == ["coach-day"]
        assert app.theme == NIGHT.name
        assert KEYBOARD_TOO not in [str(note.message) for note in app._notifications]
