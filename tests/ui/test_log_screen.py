"""The log screen (`coach log`, `L` on home): a cramp that is already over, then the check."""

from __future__ import annotations

from textual.widgets import Input, RadioSet, Select

from coach.ui.check.screen import CheckScreen, ResultScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.log import LogScreen

from .helpers import journal_rows, make_app, visible_text, wait_for_screen, wait_for_text

SIZE = (80, 24)


def fill(screen: LogScreen, **values: str) -> None:
    for name, value in values.items():
        screen.query_one(f"#log-{name}", Input).value = value


async def test_home_L_logs_a_cramp_then_runs_the_check() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("L")
        await wait_for_screen(pilot, LogScreen)
        screen = app.screen
        assert "Log a cramp that is already over" in visible_text(app)
        screen.query_one("#log-when", Select).value = "last night 3am"
        screen.query_one("#log-leg", RadioSet).query("RadioButton").first().value = True
        fill(screen, minutes="3", pain="6", note="woke me up")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, "Question 1 of")
        await pilot.press("a", "n")  # none of the most urgent group
        await wait_for_text(pilot, "Question")
    (row,) = journal_rows()
    assert (row.kind, row.leg, row.site, row.pain, row.note) == (
        "relief",
        "l",
        "calf",
        6,
        "woke me up",
    )
    assert row.entered_afterwards and row.release_seconds == 180
    assert row.started.hour == 3 and row.warning_answers and not any(row.warning_answers.values())


async def test_a_mistake_is_said_in_one_line_and_nothing_is_written() -> None:
    app, _, _ = make_app(start_screen="log")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LogScreen)
        fill(app.screen, pain="11")
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "pain: expected a whole number from 0 to 10; got '11'")
        assert isinstance(app.screen, LogScreen)
        fill(app.screen, pain="", **{"when-text": "tomorrow"})
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "when: expected a time like")
    assert journal_rows() == []


async def test_markup_in_what_was_typed_is_shown_as_typed() -> None:
    app, _, _ = make_app(start_screen="log")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LogScreen)
        fill(app.screen, **{"when-text": "[b]3am\x1b[31m"})
        await pilot.press("ctrl+s")
        await wait_for_text(pilot, "got '[b]3am")  # the markup is shown, not applied
        error = str(app.screen.query_one("#log-error").render())
        assert "\x1b" not in error and "\\x1b" in error  # the control character made visible


async def test_escape_goes_back_home_without_writing() -> None:
    app, _, _ = make_app(start_screen="log")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LogScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
    assert journal_rows() == []


async def test_the_check_result_is_saved_on_the_logged_row() -> None:
    app, _, _ = make_app(start_screen="log")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, LogScreen)
        fill(app.screen, **{"when-text": "2h ago"})
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CheckScreen)
        for _ in range(60):
            if isinstance(app.screen, ResultScreen):
                break
            await pilot.press("n")
        await wait_for_screen(pilot, ResultScreen)
    (row,) = journal_rows()
    assert row.entered_afterwards and len(row.warning_answers) > 5


async def test_after_a_logged_cramp_the_result_does_not_say_stop_the_routine() -> None:
    """No routine ran after `coach log`: the same-day result tells what to do, not to stop one."""
    app, _, _ = make_app(start_screen="log")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, LogScreen)
        fill(app.screen, **{"when-text": "2h ago"})
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, CheckScreen)
        for _ in range(60):
            if isinstance(app.screen, ResultScreen):
                break
            if app.screen.asking_swollen:  # after the yes to T2: which leg
                await pilot.press("l")
                continue
            question = app.screen.check.current
            await pilot.press("y" if question is not None and question.id == "T2" else "n")
        await wait_for_screen(pilot, ResultScreen)
        await wait_for_text(pilot, "Get seen today")
        text = " ".join(visible_text(app).split())
        assert "You said: one calf or leg is swollen" in text
        assert "Stop the routine" not in text
