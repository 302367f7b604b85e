"""The input thread sleeps while nobody types (ui/terminal/quiet_input.py), in a real terminal.

Textual's own thread wakes 10 times a second; ours only for a key, for the escape delay after a
lone Escape, or to stop. These check that keys still work, that a lone Escape is not left
waiting for the next key, that quitting is not held up by a sleeping thread, that an idle
countdown's input thread does not wake, and that all of it still holds after a suspend (SIGTSTP)
and resume (SIGCONT).
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest

from .installed import READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start
from .terminal import Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
]

HELP = "Keys during a routine"
HOME = "q Quit"  # in home's key bar, which the help's own key bar replaces
IDLE_SECONDS = 3.0
THREAD = "textual-input"  # the name the driver gives its thread in /proc


def input_threads(pid: int) -> list[Path]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            if (task / "comm").read_text().strip() == THREAD:
                found.append(task)
        except OSError:
            pass  # the thread ended while we looked
    return found


def voluntary_switches(task: Path) -> int:
    for line in (task / "status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    raise AssertionError(f"no voluntary_ctxt_switches in {task}/status")


def idle_wakeups(term: Terminal, seconds: float = IDLE_SECONDS) -> int:
    """How often the one input thread woke while nobody typed (Textual's: 10 a second)."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while len(threads := input_threads(term.pid)) != 1:
        assert time.monotonic() < deadline, f"{len(threads)} {THREAD} threads, not one"
        time.sleep(0.05)
    before = voluntary_switches(threads[0])
    time.sleep(seconds)
    return voluntary_switches(threads[0]) - before


def process_state(pid: int) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2 :].split()[0]


def wait_state(pid: int, stopped: bool) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT
    while (process_state(pid) == "T") != stopped:
        assert time.monotonic() < deadline, f"state {process_state(pid)}, wanted stopped={stopped}"
        time.sleep(0.02)


def escape_closes_the_help(term: Terminal) -> None:
    term.press("?")
    term.wait_for_all([HELP, "esc Back"], timeout=STEP_TIMEOUT)
    term.settled()
    pressed = time.monotonic()
    term.press("escape")  # alone: no key follows to push it through the parser
    deadline = pressed + STEP_TIMEOUT
    while HELP in term.text():
        assert time.monotonic() < deadline, f"escape did not close the help:\n{term.text()}"
        time.sleep(0.01)
    assert time.monotonic() - pressed < 2.0
    term.wait_for(HOME, timeout=STEP_TIMEOUT)


def q_quits_at_once(term: Terminal) -> None:
    pressed = time.monotonic()
    term.press("q")
    assert term.wait_exit(timeout=5.0) == 0
    assert time.monotonic() - pressed < 2.0, "the sleeping input thread held up the exit"


def test_a_lone_escape_closes_the_help_and_q_quits_at_once(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "--no-voice") as term:
        term.wait_for(HOME, timeout=START_TIMEOUT)
        escape_closes_the_help(term)
        q_quits_at_once(term)
        no_traceback(term)


def test_the_input_thread_of_an_idle_countdown_sleeps(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "--no-voice", "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        time.sleep(0.5)  # the terminal's answers to Textual's start-up queries are read
        woke = idle_wakeups(term)
        assert woke < 5, f"the input thread woke {woke} times in {IDLE_SECONDS} s"
        assert term.exit_status() is None
        term.press("space")  # and it still reads keys
        term.wait_for("Paused", timeout=STEP_TIMEOUT)


def test_after_a_suspend_and_resume_keys_work_and_the_thread_sleeps(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "--no-voice") as term:
        term.wait_for(HOME, timeout=START_TIMEOUT)
        term.signal(signal.SIGTSTP)  # what Ctrl+Z sends where the terminal keeps ISIG
        wait_state(term.pid, stopped=True)
        term.signal(signal.SIGCONT)  # fg
        wait_state(term.pid, stopped=False)
        escape_closes_the_help(term)  # a new input thread, on the driver's new wake pipe
        woke = idle_wakeups(term, seconds=2.0)
        assert woke < 4, f"the input thread woke {woke} times in 2 s after a resume"
        q_quits_at_once(term)
        no_traceback(term)
