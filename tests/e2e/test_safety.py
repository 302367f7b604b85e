"""Issue 9, as it will be checked: the installed coach in a pty names the swollen leg on the first
stretch at 40x12 and 80x24, the heat step at 40x12 keeps its numbness caution, a burst of `n` at
the first warning question does not reach a result, and nothing promises prevention."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from .installed import READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start

pytestmark = pytest.mark.e2e

SWOLLEN = re.compile(r"[Ss]wollen, red or warm")


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
def test_the_first_stretch_names_the_swollen_leg(
    coach: Path, coach_home: Path, size: tuple[int, int]
) -> None:
    cols, rows = size
    with start(coach, coach_home, "now", cols=cols, rows=rows) as term:
        term.wait_for("Pull your toes", timeout=START_TIMEOUT)
        screen = term.wait_for_all([SWOLLEN, "!"], timeout=START_TIMEOUT)
        assert "step 1" in screen
        bottom = "\n".join(term.lines()[-4:])
        assert SWOLLEN.search(bottom) and "!" in bottom, term.text()
        no_traceback(term)


def test_the_heat_step_at_40x12_keeps_its_numbness_caution(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now", cols=40, rows=12) as term:
        term.wait_for("Pull your toes", timeout=START_TIMEOUT)
        for key, shows in [
            ("n", "Has it let go?"),
            ("y", "Rub the"),
            ("n", "Walk it off"),
            ("n", "Warm the muscle"),
        ]:
            term.press(key)
            term.wait_for(shows, timeout=STEP_TIMEOUT)
        term.wait_for_all(["numb", SWOLLEN], timeout=STEP_TIMEOUT)
        no_traceback(term)


def test_a_burst_of_n_at_the_first_warning_question_reaches_no_result(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        for key, shows in [
            ("n", "Has it let go?"),
            ("y", "Rub the muscle"),
            ("n", "Walk it off"),
            ("n", "Warm the muscle"),
            ("s", "Cool a sore spot"),
            ("s", "Afterwards"),
            ("enter", "Which leg cramped?"),
            ("l", "Question 1 of"),
        ]:
            term.press(key)
            term.wait_for(shows, timeout=STEP_TIMEOUT)
        term.press(*["n"] * 40)  # a held key: auto-repeat for well under a second
        time.sleep(1.0)
        screen = term.settled(quiet=0.3)
        assert "Question" in screen, screen
        assert "You reported none of the warning signs" not in screen
        assert "what to do" not in screen
        number = int(re.search(r"Question (\d+) of", screen).group(1))  # type: ignore[union-attr]
        assert number <= 3, screen
        no_traceback(term)


def test_help_and_the_package_summary_make_no_prevention_promise(coach: Path) -> None:
    help_text = subprocess.run([str(coach), "--help"], capture_output=True, text=True).stdout
    assert "prevent" not in help_text.lower() and "may reduce" in help_text
    python = coach.parent / "python"
    summary = subprocess.run(
        [
            str(python),
            "-c",
            "from importlib.metadata import metadata as m; print(m('cramp-coach')['Summary'])",
        ],
        capture_output=True,
        text=True,
    ).stdout
    assert "prevent" not in summary.lower() and "may reduce" in summary
