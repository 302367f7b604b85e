"""Issue 9's last items in a real pty: heat waits for Enter before its timer; the hamstring
stretch offers the seated one on `a`; a nightly routine n-skipped through is saved with its
timed work and not counted for the streak."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from .installed import JOURNAL, READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start, wait_rows
from .terminal import Terminal

pytestmark = pytest.mark.e2e


def press_until(term: Terminal, key: str, text: str) -> None:
    """Press `key` one frame at a time until `text` is on screen."""
    deadline = time.monotonic() + 4 * STEP_TIMEOUT
    while text not in term.settled():
        assert time.monotonic() < deadline, term.text()
        term.press(key)
        time.sleep(0.1)


def test_heat_waits_for_enter_before_its_timer(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now", cols=80, rows=24) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        for key, shows in [
            ("n", "Has it let go?"),
            ("y", "Rub the muscle  ·  step 2"),
            ("n", "Walk it off  ·  step 3"),
            ("n", "then press Enter."),
        ]:
            term.press(key)
            term.wait_for(shows, timeout=STEP_TIMEOUT)
        screen = term.wait_for_all(
            ["Warm the muscle  ·  step 4", "5:00 timer starts on Enter", "Skip heat if"],
            timeout=STEP_TIMEOUT,
        )
        assert "Time left" not in screen
        time.sleep(1.5)
        assert "Time left" not in term.settled()  # no timer runs while the towel is fetched
        term.press("enter")
        term.wait_for("Time left", timeout=STEP_TIMEOUT)
        no_traceback(term)


def test_seated_instead_and_a_skipped_routine_not_counted(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "run", "nightly-quick", cols=100, rows=30) as term:
        term.wait_for("How to stretch", timeout=START_TIMEOUT)
        wait_rows(coach_home, lambda rows: bool(rows), "the session's row")
        term.press("enter")
        term.wait_for("Wall calf stretch, knee straight", timeout=STEP_TIMEOUT)
        # The calf stretch offers the seated one too now: go on to the hamstring's own title.
        press_until(term, "n", "Standing hamstring stretch  ·  step 3")
        term.wait_for("a Other stretch", timeout=STEP_TIMEOUT)
        term.press("a")
        term.wait_for("Seated towel stretch", timeout=STEP_TIMEOUT)
        press_until(term, "n", "does not count for the streak")
        term.wait_for("Nightly routine streak: 0 days", timeout=STEP_TIMEOUT)
        wait_rows(coach_home, lambda rows: rows[-1][2] == "completed", "the row completed")
        with sqlite3.connect(f"file:{coach_home / JOURNAL}?mode=ro", uri=True) as conn:
            done, planned, names = conn.execute(
                "SELECT timed_done_s, timed_planned_s, steps_done || steps_skipped FROM sessions"
            ).fetchone()
        assert planned == 120 and done * 2 < planned
        assert "Seated towel stretch, calf and hamstring (instead of Standing hamstring" in names
        no_traceback(term)
