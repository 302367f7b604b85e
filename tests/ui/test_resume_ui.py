"""A session cut short (a reloaded page, a phone gone to sleep, a closed terminal) is offered on
home at once, in one key or one tap, and carries on where it was with the time still right: the
same journal row, so the cramp counts once. Both clocks are fakes: the app's monotonic one and
the wall clock the journal's positions are kept in."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from coach.core.bedside.contrast import AA_NORMAL_TEXT
from coach.core.journal.episodes import count_cramps
from coach.core.routines.routine import Routine
from coach.core.session.clock import FakeClock
from coach.ui.app import CoachApp
from coach.ui.player.screen import PlayerScreen
from coach.ui.preferences import themes
from coach.ui.screens.home import HomeScreen
from coach.ui.widgets.resume_offer import ResumeOffer

from .contrast_scan import too_faint
from .helpers import (
    advance,
    builtin,
    footer,
    journal_rows,
    make_app,
    phase,
    player,
    relief,
    shown_clock,
    title,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)
STRETCH = "Pull your toes toward you"


class Clocks:
    """The app's monotonic clock and the wall clock, moved together (time passes for both)."""

    def __init__(self) -> None:
        self.mono = FakeClock(1000.0)
        self.wall = FakeClock(time.time())  # near the real one: rows end on the real clock

    def advance(self, seconds: float) -> None:
        self.mono.advance(seconds)
        self.wall.advance(seconds)


def app_on(clocks: Clocks, routine: Routine | None = None) -> CoachApp:
    app, _, _ = make_app(routine, clock=clocks.mono)
    app.wall_clock = clocks.wall  # type: ignore[attr-defined]  # the seam: app_services.wall_time
    return app


async def recording(pilot: Pilot) -> None:
    await wait_for_screen(pilot, PlayerScreen)
    await wait_until(pilot, lambda: player(pilot.app).recorder is not None, "journal row opened")


async def cut_short(clocks: Clocks, seconds_in: float, *, pause: bool = False) -> int:
    """Relief started, `seconds_in` seconds of its first stretch done, then the terminal (or the
    browser tab) goes: the app ends as on SIGHUP. The row's id."""
    app = app_on(clocks, relief())
    async with app.run_test(size=SIZE) as pilot:
        await recording(pilot)
        clocks.advance(seconds_in)
        player(app)._refresh_view()
        if pause:
            await pilot.press("space")
        await pilot.pause()
        app.finish("interrupted", 129)  # what a hangup does (CoachApp._on_ending_signal)
    (row,) = journal_rows()
    assert row.status == "interrupted"
    return row.id


def offer(app) -> ResumeOffer:  # type: ignore[no-untyped-def]
    return app.screen.query_one(ResumeOffer)


async def offered(pilot: Pilot) -> str:
    await wait_for_screen(pilot, HomeScreen)
    await wait_until(pilot, lambda: offer(pilot.app).display, "the offer to pick up")
    await wait_until(pilot, lambda: " Pick up " in footer(pilot.app), "r Pick up on the key bar")
    return str(offer(pilot.app).label)


async def test_r_on_home_picks_up_the_stretch_with_the_time_real_time_left() -> None:
    clocks = Clocks()
    row = await cut_short(clocks, 12)
    clocks.advance(8)  # the page reloads: 12 s done, 8 s away, so 10 s of the 30 are left
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        label = await offered(pilot)
        assert label == (
            f"r  Pick up your cramp relief where you left off: {STRETCH}, step 1 of 6, 0:10 left"
        )
        assert app.focused is not None and app.focused.id == "cramp-now"  # Enter: a new cramp
        await pilot.press("r")
        await recording(pilot)
        assert title(app).startswith(STRETCH) and shown_clock(app) == "0:10"
        assert player(app).recorder.session_id == row  # type: ignore[union-attr]
        await advance(pilot, clocks.mono, 10)
        await wait_for_text(pilot, "Has it let go?")
        (again,) = journal_rows()
        assert (again.id, again.status) == (row, "running")  # the same row, going again
        await pilot.press("y")
        await wait_until(pilot, lambda: title(app).startswith("Rub the"), "on to the massage")
    (done,) = journal_rows()
    assert done.id == row and done.release_seconds is not None
    # 12 s, 8 away, 10 more: the cramp's whole time (its row's start is on the real clock, to
    # the second, so up to a second more)
    assert 30 <= done.release_seconds <= 32
    assert count_cramps(journal_rows()[::-1]) == 1


async def test_a_tap_on_the_offer_picks_it_up_and_a_stretch_that_ran_out_asks_if_it_let_go() -> (
    None
):
    clocks = Clocks()
    await cut_short(clocks, 5)
    clocks.advance(120)  # away two minutes: the 30 s stretch ran out meanwhile
    app = app_on(clocks)
    async with app.run_test(size=(46, 40)) as pilot:  # about a phone's width
        label = await offered(pilot)
        assert label.endswith(f"{STRETCH}, step 1 of 6, has it let go?")
        assert await pilot.click(ResumeOffer)
        await recording(pilot)
        await wait_for_text(pilot, "Has it let go?")  # not the stretch again
        session = player(app).session
        # the cramp's whole time: 5 s, then 2 minutes away (its row's start is on the real
        # clock, to the second: a second either way)
        assert session is not None and 123.5 <= session.elapsed(clocks.mono()) <= 126.5


async def test_a_paused_session_comes_back_paused_with_what_was_left() -> None:
    clocks = Clocks()
    await cut_short(clocks, 18, pause=True)
    clocks.advance(240)  # a paused countdown does not run while away
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        assert (await offered(pilot)).endswith("0:12 left, paused")
        await pilot.press("r")
        await recording(pilot)
        assert player(app).session.paused and shown_clock(app) == "0:12"  # type: ignore[union-attr]
        assert "Paused" in phase(app)


async def test_starting_a_new_cramp_declines_it_and_it_stays_interrupted() -> None:
    clocks = Clocks()
    row = await cut_short(clocks, 12)
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await pilot.press("enter")  # "I'm cramping now": a new session
        await recording(pilot)
        assert player(app).recorder.session_id != row  # type: ignore[union-attr]
        await pilot.press("q", "y")  # stopped: back on home
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause(0.3)  # home looks at the journal again, on its thread
        await pilot.pause()
        assert not offer(app).display and " Pick up " not in footer(app)
    rows = {r.id: r.status for r in journal_rows()}
    assert rows[row] == "interrupted" and len(rows) == 2


async def test_no_offer_once_the_window_has_passed() -> None:
    clocks = Clocks()
    await cut_short(clocks, 12)
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        clocks.advance(11 * 60)  # relief is offered for 10 minutes
        offer(app)._tick()
        await wait_until(pilot, lambda: not offer(app).display, "the offer withdrawn")
        await wait_until(pilot, lambda: " Pick up " not in footer(app), "the key gone")
        await pilot.press("r")  # nothing: no key on offer
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "I'm cramping now")
        await pilot.pause(0.3)  # the journal read, on its thread
        assert not offer(app).display and "Pick up" not in visible_text(app)


@pytest.mark.parametrize("look", ["night", "day"])
async def test_the_offer_is_readable_at_night_and_by_day(look: str) -> None:
    clocks = Clocks()
    await cut_short(clocks, 12)
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await wait_until(pilot, lambda: app.use_command_palette, "bedside settings applied")
        themes.set_look(app, look)
        await pilot.pause()
        faint = too_faint(app, AA_NORMAL_TEXT)
        assert not faint, "\n".join(faint)
        await pilot.hover(ResumeOffer)
        await pilot.pause()
        faint = too_faint(app, AA_NORMAL_TEXT)
        assert not faint, "hovered:\n" + "\n".join(faint)


async def test_a_nightly_routine_comes_back_on_the_same_side_and_set_with_its_holds() -> None:
    clocks = Clocks()
    app = app_on(clocks, builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await recording(pilot)
        await pilot.press("enter")  # past "How to stretch"
        await pilot.pause()
        clocks.advance(3 + 5 * 10 + 10 + 6)  # the left side's three holds, the switch, 6 s in
        player(app)._refresh_view()
        await pilot.pause()
        segment = player(app).session.current  # type: ignore[union-attr]
        assert segment is not None and (segment.side, segment.set_number) == ("right", 1)
        app.finish("interrupted", 129)
    clocks.advance(2)
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        label = await offered(pilot)
        assert label.startswith("r  Pick up Quick nightly stretch")
        assert label.endswith(
            "Wall calf stretch, knee straight, right side, step 2 of 3, 0:02 left"
        )
        await pilot.press("r")
        await recording(pilot)
        session = player(app).session
        assert session is not None and session.current is not None
        assert (session.current.side, session.current.set_number) == ("right", 1)
        assert session.remaining(clocks.mono()) == pytest.approx(2.0)
        assert session.hold_seconds_done == 30  # the left side's three holds still count


async def test_a_key_of_your_own_for_it_is_the_one_the_line_names(coach_home: Path) -> None:
    (coach_home / "settings.yaml").write_text("keymap:\n  home-resume: p\n", encoding="utf-8")
    clocks = Clocks()
    await cut_short(clocks, 12)
    app = app_on(clocks)
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await wait_until(pilot, lambda: bool(app.user_keymap), "the keymap applied")
        offer(app)._tick()  # the line is said again each second
        await wait_until(pilot, lambda: str(offer(app).label).startswith("p  Pick up"), "p")
        await pilot.press("p")
        await recording(pilot)
        assert player(app).resume is not None


async def test_a_reload_while_the_old_tab_still_saves_offers_it_once_that_coach_is_gone() -> None:
    """The new page's home opens while the old tab's coach still holds its row 'running' (it
    is given 2.5 s, then killed): home looks again, and closes the row once that coach is gone."""
    clocks = Clocks()
    row = await cut_short(clocks, 12)
    old_tab = subprocess.Popen(["sleep", "60"])
    try:
        conn = sqlite3.connect(coach_journal())
        with conn:  # as the old tab's coach left it: running, in its process
            conn.execute(
                "UPDATE sessions SET status = 'running', ended_utc = NULL, pid = ? WHERE id = ?",
                (old_tab.pid, row),
            )
        conn.close()
        app = app_on(clocks)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for_text(pilot, "I'm cramping now")
            await pilot.pause(0.3)
            assert not offer(app).display  # still that coach's
            old_tab.kill()
            old_tab.wait()
            for _ in range(40):  # home looks twice a second, for 5 s
                if offer(app).display:
                    break
                await pilot.pause(0.2)
            assert offer(app).display, visible_text(app)
    finally:
        old_tab.kill()
        old_tab.wait()


def coach_journal() -> Path:
    from coach.core.journal.store import journal_path

    return journal_path()


async def test_r_after_the_window_closed_says_so_and_starts_nothing() -> None:
    clocks = Clocks()
    await cut_short(clocks, 12)
    app = app_on(clocks)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await offered(pilot)
        clocks.advance(11 * 60)  # before the line's next look at the clock
        await pilot.press("r")
        await wait_for_text(pilot, "That session stopped too long ago to pick up.")
        assert isinstance(app.screen, HomeScreen) and not offer(app).display
    assert [r.status for r in journal_rows()] == ["interrupted"]
