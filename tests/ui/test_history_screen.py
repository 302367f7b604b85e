"""The history screen and the ways to it, read as a person would."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable

from coach.core.journal.store import Journal
from coach.ui.screens.builder import BuilderScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen

from .helpers import make_app, visible_text, wait_for_screen, wait_for_text

SIZE = (100, 40)


def fill_journal() -> None:
    now = datetime.now().astimezone()
    with Journal.open() as journal:
        for days_ago, leg, seconds in ((1, "l", 75.0), (9, "r", 40.0)):
            sid = journal.start_session("cramp-now", "relief", started=now - timedelta(days_ago))
            journal.update_session(sid, leg=leg, release_seconds=seconds)
            journal.record_warnings(sid, {"T2": days_ago == 1}, "today" if days_ago == 1 else None)
            journal.end_session(
                sid, "completed", ended=now - timedelta(days_ago) + timedelta(0, 300)
            )
        for days_ago in (0, 1, 2):
            pid = journal.start_session("nightly", "prevention", started=now - timedelta(days_ago))
            journal.end_session(pid, "completed", ended=now - timedelta(days_ago))


async def test_history_shows_streak_weeks_and_episodes() -> None:
    fill_journal()
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await wait_for_text(pilot, "Nightly routine streak: 3 days")
        text = visible_text(app)
        assert "week of" in text and "nightly routines" in text
        assert "█" in text and "▒" in text  # both bars drawn for the weeks that had some
        table = app.screen.query_one("#episodes", DataTable)
        assert table.row_count == 2
        newest = [str(cell) for cell in table.get_row_at(0)]  # Text cells: never markup
        assert newest[1:] == ["left", "cramp-now", "1:15", "get seen today"]
        assert "coach history --export md" in text


async def test_an_empty_history_says_what_it_will_hold() -> None:
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Nothing recorded yet")
        assert "Recent cramps" not in visible_text(app)


async def test_home_h_opens_history_and_q_comes_back() -> None:
    fill_journal()
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "Last cramp: yesterday")
        await pilot.press("h")
        await wait_for_screen(pilot, HistoryScreen)
        await pilot.press("q")
        await wait_for_screen(pilot, HomeScreen)
        assert app.is_running


async def test_home_b_opens_the_builder() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("b")
        await wait_for_screen(pilot, BuilderScreen)
        await wait_for_text(pilot, "Exercise library")
