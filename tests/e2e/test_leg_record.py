"""Issue 21's "could hurt" items as a user meets them, in a pty with the installed coach: a swollen
leg on record opens `coach run nightly` and `coach now` with the whole warning at 80x24, the
nightly routine then runs on the other leg only and says why, and nightly's opening note says who
should ask a clinician first."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from coach.core.guidance.answer_gate import READ_SECONDS
from coach.core.guidance.safety_record import SafetyRecord, read_record, write_record

from .installed import START_TIMEOUT, STEP_TIMEOUT, no_traceback, start
from .test_log import RESULT, answer_none

pytestmark = pytest.mark.e2e


def _left_leg_on_record() -> None:  # COACH_HOME is the test's own (tests/conftest.py)
    write_record(SafetyRecord(leg="left", leg_since=datetime.now().astimezone().isoformat()))


def test_nightly_after_a_swollen_leg_warns_then_spares_that_leg(
    coach: Path, coach_home: Path
) -> None:
    _left_leg_on_record()
    with start(coach, coach_home, "run", "nightly", cols=80, rows=24) as term:
        screen = term.wait_for_all(
            ["Left leg swollen, red or warm", "clears this.", "only the other leg (right leg)"],
            timeout=START_TIMEOUT,
        )
        assert "the cramp is in the other leg" not in screen
        assert "a clinician checked it" in screen and "call 999 now" in screen
        term.press("o")
        term.wait_for("Leaving your left leg alone", timeout=STEP_TIMEOUT)
        term.press("enter")
        screen = term.wait_for_all(["How to stretch", "Pregnant?"], timeout=STEP_TIMEOUT)
        term.press("enter")
        term.wait_for("Right leg", timeout=STEP_TIMEOUT)  # the calf stretch: the right only
        no_traceback(term)


def test_coach_now_after_a_swollen_leg_offers_the_other_leg(coach: Path, coach_home: Path) -> None:
    _left_leg_on_record()
    with start(coach, coach_home, "now", cols=80, rows=24) as term:
        screen = term.wait_for_all(
            ["Left leg swollen", "the cramp is in the other leg", "clears this."],
            timeout=START_TIMEOUT,
        )
        assert "Pull your toes" not in screen
        term.press("g")  # a clinician checked it: the stretch, but no rubbing or heat
        term.wait_for("Checked by a clinician", timeout=STEP_TIMEOUT)
        no_traceback(term)


def test_coach_plan_says_who_should_ask_first(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "plan", "nightly-quick", mute=False) as term:
        term.wait_for("Safety: Pregnant?", timeout=START_TIMEOUT)


def test_a_yes_through_coach_logs_check_asks_which_leg_then_nightly_warns(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "log", "--when", "40 min ago", "--leg", "right") as term:
        term.wait_for("Question", timeout=START_TIMEOUT)
        term.press("a")  # the emergency group, listed
        term.wait_for("n  none of these", timeout=STEP_TIMEOUT)
        time.sleep(READ_SECONDS)
        term.press("n")
        term.wait_for("more than 10 minutes", timeout=STEP_TIMEOUT)  # T1: no
        time.sleep(READ_SECONDS)
        term.press("n")
        term.wait_for("swollen, red or darker", timeout=STEP_TIMEOUT)
        time.sleep(READ_SECONDS)
        term.press("y")
        term.wait_for("Which leg is swollen, red or warm?", timeout=STEP_TIMEOUT)
        assert "u  not sure" in term.text()
        term.press("l")  # the cramp was in the right leg; the left is the swollen one
        answer_none(term)
        term.wait_for("every routine warns you first", timeout=STEP_TIMEOUT)
        assert RESULT in term.text()
        term.press("q")
    assert read_record().leg == "left"
    with start(coach, coach_home, "run", "nightly", cols=80, rows=24) as term:
        term.wait_for_all(["Left leg swollen", "only the other leg"], timeout=START_TIMEOUT)
        no_traceback(term)
