"""`coach now` started again before the cramp let go: the 10-minute rule counts from the first
start (coach/core/session/episode.py), the user is told so, and the journal keeps the whole time."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from coach.core.journal.store import Journal

from .helpers import (
    advance,
    finish_relief,
    journal_rows,
    make_app,
    player,
    relief,
    visible_text,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)


def earlier_relief(started_min_ago: float, ended_min_ago: float, released: bool = False) -> None:
    now = datetime.now().astimezone()
    with Journal.open() as journal:
        session_id = journal.start_session(
            "cramp-now", "relief", started=now - timedelta(minutes=started_min_ago)
        )
        if released:
            journal.update_session(session_id, release_seconds=40.0)
        journal.end_session(session_id, "stopped", ended=now - timedelta(minutes=ended_min_ago))


async def test_a_restart_mid_cramp_brings_the_ten_minute_line_forward() -> None:
    earlier_relief(started_min_ago=9, ended_min_ago=1)  # quit a minute ago, not let go
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
        await wait_for_text(pilot, "Same cramp as before (it began 9 min ago)")
        session = player(app).session
        assert session is not None and 8.5 * 60 < session.carried_seconds < 9.5 * 60
        assert "Over 10 minutes" not in visible_text(app)
        await advance(pilot, clock, 30)  # the first stretch ends: "has it let go?"
        await advance(pilot, clock, 35)  # past ten minutes of this cramp
        await wait_for_text(pilot, "Over 10 minutes and not easing?")


async def test_the_check_and_the_journal_count_the_whole_cramp() -> None:
    earlier_relief(started_min_ago=12, ended_min_ago=2)
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)  # let go after the first 30 s stretch of this session
        await wait_for_text(pilot, "This cramp had not let go after 10 minutes of stretching.")
        assert "T1" in app.screen.check.observed
    released = [r.release_seconds for r in journal_rows() if r.release_seconds is not None]
    assert len(released) == 1 and released[0] > 10 * 60  # the whole cramp, not the last 30 s


async def test_a_cramp_that_let_go_earlier_is_not_carried() -> None:
    earlier_relief(started_min_ago=9, ended_min_ago=1, released=True)
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
        await pilot.pause()
        assert player(app).session.carried_seconds == 0.0  # type: ignore[union-attr]
        assert "Same cramp" not in visible_text(app)


async def test_a_slow_journal_holds_neither_the_keys_nor_the_same_cramp_carry() -> None:
    """A journal that takes long to open (a million sessions: half a second) must not hold the
    screen, and the carry must still come once it is open, however late."""
    earlier_relief(started_min_ago=9, ended_min_ago=1)
    gate = threading.Event()
    app, clock, _ = make_app(relief())
    app.journal.later(lambda: gate.wait(30))  # the writer thread is busy until the gate opens
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await wait_until(pilot, lambda: player(app).recorder is not None, "row asked for")
            await pilot.press("space")
            await wait_for_text(pilot, "Paused")
            assert "Same cramp" not in visible_text(app)  # the journal has not been read yet
            gate.set()
            await wait_for_text(pilot, "Same cramp as before (it began 9 min ago)")
            session = player(app).session
            assert session is not None and 8.5 * 60 < session.carried_seconds < 9.5 * 60
    finally:
        gate.set()
