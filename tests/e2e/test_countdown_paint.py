"""The countdown's digits and bar are repainted once a second (only their regions): on a real
terminal what that leaves on screen must read as the countdown, and be exactly what a whole
repaint of the same moment draws."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coach.ui.widgets.big_clock import big_rows

from .installed import READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start
from .terminal import Terminal

pytestmark = pytest.mark.e2e

VALUES = [f"0:{second:02d}" for second in range(31)]


def shown_value(screen: str) -> str | None:
    """The countdown value whose block digits are on screen (80x24 draws them at scale 1)."""
    lines = [line.strip() for line in screen.splitlines()]
    for value in VALUES:
        rows = [row.rstrip() for row in big_rows(value) or []]
        for top in range(len(lines) - len(rows) + 1):
            if lines[top : top + len(rows)] == rows:
                return value
    return None


def next_value(term: Terminal, after: str | None) -> str:
    deadline = time.monotonic() + STEP_TIMEOUT
    while time.monotonic() < deadline:
        value = shown_value(term.settled(quiet=0.05))
        if value is not None and value != after:
            return value
        time.sleep(0.05)
    raise AssertionError(f"the digits never moved on from {after}:\n{term.text()}")


def resized(term: Terminal, cols: int) -> str:
    """Resize the terminal and return the screen once the app has drawn it again."""
    before = term.bytes_read
    term.resize(cols, 24)
    deadline = time.monotonic() + STEP_TIMEOUT
    while term.bytes_read == before:
        assert time.monotonic() < deadline, "no repaint after a resize"
        time.sleep(0.01)
    return term.settled(quiet=0.05)


def test_the_digits_repainted_each_second_read_as_the_countdown_and_as_a_full_repaint(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "--no-voice", "now", cols=80, rows=24) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        seen = [next_value(term, None)]
        for _ in range(3):
            seen.append(next_value(term, seen[-1]))
        # One second at a time, downwards: each frame of digits was whole and in its place.
        steps = [VALUES.index(a) - VALUES.index(b) for a, b in zip(seen, seen[1:], strict=False)]
        assert steps == [1, 1, 1], seen
        # Just after a second's repaint, a resize makes Textual draw every cell again from the
        # app's state. Within the same second both must be the same, cell for cell (a busy
        # machine may cross into the next second: then try again).
        for _attempt in range(4):
            seen.append(next_value(term, seen[-1]))
            painted = term.settled(quiet=0.05)
            resized(term, 81)
            repainted = resized(term, 80)
            if shown_value(repainted) == seen[-1]:
                break
        else:
            pytest.fail(f"never repainted within the same second: {seen}")
        assert painted == repainted
        no_traceback(term)
