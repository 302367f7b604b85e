"""A resize queued before the terminal closed can reach a screen after the app began to end,
while Textual takes its widgets down. It must change nothing and raise nothing: an exception
there made `coach` exit 1 instead of 129 in 4 of 90 closed terminals
(tests/e2e/test_terminal_gone.py found it)."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.screen import Screen

from coach.ui.app import CoachApp
from coach.ui.screens.home import HomeScreen

from .helpers import FakeCues, wait_for_screen


async def resize_while_ending(pilot, screen: Screen) -> None:  # type: ignore[no-untyped-def]
    """What the hangup leaves: the exit hooks have run and the widgets are going."""
    pilot.app.ending = True
    await screen.query("Static").remove()
    screen.post_message(events.Resize(Size(60, 20), Size(60, 20)))
    await pilot.pause()
    await pilot.pause()


async def test_home_ignores_a_resize_once_the_app_is_ending() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await resize_while_ending(pilot, app.screen)
        assert app.return_code is None  # an exception in a handler sets 1 and ends the app
        assert app.is_running
