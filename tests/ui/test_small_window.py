"""Issue 23: at 40x12 each screen keeps what a person needs to act: home's routine names and
both relief buttons, the side on the player, every caution line, a toast that does not cover
half the screen for long. (The check's keys at 40x12: tests/ui/test_check_groups.py.)"""

from __future__ import annotations

from textual.widgets import Static
from textual.widgets._toast import Toast

from coach.ui.app import CoachApp
from coach.ui.screens.home import HomeScreen

from .helpers import (
    FakeCues,
    builtin,
    make_app,
    player,
    relief,
    title,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SMALL = (40, 12)


async def test_home_at_40x12_shows_routine_names_and_both_buttons() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "Nightly calf")  # a routine's name, in a row of the list
        text = visible_text(app)
        assert "I'm cramping now" in text and "Foot or toe cramp" in text


async def test_the_player_at_40x12_says_which_leg() -> None:
    app, _, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: player(app).session is not None, "started")
        await pilot.press("n")  # past "How to stretch" to the calf stretch on one leg
        await wait_for_text(pilot, "this leg")
        await wait_for_text(pilot, "Left leg")


async def test_every_heat_caution_line_at_40x12() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: player(app).session is not None, "started")
        await pilot.press("n", "y", "n", "n")
        await wait_until(pilot, lambda: title(app).startswith("Warm"), "heat")
        caution = str(player(app).query_one("#caution", Static).render())
        for words in ("numb", "diabetes or nerve damage", "swollen, red or warm", "heating pad"):
            assert words in " ".join(caution.split()), words
        text = " ".join(visible_text(app).split())
        assert "Never fall asleep on a heating pad." in text
        assert "Enter Done" in text  # how to act stays too (the instructions give way first)


async def test_a_toast_at_40x12_is_flat_and_short() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await wait_until(pilot, lambda: player(app).session is not None, "started")
        app.notify("A sentence long enough to wrap over several rows in a narrow toast.", timeout=8)
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)), "a toast")
        await pilot.pause()
        toast = app.screen.query(Toast).first()
        assert toast.size.height <= 3, toast.size
        assert app._notifications and all(n.timeout <= 4 for n in app._notifications)


async def test_a_toast_shows_a_command_in_quotes_as_the_screens_do() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_until(pilot, lambda: player(app).session is not None, "started")
        app.notify("Cleared: `coach history` shows it. A lone ` stays.", title="See `coach log`")
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)), "a toast")
        await pilot.pause()
        (note,) = app._notifications
        assert note.message == 'Cleared: "coach history" shows it. A lone ` stays.'
        assert note.title == 'See "coach log"'
        text = visible_text(app)
        assert '"coach history" shows it' in text and "`coach" not in text
