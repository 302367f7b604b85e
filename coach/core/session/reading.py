"""What a Session (machine.py) shows about itself at a moment: the current segment, time left,
progress, time spent, and the timed work done. Read-only: the state machine changes the state.
"""

from __future__ import annotations

from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import Segment, SegmentKind, Timeline, hold_seconds


class SessionReading:
    """The reads of a Session; machine.py sets every attribute named here."""

    routine: Routine
    timeline: Timeline
    index: int
    finished: bool
    started_at: float
    release_seconds: float | None
    carried_seconds: float
    repeats: int  # "no" answers to "has it let go?" so far
    hold_seconds_done: float
    swapped: dict[int, Step]
    _paused_total: float
    _paused_at: float | None
    _finished_at: float | None
    _segment_start: float
    _deadline: float | None
    _length: float

    @property
    def current(self) -> Segment | None:
        return None if self.finished else self.timeline[self.index]

    @property
    def next_segment(self) -> Segment | None:
        """What comes after the current segment if nothing is skipped (the "Next:" line)."""
        following = self.index + 1
        return (
            None if self.finished or following >= len(self.timeline) else self.timeline[following]
        )

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def paused_since(self) -> float | None:
        return self._paused_at

    @property
    def segment_started_at(self) -> float:
        """When the current segment started on the session's clock (a pause moves it on, so
        the time left stays what it was)."""
        return self._segment_start

    @property
    def segment_length(self) -> float:
        """The current timed segment's length, seconds added included; 0.0 while waiting."""
        return self._length if self._deadline is not None else 0.0

    @property
    def active_before_segment(self) -> float:
        """Seconds spent in this routine before the current segment began, pauses left out."""
        return max(0.0, self._segment_start - self.started_at - self._paused_total)

    def remaining(self, now: float) -> float:
        """Seconds left in the current timed segment; 0.0 for segments that wait for the user."""
        if self._deadline is None:
            return 0.0
        return max(0.0, self._deadline - self._time(now))

    def segment_progress(self, now: float) -> float:
        """0..1 through the current timed segment; 0.0 while waiting, 1.0 once finished."""
        if self.finished:
            return 1.0
        if self._deadline is None:
            return 0.0
        if self._length <= 0:
            return 1.0
        return _clamp((self._time(now) - self._segment_start) / self._length)

    def active_seconds(self, now: float) -> float:
        """Seconds spent in this routine, pauses left out (session/progress.py)."""
        end = self._finished_at if self._finished_at is not None else self._time(now)
        return max(0.0, end - self.started_at - self._paused_total)

    def elapsed(self, now: float) -> float:
        """Wall seconds of this cramp, pauses and `carried_seconds` included (the 10-minute
        safety rule)."""
        end = self._finished_at if self._finished_at is not None else now
        return end - self.started_at + self.carried_seconds

    @property
    def hold_seconds_planned(self) -> int:
        return hold_seconds(self.timeline)

    def hold_seconds_so_far(self, now: float) -> float:
        """Hold seconds done, the current hold's part included."""
        segment = self.current
        if segment is None or segment.kind is not SegmentKind.HOLD:
            return self.hold_seconds_done
        return self.hold_seconds_done + min(self._length, self._time(now) - self._segment_start)

    @property
    def cramp_release_seconds(self) -> float | None:
        """How long the cramp took to let go, earlier sessions of it included (None: not yet)."""
        if self.release_seconds is None:
            return None
        return self.release_seconds + self.carried_seconds

    def _time(self, now: float) -> float:
        """The session's own time: frozen at the pause start while paused."""
        return self._paused_at if self._paused_at is not None else now


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))
