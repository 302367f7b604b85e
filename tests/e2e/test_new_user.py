"""What a new user tripped over (issue 10), checked on the installed `coach` in a real pty."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .installed import READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start

pytestmark = pytest.mark.e2e


def test_help_has_no_placeholder_and_errors_do_not_offer_compile(coach: Path) -> None:
    shown = subprocess.run([str(coach), "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0
    assert "SUPPRESS" not in shown.stdout and "compile" not in shown.stdout
    wrong = subprocess.run([str(coach), "bogus"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "compile" not in wrong.stderr


def test_after_urgent_help_and_escape_the_way_on_is_on_screen(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "now", cols=80, rows=24) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.press("!")
        term.wait_for("Call 999 now", timeout=STEP_TIMEOUT)
        term.press("escape")
        term.wait_for_all(["Paused · space to go on", "space Go on"], timeout=STEP_TIMEOUT)
        term.press("space")
        term.wait_for(READY, timeout=STEP_TIMEOUT)
        no_traceback(term)


def _countdown_rows(coach: Path, home: Path, cols: int, rows: int) -> int:
    with start(coach, home, "now", cols=cols, rows=rows) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        screen = term.settled()
        return sum(1 for line in screen.splitlines() if "█" in line)


def test_the_countdown_has_more_rows_at_200x50_than_at_80x24(coach: Path, coach_home: Path) -> None:
    usual = _countdown_rows(coach, coach_home, 80, 24)
    large = _countdown_rows(coach, coach_home, 200, 50)
    assert usual >= 5 and large > usual


def test_q_y_in_a_routine_started_from_home_returns_home(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, cols=100, rows=30) as term:
        term.wait_for("I'm cramping now", timeout=START_TIMEOUT)
        term.press("enter")  # the focused button: relief
        term.wait_for(READY, timeout=STEP_TIMEOUT)
        term.press("q")
        term.wait_for("Stop this session?", timeout=STEP_TIMEOUT)
        term.press("y")
        term.wait_for_all(["I'm cramping now", "Routines"], timeout=STEP_TIMEOUT)
        assert term.exit_status() is None  # the app is still running
        term.press("tab", "tab", "enter")  # the routine list: its first routine starts
        term.wait_for("step 1 of", timeout=STEP_TIMEOUT)
        no_traceback(term)


def test_enter_on_home_after_a_stopped_routine_starts_relief(coach: Path, coach_home: Path) -> None:
    """Issue 23: after a routine picked from the list was stopped, Enter restarted it."""
    with start(coach, coach_home, cols=100, rows=30) as term:
        term.wait_for("I'm cramping now", timeout=START_TIMEOUT)
        term.press("tab", "tab", "enter")  # the routine list: its first routine, not relief
        term.wait_for("step 1 of", timeout=STEP_TIMEOUT)
        assert "Pull your toes toward you" not in term.settled()
        term.press("q")
        term.wait_for("Stop this session?", timeout=STEP_TIMEOUT)
        term.press("y")
        term.wait_for_all(["I'm cramping now", "Routines"], timeout=STEP_TIMEOUT)
        term.press("enter")
        term.wait_for("Pull your toes toward you", timeout=STEP_TIMEOUT)  # relief's first step
        no_traceback(term)
