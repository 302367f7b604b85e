"""Everything a key does can be done with a tap or a click (a phone at the bedside): the key
bar's entries, the two answers to "has it let go?", the stop dialog, home's urgent line, the
leg warning's answers."""

from __future__ import annotations

from datetime import datetime

import pytest

from coach.core.guidance.safety_record import SafetyRecord, write_record
from coach.ui.dialogs.confirm import ConfirmScreen
from coach.ui.dialogs.leg_warning import LegWarningScreen
from coach.ui.player.screen import PlayerScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.urgent import UrgentScreen
from coach.ui.widgets.key_bar import KeyBar

from .helpers import (
    advance,
    journal_rows,
    make_app,
    phase,
    player,
    relief,
    title,
    wait_for_screen,
    wait_until,
)

SIZE = (60, 30)  # about what a phone shows


async def started(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, PlayerScreen)
    await wait_until(pilot, lambda: player(pilot.app).recorder is not None, "journal row opened")


def entry_column(bar: KeyBar, label: str) -> int:
    """The column of the key bar entry whose label is `label`, as drawn."""
    text = str(bar.render())
    at = text.find(f" {label} ")
    assert at >= 0, f"{label!r} not on the key bar: {text!r}"
    return at + 1


async def tap_entry(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    bar = pilot.app.screen.query_one(KeyBar)
    await wait_until(pilot, lambda: f" {label} " in str(bar.render()), f"{label} on the bar")
    await pilot.pause()  # laid out: the bar where it is drawn
    assert await pilot.click(bar, offset=(entry_column(bar, label), 0))
    await pilot.pause()


async def test_tapping_pause_then_go_on_on_the_key_bar() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tap_entry(pilot, "Pause")
        await wait_until(pilot, lambda: player(app).session.paused, "paused by a tap")
        await tap_entry(pilot, "Go on")
        await wait_until(pilot, lambda: not player(app).session.paused, "going on by a tap")


async def test_tapping_urgent_help_and_quit_on_the_key_bar() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tap_entry(pilot, "Urgent help")
        await wait_for_screen(pilot, UrgentScreen)
        await pilot.press("q")
        await wait_for_screen(pilot, PlayerScreen)
        await tap_entry(pilot, "Quit")
        await wait_for_screen(pilot, ConfirmScreen)
        assert await pilot.click("#confirm-yes")  # "y stop", tapped
        await wait_until(pilot, lambda: not app.is_running, "the app ended")
    (row,) = journal_rows()
    assert row.status == "stopped"


async def test_the_stop_dialog_keep_going_is_a_tap_too() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmScreen)
        assert await pilot.click("#confirm-no")
        await wait_for_screen(pilot, PlayerScreen)
        assert not player(app).session.finished


async def test_tapping_next_on_the_key_bar() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tap_entry(pilot, "Next")
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "moved on by a tap")


async def test_has_it_let_go_offers_two_large_targets_that_answer() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        answers = player(app).query_one("#let-go")
        assert not answers.display or answers.region.height == 0  # only at the question
        await advance(pilot, clock, 30)
        assert phase(app) == "Has it let go?"
        await pilot.pause()
        no, yes = app.screen.query_one("#let-go-no"), app.screen.query_one("#let-go-yes")
        for target in (yes, no):  # large: a third of the width or more, several rows high
            assert target.region.width >= SIZE[0] // 3 and target.region.height >= 3
        assert await pilot.click("#let-go-no")
        await wait_until(pilot, lambda: phase(app) == "Hold", "stretching again")
        await advance(pilot, clock, 30)
        assert phase(app) == "Has it let go?"
        await pilot.pause()
        assert await pilot.click("#let-go-yes")
        await wait_until(pilot, lambda: title(app).startswith("Rub the muscle"), "moved on")
        assert player(app).session.release_seconds is not None


async def test_home_urgent_line_and_key_bar_are_taps() -> None:
    app, _, _ = make_app(None)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        disclaimer = app.screen.query_one("#disclaimer")
        text = str(disclaimer.render())
        at = text.find("Press ! for urgent signs")
        assert at >= 0
        width = disclaimer.content_region.width
        assert await pilot.click(disclaimer, offset=(at % width + 2, at // width))
        await wait_for_screen(pilot, UrgentScreen)
        await pilot.press("q")
        await wait_for_screen(pilot, HomeScreen)
        await tap_entry(pilot, "Help")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "help")


async def tap_on_row(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    """Tap the entry `label` of a key bar of one or more rows, where it is drawn."""
    bar = pilot.app.screen.query_one(KeyBar)
    await wait_until(pilot, lambda: f" {label} " in str(bar.render()), f"{label} on the bar")
    await pilot.pause()
    rows = str(bar.render()).split("\n")
    row = next(n for n, text in enumerate(rows) if f" {label} " in text)
    assert await pilot.click(bar, offset=(rows[row].find(f" {label} ") + 1, row))
    await pilot.pause()


@pytest.mark.parametrize(
    ("label", "opens"),
    [("History", "HistoryScreen"), ("Build", "BuilderScreen"), ("Log", "LogScreen"),
     ("Urgent help", "UrgentScreen"), ("Help", "HelpScreen")],
)  # fmt: skip
async def test_at_40x12_each_of_homes_keys_on_its_two_rows_is_a_tap(label: str, opens: str) -> None:
    app, _, _ = make_app(None)
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: app.screen.query_one(KeyBar).size.height == 2, "2 rows")
        await tap_on_row(pilot, label)
        await wait_until(pilot, lambda: type(app.screen).__name__ == opens, opens)


async def test_the_leg_warning_is_answered_by_a_tap() -> None:
    write_record(SafetyRecord(leg="left", leg_since=datetime.now().astimezone().isoformat()))
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LegWarningScreen)
        await tap_entry(pilot, "Other leg")
        await wait_until(pilot, lambda: player(app).session is not None, "the stretch begins")
        assert player(app).leg == "right"
