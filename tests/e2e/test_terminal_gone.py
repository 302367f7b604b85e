"""The terminal goes away under the installed `coach` and `coach now` mid-repaint (issue 26):
every process ends by itself, none is left after a SIGTERM, and no journal row stays running.
Also SIGINT from outside ends a session as SIGTERM and SIGHUP do.

The loop closes RUNS terminals per command, a few at once (the machine has two cores); the
reproducer with stacks and figures is tests/bench/terminal_gone.py.
"""

from __future__ import annotations

import random
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .hangup import Outcome, close_mid_repaint
from .installed import (
    READY,
    START_TIMEOUT,
    STEP_TIMEOUT,
    integrity,
    journal_rows,
    no_traceback,
    start,
    wait_rows,
)

pytestmark = pytest.mark.e2e

RUNS = 32
AT_ONCE = 3
COMMANDS = {"coach": [], "coach now": ["now"]}


def close_under(coach: Path, args: list[str], home: Path, seed: int) -> tuple[Outcome, list]:
    home.mkdir()
    env = {"COACH_HOME": str(home), "COACH_EMERGENCY_NUMBER": "999"}
    outcome = close_mid_repaint([str(coach), "--mute", *args], env, rng=random.Random(seed))
    return outcome, journal_rows(home)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_closing_the_terminal_mid_repaint_leaves_no_process(
    coach: Path, tmp_path: Path, command: str
) -> None:
    args = COMMANDS[command]
    with ThreadPoolExecutor(AT_ONCE) as pool:
        results = list(
            pool.map(lambda n: close_under(coach, args, tmp_path / f"run{n}", n), range(RUNS))
        )
    outcomes = [outcome for outcome, _ in results]
    assert all(o.started for o in outcomes), "a run never reached Textual's application mode"
    left = [o for o in outcomes if o.alive_after_term]
    hung = [o for o in outcomes if o.alive_after_hangup]
    assert not left, f"{len(left)} of {RUNS} still alive after the hangup and a SIGTERM: {left}"
    assert not hung, f"{len(hung)} of {RUNS} needed a SIGTERM after the hangup: {hung}"
    statuses = [o.status for o in outcomes]
    assert set(statuses) == {128 + signal.SIGHUP}, f"each ends as a closed terminal: {statuses}"
    rows = [row for _, run_rows in results for row in run_rows]
    assert not [row for row in rows if row[2] == "running"], rows
    if command == "coach now":
        assert rows, "no run got as far as its journal row: the test closed them too early"


def test_sigint_mid_step_closes_the_row(coach: Path, coach_home: Path) -> None:
    """Ctrl+C from outside (kill -INT; the app's own terminal sends no SIGINT in raw mode)."""
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        wait_rows(coach_home, lambda r: len(r) == 1 and r[0][2] == "running", "a row")
        term.signal(signal.SIGINT)
        status = term.wait_exit(timeout=STEP_TIMEOUT)
        assert status == 128 + signal.SIGINT
        no_traceback(term)
    assert journal_rows(coach_home) == [(1, "cramp-now", "interrupted")]
    assert integrity(coach_home) == "ok"
