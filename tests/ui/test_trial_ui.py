"""The trial on screen: history's panel (the chart, or its text form when small) and home's line."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual_plotext import PlotextPlot

from coach.core.journal.entries import save_entry
from coach.core.journal.log_entry import cramp_entry, routine_entry
from coach.core.journal.store import Journal
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen

from .helpers import make_app, wait_for_screen, wait_for_text


def fill(kinds: str) -> None:
    today = datetime.now().astimezone().date()
    first = today - timedelta(days=today.weekday(), weeks=len(kinds))
    with Journal.open() as journal:
        for n, kind in enumerate(kinds):
            monday = first + timedelta(weeks=n)
            if kind == "R":
                for night in range(5):
                    when = f"{monday + timedelta(night)}T22:00"
                    save_entry(journal, routine_entry("nightly", when=when))
            for day in [2] if kind == "R" else [1, 2, 3, 4, 5]:
                save_entry(journal, cramp_entry(when=f"{monday + timedelta(day)}T03:00"))


async def test_history_shows_the_trial_and_its_chart() -> None:
    fill("RROORROO")
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await pilot.pause()
        panel_text = str(app.screen.query_one("#trial-text").render())
        assert "about 1.0 a week" in panel_text and "about 5.0 a week" in panel_text
        assert "Clearly fewer cramps in routine weeks" in panel_text
        assert "Observational" in panel_text
        assert len(app.screen.query(PlotextPlot)) == 1


async def test_a_small_terminal_gets_the_text_form() -> None:
    fill("RROO")
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await pilot.pause()
        assert not app.screen.query(PlotextPlot)
        weeks = str(app.screen.query_one("#trial-weeks").render())
        assert "wk  1" in weeks and "routine" in weeks and "ordinary" in weeks


async def test_an_empty_journal_has_no_trial_panel() -> None:
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_text(pilot, "Nothing recorded yet")
        assert not app.screen.query_one("#trial").display


async def test_home_says_which_trial_week_it_is() -> None:
    with Journal.open() as journal:
        journal.start_trial(datetime.now().astimezone().date(), 8, 2)
    app, _, _ = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "Trial week 1 of 8: a routine fortnight")
