"""Issue 23: home always comes back with "I'm cramping now" focused, so Enter starts relief,
whatever was started from home before (a routine from the list, foot relief) and stopped."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button

from coach.ui.app import CoachApp
from coach.ui.dialogs.confirm import ConfirmScreen
from coach.ui.screens.home import HomeScreen

from .helpers import FakeCues, player, wait_for_screen, wait_until


def focused_id(app: CoachApp) -> str | None:
    return app.focused.id if app.focused is not None else None


async def stop_and_come_home(pilot: Pilot) -> None:
    await pilot.press("q")
    await wait_for_screen(pilot, ConfirmScreen)
    await pilot.press("y")
    await wait_for_screen(pilot, HomeScreen)


async def enter_starts_relief(pilot: Pilot) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: focused_id(app) == "cramp-now", "I'm cramping now focused")
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.screen.__class__.__name__ == "PlayerScreen", "player")
    assert player(app).routine.id == "cramp-now"  # type: ignore[arg-type]


async def test_after_a_routine_from_the_list_is_stopped_enter_starts_relief() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("tab", "tab", "down", "enter")  # a routine from the list
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "PlayerScreen", "player")
        assert player(app).routine.id != "cramp-now"  # type: ignore[arg-type]
        await stop_and_come_home(pilot)
        await enter_starts_relief(pilot)


async def test_after_foot_relief_is_stopped_enter_starts_relief() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.screen.query_one("#cramp-foot", Button).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen.__class__.__name__ == "PlayerScreen", "player")
        assert player(app).routine.id == "cramp-foot"  # type: ignore[arg-type]
        await stop_and_come_home(pilot)
        await enter_starts_relief(pilot)
