"""The app notes when its first frame went out through Textual's public call_after_refresh (no
private hook): the player's countdown and the bedside settings both wait for that moment."""

from __future__ import annotations

from coach.ui.player.screen import PlayerScreen

from .helpers import make_app, relief, wait_for_text, wait_until


async def test_the_first_frame_is_noted_once_on_the_apps_clock() -> None:
    app, clock, _ = make_app(relief())
    assert app.first_frame_at is None
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Hold")
        await wait_until(pilot, lambda: app.first_frame_at is not None, "first frame noted")
        noted = app.first_frame_at
        assert noted == clock()  # the FakeClock has not moved: noted on it, not on time.time
        clock.advance(5)
        await pilot.pause()
        app.screen.refresh()
        await pilot.pause()
        assert app.first_frame_at == noted  # later frames leave it alone


async def test_home_with_nothing_moving_still_notes_its_first_frame() -> None:
    app, _clock, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.first_frame_at is not None, "first frame noted")
        assert not isinstance(app.screen, PlayerScreen)
