"""A held key must not answer the warning-sign questions unread.

Holding `n` for under two seconds used to answer all 22 questions "no". An answer now counts
only once its question has been on screen READ_SECONDS; a key that comes sooner (typeahead,
auto-repeat) is dropped, not kept for the next question. Plain Python on an injected clock, so
the rule is tested without sleeping:

    gate = AnswerGate(clock)
    gate.shown()          # a question (or the "none of these" list) has just been put up
    if gate.accept(): ... # the key answers it; False: dropped
"""

from __future__ import annotations

from collections.abc import Callable

# Long enough to see that the question changed; short enough that a reader never waits on it.
READ_SECONDS = 0.5


class AnswerGate:
    def __init__(self, clock: Callable[[], float], read_seconds: float | None = None) -> None:
        self.clock = clock
        self.read_seconds = READ_SECONDS if read_seconds is None else read_seconds
        self._shown_at: float | None = None
        self.dropped = 0  # keys that came too soon, since the question went up

    def shown(self) -> None:
        """A new question is on screen from now: whatever was typed ahead is dropped."""
        self._shown_at = self.clock()
        self.dropped = 0

    def accept(self) -> bool:
        """True when the current question has been on screen long enough to be read."""
        if self._shown_at is None:
            return False  # nothing shown yet: nothing to answer
        if self.clock() - self._shown_at >= self.read_seconds:
            return True
        self.dropped += 1
        return False

    def wait(self) -> float:
        """Seconds until an answer would count (0.0 when it would now)."""
        if self._shown_at is None:
            return self.read_seconds
        return max(0.0, self.read_seconds - (self.clock() - self._shown_at))
