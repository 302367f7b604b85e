"""What a new user tripped over in the player (issue 10): the way on after a pause, the key bar
at every size, the overall bar, skipped steps, and q from a routine started on home."""

from __future__ import annotations

from coach.ui.check.screen import CheckScreen
from coach.ui.player.finished import FinishedScreen
from coach.ui.player.screen import PlayerScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.urgent import UrgentScreen
from coach.ui.widgets.key_bar import fit_keys

from .helpers import (
    advance,
    builtin,
    finish_relief,
    footer,
    make_app,
    phase,
    player,
    relief,
    title,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)


async def test_after_urgent_help_the_screen_says_paused_and_space_goes_on() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: "space Go on" in footer(app), "the key that goes on")
        assert phase(app) == "Paused · space to go on"
        assert "Pause " not in footer(app)
        await pilot.press("space")
        await wait_until(pilot, lambda: "space Pause" in footer(app), "running again")
        assert phase(app) == "Hold"


async def test_paused_at_has_it_let_go_the_question_stays() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        await pilot.press("space", "n")  # paused, then on to the question
        await wait_until(pilot, lambda: phase(app).startswith("Has it let go?"), "question")
        assert "paused (space)" in phase(app)
        assert "y  yes     n  no, stretch again" in visible_text(app)
        assert "space Go on" in footer(app) and "y Yes" in footer(app)


async def test_urgent_help_at_the_question_does_not_leave_it_paused() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "question")
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        await pilot.pause()
        assert phase(app) == "Has it let go?" and not player(app).session.paused


async def test_key_bar_keeps_help_at_80_and_urgent_help_at_40() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        await pilot.press("n", "y", "n", "n")  # heat: the longest key bar (s Skip)
        await wait_until(pilot, lambda: title(app).startswith("Warm"), "heat")
        await wait_until(pilot, lambda: "s Skip" in footer(app), "skip offered")
        assert "! Urgent help" in footer(app) and footer(app).rstrip().endswith("? Help")
        await pilot.resize_terminal(40, 12)
        await wait_until(pilot, lambda: "! Urgent help" in footer(app), "urgent help at 40")


def test_fit_keys_never_drops_urgent_help() -> None:
    keys = [
        ("space", "Pause", "pause"),
        ("n", "Next", "next_or_no"),
        ("!", "Urgent help", "app.urgent"),
    ]
    assert [k[2] for k in fit_keys(keys, 10)] == ["app.urgent"]
    assert fit_keys(keys, 200) == keys


async def test_relief_has_no_overall_bar_prevention_does() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        assert not player(app).query_one("#routine-progress").display
    app, _, _ = make_app(builtin("nightly"))
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        await pilot.pause()
        assert player(app).query_one("#routine-progress").display


async def test_q_y_from_home_goes_back_home_with_the_app_running() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("tab", "tab")  # onto the routine list: the first routine lit
        await wait_until(
            pilot, lambda: app.focused is not None and app.focused.id == "routines", "list"
        )
        await pilot.press("enter")
        await wait_for_screen(pilot, PlayerScreen)
        await pilot.press("q")
        await wait_for_text(pilot, "Stop this session?")
        await pilot.press("y")
        await wait_for_screen(pilot, HomeScreen)
        assert app.is_running
        said = [note.message for note in app._notifications]
        assert any(m.startswith("Stopped after") and "Saved in your journal" in m for m in said)


async def test_a_finished_routine_says_time_steps_saved_and_streak() -> None:
    app, clock, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_for_text(pilot, "How to stretch")
        await pilot.press("enter")
        await wait_until(pilot, lambda: phase(app) == "Get ready", "lead-in")
        await advance(pilot, clock, 3 * 60 + 46)
        await wait_for_screen(pilot, FinishedScreen)
        await wait_for_text(pilot, "Nightly routine streak: 1 day.")
        text = visible_text(app)
        assert "Time taken: 3 min 4" in text and "steps done" in text
        assert "Saved in your journal" in text


async def test_after_relief_the_result_screen_carries_the_summary() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_relief(pilot)
        while isinstance(app.screen, CheckScreen):
            await pilot.press("n")
            await pilot.pause()
        await wait_for_text(pilot, "Leg: right")
        assert "Saved in your journal" in visible_text(app)
