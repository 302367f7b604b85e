"""Issue 23: the user's keymap is the one the screens speak. `pause: p` pauses and p goes on
again (the phase line and key bar say p, not space); `?` and `!` after pausing leave the same
way on; help names the keys in force; a clash names the screen in words."""

from __future__ import annotations

from coach.ui.screens.help import HelpScreen
from coach.ui.screens.urgent import UrgentScreen

from .helpers import (
    footer,
    make_app,
    player,
    relief,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)
from .test_bedside_ui import settled, write_settings

SIZE = (100, 40)


async def test_pause_p_then_p_goes_on_and_the_screen_says_p() -> None:
    write_settings("keymap: {pause: p}\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: player(app).session.paused, "paused by p")
        await wait_for_text(pilot, "Paused · p to go on")
        assert "space" not in visible_text(app)
        await wait_until(pilot, lambda: " p Go on" in footer(app), "p Go on on the key bar")
        await pilot.press("p")
        await wait_until(pilot, lambda: not player(app).session.paused, "p goes on again")
        await pilot.press("space")  # space is not pause any more
        await pilot.pause()
        assert not player(app).session.paused


async def test_after_urgent_help_and_help_the_users_key_goes_on() -> None:
    write_settings("keymap: {pause: p}\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await pilot.press("escape")
        await wait_for_text(pilot, "Paused · p to go on")
        await pilot.press("p")
        await wait_until(pilot, lambda: not player(app).session.paused, "p goes on after !")
        await pilot.press("p", "question_mark")
        await wait_for_screen(pilot, HelpScreen)
        assert "  p       pause, and go on again" in visible_text(app)
        await pilot.press("escape")
        await wait_for_text(pilot, "Paused · p to go on")  # paused by p before ? stays paused
        await pilot.press("p")
        await wait_until(pilot, lambda: not player(app).session.paused, "p goes on after ?")


async def test_help_after_next_j_says_j() -> None:
    write_settings("keymap: {next: j}\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        text = visible_text(app)
        assert "j or →  next part" in text
        assert "n or →" not in text and "  space   pause" in text
        assert "next            j" in text  # under "Your keys": only what the user wrote
        assert "resume" not in text


async def test_a_clash_says_the_screen_in_words() -> None:
    path = write_settings("keymap:\n  pause: b\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert f"{path}:2:10: keymap.pause: key 'b' is already 'back' on the player" in messages
        assert "Screen)" not in messages
