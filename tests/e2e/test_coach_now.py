"""The installed `coach` command in a real pseudo-terminal, driven with keys only.

No audio device and no tmux: --mute, a pty and pyte. Nothing here waits on a real countdown;
`n` moves on. Each test has its own COACH_HOME (tests/conftest.py), so the journal is its own.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from coach.core.guidance.answer_gate import READ_SECONDS

from .installed import (
    READY,
    START_TIMEOUT,
    STEP_TIMEOUT,
    journal_rows,
    no_traceback,
    start,
    wait_rows,
)
from .terminal import Terminal

pytestmark = pytest.mark.e2e


def test_toes_first_then_space_pauses_and_resumes(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for("toes", timeout=START_TIMEOUT)
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.press("space")
        term.wait_for("Paused", timeout=STEP_TIMEOUT)
        term.press("space")
        term.wait_for(re.compile(r"^\s*Hold\s*$", re.M), timeout=STEP_TIMEOUT)
        assert term.exit_status() is None
        no_traceback(term)


def test_bang_shows_the_urgent_advice(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.press("!")
        term.wait_for("Urgent help", timeout=STEP_TIMEOUT)
        term.wait_for("Call 999 now", timeout=STEP_TIMEOUT)
        term.press("escape")
        term.wait_for("Press ! now", timeout=STEP_TIMEOUT)


def through_relief(term: Terminal, then: str) -> None:
    """cramp-now with keys only: let go after the first stretch, skip heat and ice, close the
    last note; `then` is what the screen after the player shows."""
    for key, shows in [
        ("n", "Has it let go?"),
        ("y", "Rub the muscle  ·  step 2"),
        ("n", "Walk it off  ·  step 3"),
        ("n", "Warm the muscle  ·  step 4"),
        ("s", "Cool a sore spot  ·  step 5"),
        ("s", "Afterwards  ·  step 6"),
        ("enter", then),
    ]:
        term.press(key)
        term.wait_for(shows, timeout=STEP_TIMEOUT)


def test_a_whole_relief_session_to_the_result_with_keys_only(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        through_relief(term, then="Which leg cramped?")  # not noted during relief: asked here
        term.press("l")
        screen = term.wait_for_all(
            [re.compile(r"Question 1 of \d+"), "Are you suddenly short of breath"],  # urgent first
            timeout=STEP_TIMEOUT,
        )
        total = int(re.search(r"Question 1 of (\d+)", screen).group(1))  # type: ignore[union-attr]
        assert total > 10
        for number in range(1, total + 1):
            term.wait_for(f"Question {number} of {total}", timeout=STEP_TIMEOUT)
            time.sleep(READ_SECONDS)  # an answer counts once its question could be read
            term.press("n")
        none_apply = "You reported none of the warning signs on this list."
        term.wait_for_all([none_apply, "That does not rule anything out."], timeout=STEP_TIMEOUT)
        rows = wait_rows(coach_home, lambda r: r and r[-1][2] == "completed", "completed")
        assert rows[-1][1] == "cramp-now"
        with sqlite3.connect(coach_home / "journal.sqlite3") as db:
            (leg,) = db.execute("SELECT leg FROM sessions").fetchone()
        assert leg == "l"
        term.press("q")
        assert term.wait_exit(timeout=STEP_TIMEOUT) == 0
        no_traceback(term)


def test_sigterm_mid_step_exits_cleanly_and_closes_the_row(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        wait_rows(coach_home, lambda r: len(r) == 1 and r[0][2] == "running", "a running row")
        term.signal(signal.SIGTERM)
        status = term.wait_exit(timeout=STEP_TIMEOUT)
        assert status is not None and status >= 0, f"killed by the signal: {status}"
        no_traceback(term)
    ((_, routine, how),) = journal_rows(coach_home)
    assert routine == "cramp-now"
    assert how != "running"
    assert how == "interrupted"


def test_sigkill_leaves_a_row_that_the_next_start_closes(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        wait_rows(coach_home, lambda r: len(r) == 1 and r[0][2] == "running", "a running row")
        term.signal(signal.SIGKILL)
        assert term.wait_exit(timeout=STEP_TIMEOUT) == -signal.SIGKILL
    ((first, _, how),) = journal_rows(coach_home)
    assert how == "running"  # nobody was left to close it
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        rows = wait_rows(
            coach_home,
            lambda r: len(r) == 2 and r[0][2] == "interrupted",
            "the old row closed as interrupted",
        )
        assert rows[0][0] == first and rows[1][2] == "running"


def answer(term: Terminal, key: str) -> None:
    """A key at a warning question, once the question could be read (a held key answers none)."""
    time.sleep(READ_SECONDS)
    term.press(key)


def test_the_check_by_groups_then_back_from_the_result(coach: Path, coach_home: Path) -> None:
    """Nothing applies: four groups, `a` then `n` each; then `b` to change the last answer."""
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.press("l")  # the leg noted during relief: not asked again at the end
        term.wait_for("Left leg noted", timeout=STEP_TIMEOUT)
        through_relief(term, then="Question 1 of")
        groups = ["help right now", "seen today", "doctor about soon", "next visit"]
        for group in groups:
            term.wait_for(group, timeout=STEP_TIMEOUT)
            answer(term, "a")
            screen = term.wait_for_all(["Do any of these apply to you?"], timeout=STEP_TIMEOUT)
            while "more after these" in screen:  # a long group is listed a page at a time
                answer(term, "n")
                time.sleep(0.3)
                screen = term.settled()
            answer(term, "n")
        term.wait_for("You reported none of the warning signs", timeout=STEP_TIMEOUT)
        term.press("b")
        term.wait_for_all(["next visit", "Question"], timeout=STEP_TIMEOUT)
        answer(term, "y")  # the first of that group applies after all
        while "Question" in term.settled():
            answer(term, "n")
        term.wait_for("Mention it next time", timeout=STEP_TIMEOUT)
        rows = wait_rows(coach_home, lambda r: r and r[-1][2] == "completed", "completed")
        assert rows[-1][1] == "cramp-now"
        with sqlite3.connect(coach_home / "journal.sqlite3") as db:
            (tier, leg) = db.execute("SELECT warning_tier, leg FROM sessions").fetchone()
        assert (tier, leg) == ("next-visit", "l")
        no_traceback(term)


def test_resizing_keeps_it_running_and_the_instruction_visible(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "now", cols=80, rows=24) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.resize(40, 12)
        term.wait_for_all(
            [re.compile(r"Hold\s+0:\d\d"), "Pull your toes toward you", "Leg straight."],  # compact
            timeout=STEP_TIMEOUT,
        )
        for cols, rows in [(30, 10), (120, 40), (80, 24)]:
            term.resize(cols, rows)
            term.wait_for("toes", timeout=STEP_TIMEOUT)
            assert term.exit_status() is None
        term.wait_for("breathlessness? Press !", timeout=STEP_TIMEOUT)  # the full layout is back
        term.press("space")
        term.wait_for("Paused", timeout=STEP_TIMEOUT)
        no_traceback(term)


def test_nightly_quick_gets_ready_holds_and_says_switch_sides(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "run", "nightly-quick") as term:
        term.wait_for("How to stretch", timeout=START_TIMEOUT)
        term.wait_for("Enter", timeout=START_TIMEOUT)
        term.press("enter")
        # Not "Hold": the first note says "Hold still", so that word cannot tell the steps apart.
        term.wait_for("Wall calf stretch, knee straight", timeout=STEP_TIMEOUT)
        term.wait_for_any(["Get ready", re.compile(r"^\s*Hold\s*$", re.M)], timeout=STEP_TIMEOUT)
        for _ in range(8):
            before = term.settled()  # a whole frame, so a half-drawn one is not taken for a change
            if "Switch to the right leg" in before:
                break
            term.press("n")
            deadline = time.monotonic() + STEP_TIMEOUT
            while _parts(term.settled()) == _parts(before):
                assert time.monotonic() < deadline, term.text()
                time.sleep(0.02)
        term.wait_for_all(["Switch to the right leg", "Right leg"], timeout=STEP_TIMEOUT)
        no_traceback(term)


def _parts(screen: str) -> tuple[str, ...]:
    """The lines that change when the player moves to another part (not the countdown)."""
    wanted = ("Get ready", "Hold", "Rest", "Switch", "set ", "Next:")
    return tuple(line.strip() for line in screen.split("\n") if line.strip().startswith(wanted))


def test_started_again_before_it_let_go_is_the_same_cramp(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        wait_rows(coach_home, lambda r: bool(r), "the first session's row")
        term.press("q")
        term.wait_for("Stop this session?", timeout=STEP_TIMEOUT)
        term.press("y")
        assert term.wait_exit(timeout=STEP_TIMEOUT) == 0
    with start(coach, coach_home, "now") as term:
        term.wait_for("Same cramp as before", timeout=START_TIMEOUT)  # a toast: it wraps
        no_traceback(term)
    rows = journal_rows(coach_home)
    assert [status for _, _, status in rows][:1] == ["stopped"] and len(rows) == 2
