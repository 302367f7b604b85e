"""How far through a routine the user is, honestly: time spent of time planned.

Time spent is the session's own (pauses left out); time planned is what is spent plus what is
still ahead (the rest of this part, then every later part, reps and notes at a rough pace). So
the figure never jumps to 100% while counted reps are still to come, and going back or adding
fifteen seconds lowers it a little, as it should. A relief routine has no bar at all: how long
it takes depends on when the cramp lets go, which nobody can plan.
"""

from __future__ import annotations

from coach.core.routines.kind import RoutineKind
from coach.core.routines.timeline import segment_estimate
from coach.core.session.machine import Session


def seconds_ahead(session: Session, now: float) -> float:
    """The planned seconds still to come: the rest of this part and all the later ones."""
    segment = session.current
    if segment is None:
        return 0.0
    here = session.remaining(now) if segment.duration is not None else segment_estimate(segment)
    later = session.timeline[session.index + 1 :]
    return here + sum(segment_estimate(s) for s in later)


def routine_progress(session: Session, now: float) -> float:
    """0..1: time spent over time spent plus time ahead (1.0 once finished)."""
    if session.finished:
        return 1.0
    spent = session.active_seconds(now)
    planned = spent + seconds_ahead(session, now)
    if planned <= 0:
        return session.index / max(1, len(session.timeline))
    return min(1.0, max(0.0, spent / planned))


def shows_routine_bar(kind: str) -> bool:
    """Relief has no overall bar: its length is "until it lets go"."""
    return kind != RoutineKind.RELIEF
