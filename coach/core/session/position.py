"""Where a session is, as the journal keeps it (its `position` column, schema 6), so a session
cut short can carry on in another process (resume.py decides whether and where).

The session runs on a monotonic clock, which means nothing to the next process: the journal
keeps wall-clock times instead, taken when the position changes (a new segment, a pause, seconds
added). From them the next process works out how much of the segment is left.

    Position.from_text(text)         # None for anything that is not a whole position
    position_of(session, now, wall)  # where `session` is at `now`, with `wall` the same moment
    position_key(session)            # changes exactly when the position worth writing does
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields

from coach.core.routines.timeline import Segment, SegmentKind
from coach.core.session.reading import SessionReading

_KINDS = frozenset(kind.value for kind in SegmentKind)


@dataclass(frozen=True)
class Position:
    segment: int  # the segment's index in the session's timeline
    step: int  # its step's index in the routine
    step_name: str  # the step's name: the segment is found again by it if the routine changed
    side: str | None
    set_number: int
    kind: str  # a SegmentKind value
    started_wall: float  # seconds since the epoch: when the segment started (a pause moves it)
    length: float  # its timed length with seconds added; 0.0 for a part that waits for the user
    paused_wall: float | None  # seconds since the epoch: when a pause began; None while running
    active_before: float  # seconds of the session before this segment began, pauses left out
    holds_done: float  # hold seconds done before this segment
    # "no" answers to "has it let go?" so far: the stretch's count and the technique that
    # worked (release_step.py) follow it. Absent from a position written before it was kept: 0.
    repeats: int = 0

    def to_text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: object) -> Position | None:
        """The position stored as `text`; None when there is none, or it is not one (an older
        app's, or a hand-edited file): then nothing is offered."""
        if not isinstance(text, str):
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        names = {f.name for f in fields(cls)}
        if not isinstance(data, dict) or not names - {"repeats"} <= set(data) <= names:
            return None
        position = cls(**data)
        return position if position.well_formed() else None

    def well_formed(self) -> bool:
        whole = (self.segment, self.step, self.set_number, self.repeats)
        times = (self.started_wall, self.length, self.active_before, self.holds_done)
        return (
            all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in whole)
            and isinstance(self.step_name, str)
            and (self.side is None or isinstance(self.side, str))
            and self.kind in _KINDS
            and all(_finite(t) and t >= 0 for t in times)
            and (self.paused_wall is None or _finite(self.paused_wall))
        )

    def matches(self, segment: Segment) -> bool:
        """`segment` is this one: the same step (by name), side, set and kind."""
        return (
            segment.step.name == self.step_name
            and segment.side == self.side
            and segment.set_number == self.set_number
            and segment.kind.value == self.kind
        )


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def position_of(session: SessionReading, now: float, wall_now: float) -> Position | None:
    """Where `session` is at `now` (its clock); `wall_now` is the same moment on the wall clock.
    None once it has finished: nothing is left to carry on."""
    segment = session.current
    if segment is None:
        return None
    paused = session.paused_since
    return Position(
        segment=session.index,
        step=segment.step_index,
        step_name=segment.step.name,
        side=segment.side,
        set_number=segment.set_number,
        kind=segment.kind.value,
        started_wall=round(wall_now - (now - session.segment_started_at), 3),
        length=session.segment_length,
        paused_wall=None if paused is None else round(wall_now - (now - paused), 3),
        active_before=round(session.active_before_segment, 3),
        holds_done=round(session.hold_seconds_done, 3),
        repeats=session.repeats,
    )


def position_key(session: SessionReading) -> tuple[object, ...]:
    """What makes the position change; the player writes it again only when this does (a tick
    of the countdown changes nothing the next process needs)."""
    return (
        session.finished,
        session.index,
        session.segment_started_at,
        session.segment_length,
        session.paused_since,
    )
