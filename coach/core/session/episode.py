"""One cramp can outlast one session: someone who quits `coach now` mid-cramp (or whose
terminal closed) and starts it again is still in the same cramp, and the 10-minute rule (T1,
a cramp that will not ease after 10 minutes needs a clinician) must count from when it began,
not from the restart. The journal knows the earlier sessions; this decides which belong."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from coach.core.journal.schema import SessionRecord
from coach.core.routines.kind import RoutineKind

if TYPE_CHECKING:
    from coach.core.session.machine import Session


class RecentSessions(Protocol):
    def sessions(self, limit: int = 50, offset: int = 0) -> list[SessionRecord]: ...


# A relief session that ended this recently, the cramp not let go, is the same cramp.
SAME_CRAMP_GAP_SECONDS = 5 * 60


def cramp_began(
    records: Iterable[SessionRecord], now: datetime, this_session: int | None = None
) -> datetime | None:
    """When the cramp of the relief session starting `now` began, if earlier relief sessions
    (newest first in `records`) are the same cramp: each ended without "let go" within
    SAME_CRAMP_GAP_SECONDS of the next one's start. None when there is no such session."""
    began: datetime | None = None
    start = now
    for record in records:
        if record.id == this_session or record.kind != RoutineKind.RELIEF:
            continue  # this very session, or a prevention routine: not part of a cramp
        if record.release_seconds is not None or record.ended is None:
            break  # that cramp let go (or it is still running elsewhere): a new cramp now
        gap = (start - record.ended).total_seconds()
        if not 0 <= gap <= SAME_CRAMP_GAP_SECONDS or record.started > record.ended:
            break  # too long ago, or a clock that went backwards: do not guess
        began = start = record.started
    return began


def carry_earlier_cramp(
    session: Session,
    journal: RecentSessions,
    session_id: int | None,
    now: float,
    wall_now: datetime | None = None,
) -> float:
    """Set `session.carried_seconds` to the time its cramp ran before this session started
    (`now` is the session's monotonic clock); the seconds carried, 0.0 for a new cramp."""
    if session_id is None:
        return 0.0  # not recording: nothing to compare with
    wall_now = wall_now or datetime.now().astimezone()
    began = cramp_began(journal.sessions(limit=10), wall_now, session_id)
    return 0.0 if began is None else carry_from(session, began, now, wall_now)


def carry_from(session: Session, began: datetime, now: float, wall_now: datetime) -> float:
    """Set `session.carried_seconds` to the time from `began` (the cramp's start, wall clock)
    to this session's start; `now` and `wall_now` are one moment on the two clocks."""
    before = (wall_now - began).total_seconds() - (session.elapsed(now) - session.carried_seconds)
    session.carried_seconds = max(0.0, before)
    return session.carried_seconds


def same_cramp_notice(carried_seconds: float) -> str:
    """One line for the user: why the 10-minute warning may come sooner than they expect."""
    minutes = round(carried_seconds / 60)
    began = f"{minutes} min ago" if minutes >= 1 else "under a minute ago"
    return f"Same cramp as before (it began {began}): the 10-minute check counts from then."
