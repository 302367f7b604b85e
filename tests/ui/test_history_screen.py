"""The history screen and the ways to it, read as a person would."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from textual.widgets import DataTable

from coach.core.journal.store import Journal
from coach.ui.builder.screen import BuilderScreen
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


class Gate(threading.Event):
    held_the_screen = False  # a walk ran out of patience: the test could not open the gate


@pytest.fixture
def slow_streak(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """The streak walk held until the test opens the gate (ten years of nightly routines take
    a while). A walk on the event loop would stop the test from opening it: it gives up after
    5 s and says so."""
    gate = Gate()
    walk = Journal.nightly_streak

    def held(self: Journal, today: date | None = None) -> int:
        if not gate.wait(5):
            gate.held_the_screen = True
        return walk(self, today)

    monkeypatch.setattr(Journal, "nightly_streak", held)
    yield gate
    gate.set()


async def test_history_paints_before_the_streak_is_counted(slow_streak) -> None:
    fill_journal()
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Nightly routine streak: counting")
        await wait_for_text(pilot, "week of")  # counted before the streak, shown while it runs
        assert app.screen.query_one("#episodes", DataTable).row_count == 2
        slow_streak.set()
        await wait_for_text(pilot, "Nightly routine streak: 3 days")
    assert not slow_streak.held_the_screen


async def test_home_answers_keys_while_its_journal_line_is_read(slow_streak) -> None:
    fill_journal()
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("h")
        await wait_for_screen(pilot, HistoryScreen)
        slow_streak.set()
        await wait_for_text(pilot, "Nightly routine streak: 3 days")
    assert not slow_streak.held_the_screen


async def test_history_paints_before_the_weeks_are_counted(monkeypatch) -> None:
    """Twelve weeks can hold a million sessions (a journal of copies): counted on the thread."""
    gate = Gate()
    count = Journal.weekly_counts

    def held(self: Journal, weeks: int = 12, now: datetime | None = None):  # type: ignore[no-untyped-def]
        if not gate.wait(5):
            gate.held_the_screen = True
        return count(self, weeks, now)

    monkeypatch.setattr(Journal, "weekly_counts", held)
    fill_journal()
    app, _, _ = make_app(start_screen="history")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "Recent cramps")
            assert app.screen.query_one("#episodes", DataTable).row_count == 2
            assert "week of" not in visible_text(app)
            gate.set()
            await wait_for_text(pilot, "week of")
            await wait_for_text(pilot, "Nightly routine streak: 3 days")
    finally:
        gate.set()
    assert not gate.held_the_screen
