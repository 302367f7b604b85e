"""Which interrupted session may be picked up again, and where it carries on: the one rule, for
home's offer (ui/screens/home.py) and for the player that carries it on.

A session is cut short when its page reloads, the phone locks, or its terminal closes: its
process ends and the journal row is closed as interrupted, with where it was (position.py).

Which: the newest session in the journal, coached (not entered afterwards), closed as
interrupted, with its position, cut short at most RESUME_WITHIN ago:
- relief, 10 minutes: a locked phone or a reloaded page is back within a minute or two. A cramp
  still there after 10 minutes is past what stretching alone should be left to (the check's
  10-minute question), and one left longer has most likely let go: a new cramp is a new session
  (episode.py still counts a restart within 5 minutes as the same cramp).
- a nightly routine, 15 minutes: no hurry, but a routine set down for longer is better begun
  again than picked up in the middle of a hold.
Starting anything else writes a newer session, so the older one is no longer offered; it stays
interrupted (declining is just that). Picking it up re-opens the same row (store.py
reopen_session): a cramp is never counted twice (journal/episodes.py).

Where: the segment that was on screen, found again by its step's name, side, set and kind
wherever it is now (a changed routine or safety record can move it); that part gone (a side left
out since): the start of its step; the step gone: nothing is offered. Time left = its length less
the wall-clock time since it started (or until its pause: a paused session comes back paused,
with what was left). A segment whose time ran out while away ends and the next one begins,
whole: what happened unseen was not coached. A clock that went back (the segment seems to start
in the future) starts the segment again, whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from coach.core.journal.schema import SessionRecord
from coach.core.routines.durations import format_clock
from coach.core.routines.kind import RoutineKind
from coach.core.routines.routine import Routine
from coach.core.routines.timeline import SegmentKind, Timeline, build_timeline, swap_step
from coach.core.session.episode import carry_from, cramp_began
from coach.core.session.machine import Session
from coach.core.session.position import Position

RESUME_WITHIN: dict[str, timedelta] = {  # by kind (a RoutineKind is its string)
    RoutineKind.RELIEF: timedelta(minutes=10),
    RoutineKind.PREVENTION: timedelta(minutes=15),
}
# A clock set back this little (a network time correction) still offers; more, and how long ago
# the session stopped cannot be known, so it is not offered.
CLOCK_SLACK = timedelta(minutes=1)


class SessionsWithPositions(Protocol):
    """What the rule reads of a journal (Journal has both)."""

    def sessions(self, limit: int = 50, offset: int = 0) -> list[SessionRecord]: ...

    def position(self, session_id: int) -> str | None: ...


@dataclass(frozen=True)
class Resumable:
    """An interrupted session that may be picked up, as the journal has it."""

    record: SessionRecord
    position: Position
    began: datetime  # when its cramp began (restarts of it before the row included)


@dataclass(frozen=True)
class ResumePoint:
    segment: int  # where to carry on, in the timeline (the alternative swapped in, if `swap`)
    remaining: float | None  # seconds left of it; None: all of it, or a part that waits
    length: float | None  # its length with seconds added, when it is the same segment
    paused: bool
    swap: bool  # the step had been swapped for its alternative: swap it in again first


def may_resume(record: SessionRecord, position: Position | None, wall_now: datetime) -> bool:
    """Whether `record` (the newest session), with its stored `position`, may be picked up."""
    window = RESUME_WITHIN.get(record.kind)
    if window is None or position is None or record.entered_afterwards:
        return False
    if record.status != "interrupted" or record.ended is None:
        return False
    return -CLOCK_SLACK <= wall_now - record.ended <= window


def find_resumable(journal: SessionsWithPositions, wall_now: datetime) -> Resumable | None:
    """The session home may offer to pick up, or None (reads the journal: not on the loop)."""
    records = journal.sessions(limit=10)  # newest first; the rest for the cramp's beginning
    if not records:
        return None
    newest = records[0]
    position = Position.from_text(journal.position(newest.id))
    if position is None or not may_resume(newest, position, wall_now):
        return None
    began = newest.started
    if newest.kind == RoutineKind.RELIEF:
        began = cramp_began(records, newest.started, newest.id) or began
    return Resumable(newest, position, began)


def still_saving(journal: SessionsWithPositions, own_pid: int) -> bool:
    """The newest session is still running in another process: on a page reload the old tab's
    coach saves it while the new tab opens. Worth a second look in a moment."""
    records = journal.sessions(limit=1)
    return bool(records) and records[0].status == "running" and records[0].pid != own_pid


def resume_point(position: Position, routine: Routine, wall_now: float) -> ResumePoint | None:
    """Where `routine` carries on from `position` at `wall_now` (seconds since the epoch);
    None when its step is not in the routine any more."""
    timeline, swap = _timeline_as_left(position, routine)
    index = next((i for i, s in enumerate(timeline) if position.matches(s)), None)
    if 0 <= position.segment < len(timeline) and position.matches(timeline[position.segment]):
        index = position.segment
    paused = position.paused_wall is not None
    if index is None:  # the part is gone (a side left out since): that step from its start
        index = next((i for i, s in enumerate(timeline) if s.step.name == position.step_name), None)
        if index is None:
            return None
        return ResumePoint(index, None, None, paused, swap)
    duration = timeline[index].duration
    if duration is None:
        return ResumePoint(index, None, None, paused, swap)
    length = max(float(duration), position.length)
    until = position.paused_wall if position.paused_wall is not None else wall_now
    elapsed = until - position.started_wall
    if elapsed < 0:  # the clock went back: how much is left cannot be known
        return ResumePoint(index, None, length, paused, swap)
    left = round(max(0.0, length - elapsed), 3)  # to the millisecond, as positions are kept
    return ResumePoint(index, left, length, paused, swap)


def _timeline_as_left(position: Position, routine: Routine) -> tuple[Timeline, bool]:
    """The routine's timeline, with the step swapped for its alternative if it was then."""
    timeline = build_timeline(routine)
    if not 0 <= position.step < len(routine.steps):
        return timeline, False
    step = routine.steps[position.step]
    other = step.alternative
    if step.name == position.step_name or other is None or other.name != position.step_name:
        return timeline, False
    return swap_step(timeline, position.step, other, routine.lead_in)[0], True


def carry_on(session: Session, resumable: Resumable, wall_now: datetime, now: float) -> bool:
    """Put `session` (just built, on its clock at `now`) where `resumable` was; `wall_now` is
    the same moment on the wall clock. False when it cannot be found again (it runs as built)."""
    position, record = resumable.position, resumable.record
    point = resume_point(position, session.routine, wall_now.timestamp())
    if point is None:
        return False
    if point.swap:  # as the user had it: the same method the `a` key uses
        first = next(i for i, s in enumerate(session.timeline) if s.step_index == position.step)
        session.resume_at(now, first)
        session.use_alternative(now)
    session.resume_at(
        now,
        point.segment,
        point.remaining,
        length=point.length,
        paused=point.paused,
        active_before=position.active_before,
        hold_seconds_done=position.holds_done,
    )
    session.repeats = position.repeats  # "stretch 2", and what worked when it lets go
    step_now = session.timeline[point.segment].step_index
    earlier = list(enumerate(session.routine.steps[:step_now]))
    session.completed_steps = [i for i, step in earlier if step.name in record.steps_done]
    session.skipped_steps = [i for i, step in earlier if step.name in record.steps_skipped]
    if session.routine.relief:
        carry_from(session, resumable.began, now, wall_now)  # the 10 minutes count from then
        if record.release_seconds is not None:  # it had let go: the cramp's time stays
            session.release_seconds = record.release_seconds - session.carried_seconds
            session.release_step = record.release_step
    return True


def offer_words(routine: Routine, position: Position, wall_now: float) -> str | None:
    """Home's line offering to pick `routine` up (its name is data: the screen shows it as
    text); None when its step is gone."""
    point = resume_point(position, routine, wall_now)
    if point is None:
        return None
    timeline, _ = _timeline_as_left(position, routine)
    index, left = point.segment, point.remaining
    if left == 0 and not point.paused:  # ran out while away: what comes next, whole
        index, left = index + 1, None
    what = "your cramp relief" if routine.relief else routine.name
    if index >= len(timeline):
        return f"Pick up {what}: its last step's time is up"
    segment = timeline[index]
    side = f", {segment.side} side" if segment.side else ""
    where = f"{segment.step.name}{side}, step {segment.step_index + 1} of {len(routine.steps)}"
    if segment.kind is SegmentKind.RELEASED_QUESTION:
        where += ", has it let go?"
    elif segment.duration is not None:
        seconds = segment.duration if left is None else math.ceil(left)
        where += f", {format_clock(seconds)} left"
    if point.paused:
        where += ", paused"
    return f"Pick up {what} where you left off: {where}"
