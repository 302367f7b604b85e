"""A terminal closed mid-relief (SIGHUP) loses nothing: the next `coach` offers the session on
home at once, and `r` picks it up at the step it was on, in the same journal row."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from .installed import (
    JOURNAL,
    READY,
    START_TIMEOUT,
    STEP_TIMEOUT,
    journal_rows,
    no_traceback,
    start,
    wait_rows,
)

pytestmark = pytest.mark.e2e


def position_kept(home: Path) -> bool:
    with sqlite3.connect(f"file:{home / JOURNAL}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT position FROM sessions").fetchone()[0] is not None


def test_a_closed_terminal_mid_relief_is_offered_next_time_and_r_picks_it_up(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home) as term:  # home, as `coach serve`'s tabs start too
        term.wait_for("I'm cramping now", timeout=START_TIMEOUT)
        term.press("enter")
        term.wait_for(READY, timeout=START_TIMEOUT)
        wait_rows(coach_home, lambda r: len(r) == 1 and position_kept(coach_home), "a position")
        term.signal(signal.SIGHUP)  # the terminal window closed
        assert term.wait_exit(timeout=STEP_TIMEOUT) == 128 + signal.SIGHUP
    assert journal_rows(coach_home) == [(1, "cramp-now", "interrupted")]

    with start(coach, coach_home) as term:
        term.wait_for("Pick up your cramp relief where you left off", timeout=START_TIMEOUT)
        term.wait_for(" r Pick up ", timeout=STEP_TIMEOUT)  # the key bar names the key
        term.press("r")
        term.wait_for("Pull your toes toward you  ·  step 1 of 6", timeout=STEP_TIMEOUT)
        term.wait_for(READY, timeout=STEP_TIMEOUT)
        wait_rows(coach_home, lambda r: r == [(1, "cramp-now", "running")], "the row again")
        no_traceback(term)
