"""Home and help as a new user meets them (issue 10)."""

from __future__ import annotations

from textual.widgets import OptionList

from coach.core import paths
from coach.ui.app import CoachApp
from coach.ui.builder.screen import BuilderScreen
from coach.ui.player.screen import PlayerScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen

from .helpers import FakeCues, visible_text, wait_for_screen, wait_for_text, wait_until


def app_with(**kwargs: object) -> CoachApp:
    return CoachApp(cues=FakeCues(), emergency_number="112", **kwargs)  # type: ignore[arg-type]


async def test_tab_onto_the_routines_lights_the_first_and_enter_starts_it() -> None:
    app = app_with()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("tab", "tab")
        routines = app.screen.query_one("#routines", OptionList)
        await wait_until(pilot, lambda: app.focused is routines, "the list focused")
        assert routines.highlighted == 0
        await pilot.press("enter")
        await wait_for_screen(pilot, PlayerScreen)


async def test_help_shows_the_real_routines_folder() -> None:
    app = app_with()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        text = visible_text(app)
        assert "$COACH_HOME" not in text
        assert str(paths.user_routines_dir()) in text


async def test_a_routine_saved_in_coach_build_shows_on_home_without_a_restart() -> None:
    app = app_with(start_builder=(None, None))  # as `coach build` with no routine
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        screen = app.screen
        await wait_until(pilot, lambda: screen.focused is not None, "focus in the builder")
        await pilot.press("a")  # the highlighted exercise
        await wait_until(pilot, lambda: len(screen.draft.steps) == 1, "a step added")
        await pilot.press("ctrl+s")
        saved = paths.user_routines_dir() / "my-routine.yaml"
        await wait_until(pilot, saved.exists, "saved")
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "My routine")


async def test_urgent_help_bullets_keep_their_indent_when_wrapped() -> None:
    app = app_with()
    async with app.run_test(size=(50, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("exclamation_mark")
        await wait_for_text(pilot, "Urgent help")
        await pilot.pause()
        text = str(app.screen.query_one("#urgent-text").render())
        rows = text.splitlines()
        bullets = [i for i, row in enumerate(rows) if row.lstrip().startswith("- ")]
        assert bullets
        for i in bullets:  # a bullet's next row is a new bullet, a blank, a heading or hangs
            after = rows[i + 1] if i + 1 < len(rows) else ""
            dash = rows[i].index("- ")
            if after.strip() and not after.lstrip().startswith("- ") and after.startswith(" "):
                assert after.startswith(" " * (dash + 2)), (rows[i], after)


async def test_help_puts_one_key_on_a_row() -> None:
    app = app_with()
    async with app.run_test(size=(50, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        text = visible_text(app)
        assert "n or →  next part" in text and "q       stop (asks first)" in text
