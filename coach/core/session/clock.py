"""Time sources for the session: the real monotonic clock, and a fake one tests move by hand.

The session never reads the clock itself; callers pass `now` in. That keeps the state machine
deterministic under test and lets the UI use one reading per refresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]

# Monotonic, not wall time: a routine must not jump when the system clock is adjusted.
monotonic: Clock = time.monotonic


class FakeClock:
    """A clock that only moves when told to: `clock()` reads it, `advance` / `set` move it."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        """Move forward by `seconds` and return the new time."""
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back; use set() on purpose")
        self.now += seconds
        return self.now

    def set(self, t: float) -> float:
        """Jump to `t` (tests use this to replay exact tick times)."""
        self.now = float(t)
        return self.now
