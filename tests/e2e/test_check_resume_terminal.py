"""A terminal closed in the middle of the warning-sign check after relief (SIGHUP) loses
nothing: the next `coach` offers on home to finish the check, and `r` goes back into it at the
question it was on, the answer given before kept."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

import pytest

from coach.core.guidance.answer_gate import READ_SECONDS
from coach.core.guidance.check_progress import CheckProgress

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
from .test_coach_now import through_relief

pytestmark = pytest.mark.e2e


def answers_kept(home: Path) -> int:
    """How many of the check's answers the journal keeps as its progress (-1: none kept)."""
    with sqlite3.connect(f"file:{home / JOURNAL}?mode=ro", uri=True) as conn:
        text = conn.execute("SELECT position FROM sessions").fetchone()[0]
    progress = CheckProgress.from_text(text)
    return -1 if progress is None else len(progress.answers)


def test_a_closed_terminal_mid_check_is_offered_next_time_and_r_goes_back_in(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home) as term:
        term.wait_for("I'm cramping now", timeout=START_TIMEOUT)
        term.press("enter")
        term.wait_for(READY, timeout=START_TIMEOUT)
        through_relief(term, then="Which leg cramped?")
        term.press("l")
        term.wait_for("Question 1 of", timeout=STEP_TIMEOUT)
        time.sleep(READ_SECONDS)  # an answer counts once its question could be read
        term.press("n")
        term.wait_for("Question 2 of", timeout=STEP_TIMEOUT)
        wait_rows(coach_home, lambda r: answers_kept(coach_home) >= 1, "the answer kept")
        term.signal(signal.SIGHUP)  # the terminal window closed
        assert term.wait_exit(timeout=STEP_TIMEOUT) == 128 + signal.SIGHUP
    assert journal_rows(coach_home) == [(1, "cramp-now", "completed")]

    with start(coach, coach_home) as term:
        term.wait_for(
            "Finish the warning-sign check: your answer so far is kept", timeout=START_TIMEOUT
        )
        term.wait_for(" r Pick up ", timeout=STEP_TIMEOUT)
        term.press("r")
        term.wait_for("Question 2 of", timeout=STEP_TIMEOUT)
        no_traceback(term)
