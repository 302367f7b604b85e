"""`coach trial` in a pty, over a journal built only with `coach log` options (the check)."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from .installed import START_TIMEOUT, no_traceback, start

pytestmark = pytest.mark.e2e


def log(coach: Path, home: Path, *args: str) -> None:
    env = {"COACH_HOME": str(home), "PATH": str(coach.parent), "LANG": "C.UTF-8"}
    done = subprocess.run([str(coach), "log", *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr


def fill(coach: Path, home: Path, kinds: str) -> None:
    """One whole week per letter, ending last Sunday: R routine (5 nights, 1 cramp), O ordinary
    (5 cramps)."""
    today = datetime.now().astimezone().date()
    first: date = today - timedelta(days=today.weekday(), weeks=len(kinds))
    for n, kind in enumerate(kinds):
        monday = first + timedelta(weeks=n)
        if kind == "R":
            for night in range(5):
                log(
                    coach,
                    home,
                    "--routine",
                    "nightly",
                    "--when",
                    f"{monday + timedelta(night)}T22:00",
                )
        for day in [2] if kind == "R" else [1, 2, 3, 4, 5]:
            log(
                coach,
                home,
                "--when",
                f"{monday + timedelta(day)}T03:00",
                "--leg",
                "right",
                "--no-check",
            )


def test_trial_over_eight_logged_weeks(coach: Path, coach_home: Path) -> None:
    fill(coach, coach_home, "RROORROO")
    with start(coach, coach_home, "trial", cols=100, rows=50) as term:
        screen = term.wait_for_all(
            ["about 1.0 a week", "about 5.0 a week", "Ratio (routine / ordinary): 0.20",
             "Clearly fewer cramps in routine weeks", "Cramps per week"],
            timeout=START_TIMEOUT,
        )  # fmt: skip
        assert term.wait_exit(START_TIMEOUT) == 0
        assert "Observational" in screen
        no_traceback(term)


def test_trial_with_two_weeks_is_too_early(coach: Path, coach_home: Path) -> None:
    fill(coach, coach_home, "RO")
    with start(coach, coach_home, "trial", cols=40, rows=12) as term:
        term.wait_for("Too early to tell", timeout=START_TIMEOUT)
        assert term.wait_exit(START_TIMEOUT) == 0
        no_traceback(term)
