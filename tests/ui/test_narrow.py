"""A terminal narrower than the app can draw: "make the window wider" (with the width needed) on
every screen instead of a crash (Textual 8.2.8 raised ValueError below ~10 columns), and the
screen as it was once the window is wide again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from coach.ui.app import CoachApp
from coach.ui.builder.screen import BuilderScreen
from coach.ui.check.screen import CheckScreen
from coach.ui.dialogs.builder_choices import StartPicker
from coach.ui.player.screen import PlayerScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.narrow import MIN_WIDTH, TooNarrowScreen
from coach.ui.screens.urgent import UrgentScreen

from .helpers import make_app, player, relief, visible_text, wait_for_screen, wait_for_text

WIDER = f"{MIN_WIDTH} columns needed"
NARROW = [MIN_WIDTH - 1, 9, 5, 2, 1]


async def builder(app: CoachApp) -> None:
    await app.push_screen(BuilderScreen(routines={}))


async def start_picker(app: CoachApp) -> None:
    await app.push_screen(BuilderScreen(routines={}))
    await app.push_screen(StartPicker([]))


async def check(app: CoachApp) -> None:
    await app.push_screen(CheckScreen())


async def urgent(app: CoachApp) -> None:
    await app.push_screen(UrgentScreen("112"))


async def help_screen(app: CoachApp) -> None:
    await app.push_screen(HelpScreen())


async def history(app: CoachApp) -> None:
    await app.push_screen(HistoryScreen())


async def nothing(app: CoachApp) -> None:
    pass


OPENS: dict[str, tuple[Callable[[CoachApp], Awaitable[None]], type, str]] = {
    "home": (nothing, HomeScreen, "I'm cramping now"),
    "builder": (builder, BuilderScreen, "Exercise library"),
    "start picker": (start_picker, StartPicker, "An empty routine"),
    "check": (check, CheckScreen, "Question 1 of"),
    "urgent": (urgent, UrgentScreen, "112"),
    "help": (help_screen, HelpScreen, "Keys during a routine"),
    "history": (history, HistoryScreen, "Your cramp journal"),
}


async def narrow_then_wide(pilot: Pilot, screen_type: type, text: str) -> None:
    app = pilot.app
    for width in NARROW:
        await pilot.resize_terminal(width, 24)
        await wait_for_screen(pilot, TooNarrowScreen)
        if width >= 5:
            await wait_for_text(pilot, "Make")
        if width >= len(WIDER):
            await wait_for_text(pilot, WIDER)
        await pilot.press("exclamation_mark", "question_mark")  # nothing opens in a sliver
        assert isinstance(app.screen, TooNarrowScreen) and app.is_running
    await pilot.resize_terminal(100, 30)
    await wait_for_screen(pilot, screen_type)
    await wait_for_text(pilot, text)
    assert not any(isinstance(s, TooNarrowScreen) for s in app.screen_stack)


@pytest.mark.parametrize("name", list(OPENS))
async def test_every_screen_says_make_it_wider_and_comes_back(name: str) -> None:
    open_screen, screen_type, text = OPENS[name]
    app, _clock, _cues = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await open_screen(app)
        await wait_for_screen(pilot, screen_type)
        await wait_for_text(pilot, text)
        await narrow_then_wide(pilot, screen_type, text)


@pytest.mark.parametrize("width", [1, 6, MIN_WIDTH - 1])
async def test_starting_in_a_narrow_window(width: int) -> None:
    app, _clock, _cues = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_for_screen(pilot, TooNarrowScreen)
        await pilot.pause()
        assert app.is_running
        await pilot.resize_terminal(100, 30)
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "I'm cramping now")


async def test_the_player_waits_while_it_cannot_be_seen() -> None:
    app, clock, _cues = make_app(relief())
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        await pilot.resize_terminal(8, 24)
        await wait_for_screen(pilot, TooNarrowScreen)
        session = player(app).session
        assert session is not None and session.paused  # no step runs out unseen
        await pilot.resize_terminal(100, 30)
        await wait_for_screen(pilot, PlayerScreen)
        assert not session.paused
        assert "Make the window wider" not in visible_text(app)
