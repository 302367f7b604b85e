"""`coach log` end to end, on the installed command in a pty: options, the screen, the check, then
the same cramps in `coach history` and in both exports."""

from __future__ import annotations

import csv
import io
import subprocess
import time
from pathlib import Path

import pytest

from coach.core.guidance.answer_gate import READ_SECONDS

from .installed import START_TIMEOUT, STEP_TIMEOUT, journal_rows, no_traceback, start
from .terminal import Terminal

pytestmark = pytest.mark.e2e

RESULT = "Warning-sign check: what to do"


def run(coach: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"COACH_HOME": str(home), "PATH": str(coach.parent), "LANG": "C.UTF-8"}
    return subprocess.run([str(coach), *args], capture_output=True, text=True, env=env, timeout=60)


def answer_none(term: Terminal) -> None:
    """'None of these' for each group, until the check's result is on screen."""
    term.wait_for_any(["Question", RESULT], timeout=START_TIMEOUT)
    for _ in range(30):
        screen = term.settled(quiet=0.3)
        if RESULT in screen:
            return
        listed = "n  none of these" in screen
        if listed:
            time.sleep(READ_SECONDS)  # "none of these" counts once the list could be read
        term.press("n" if listed else "a")
        time.sleep(0.2)  # let the key be read before asking for a quiet screen
    raise AssertionError(term.text())


def test_log_help(coach: Path, coach_home: Path) -> None:
    done = run(coach, coach_home, "log", "--help")
    assert done.returncode == 0 and "--when TIME" in done.stdout and "--routine ID" in done.stdout


def test_log_into_history_and_both_exports(coach: Path, coach_home: Path) -> None:
    # 1. Options, in a terminal: one line, then the warning-sign check for that cramp.
    argv = ("log", "--when", "last night 3am", "--leg", "left", "--minutes", "3", "--pain", "6")
    with start(coach, coach_home, *argv, "--note", "woke me [b]up") as term:
        term.wait_for("Logged a cramp on", timeout=START_TIMEOUT)
        answer_none(term)
        term.press("q")
        assert term.wait_exit(STEP_TIMEOUT) == 0
        no_traceback(term)
    # 2. The screen: a typed time, the number fields, then the check.
    with start(coach, coach_home, "log") as term:
        term.wait_for("Log a cramp that is already over", timeout=START_TIMEOUT)
        term.settled(quiet=0.3)
        # Tab to the typed time, past the leg and the site (calf), to minutes, then pain.
        for key, text in (("tab", "2h ago"), ("tab", ""), ("tab", ""), ("tab", "2"), ("tab", "4")):
            term.press(key)
            time.sleep(0.2)
            term.type_text(text)
            time.sleep(0.2)
        term.press("ctrl+s")
        answer_none(term)
        term.press("q")
        assert term.wait_exit(STEP_TIMEOUT) == 0
        no_traceback(term)
    # 3. A routine done without the app, no terminal needed.
    done = run(coach, coach_home, "log", "--routine", "nightly", "--when", "yesterday 22:00")
    assert done.returncode == 0 and "Logged the routine nightly" in done.stdout
    assert [row[1] for row in journal_rows(coach_home)] == ["logged", "logged", "nightly"]

    with start(coach, coach_home, "history", cols=100, rows=40) as term:
        term.wait_for_all(["Recent cramps", "logged afterwards", "week of"], timeout=START_TIMEOUT)
        term.press("q")
        term.wait_exit(STEP_TIMEOUT)
        no_traceback(term)

    md = run(coach, coach_home, "history", "--export", "md")
    assert md.returncode == 0, md.stderr
    assert "- Cramps: 2 (restarts of one cramp counted once)" in md.stdout
    assert "| 6/10 | logged afterwards\\: woke me \\[b\\]up |" in md.stdout
    assert "| 4/10 | logged afterwards |" in md.stdout
    table = list(
        csv.DictReader(io.StringIO(run(coach, coach_home, "history", "--export", "csv").stdout))
    )
    rows = sorted((r["kind"], r["pain"], r["entered_afterwards"]) for r in table)
    assert rows == [("prevention", "", "yes"), ("relief", "4", "yes"), ("relief", "6", "yes")]
    assert all(r["warning_answers"] for r in table if r["kind"] == "relief")


def test_the_checks_result_shows_no_markdown_backtick(coach: Path, coach_home: Path) -> None:
    """Issue 23: "`coach history` shows this" showed its backticks. A yes to a swollen leg puts
    the leg on record and the result says so, with the command in quotes."""
    argv = ("log", "--when", "2h ago", "--leg", "left", "--minutes", "3", "--pain", "6")
    with start(coach, coach_home, *argv, cols=100, rows=40) as term:
        term.wait_for("Question", timeout=START_TIMEOUT)
        for _ in range(30):  # "none of these" for each group until the swollen-leg question
            screen = term.settled(quiet=0.3)
            swollen = "swollen, red or darker" in screen
            listed = "n  none of these" in screen
            time.sleep(READ_SECONDS)  # an answer counts once its question could be read
            if swollen and not listed:
                term.press("y")
                term.wait_for("Which leg is swollen, red or warm?", timeout=STEP_TIMEOUT)
                time.sleep(READ_SECONDS)
                term.press("l")
                break
            if listed:
                term.press("y" if swollen else "n")  # y: ask this group one by one
            else:
                term.press("n" if "Signs to get seen today" in screen else "a")
            time.sleep(0.2)
        answer_none(term)
        screen = term.wait_for_all([RESULT, "coach history"], timeout=STEP_TIMEOUT)
        assert '"coach history"' in screen and "`" not in screen
        term.press("q")
        assert term.wait_exit(STEP_TIMEOUT) == 0
        no_traceback(term)
