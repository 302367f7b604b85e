"""The player's journal row: opened after the first frame (the instruction matters more than the
record), with what happened before it opened, and the same-cramp carry for relief."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from textual.message import Message

from coach.core.routines.routine import Routine
from coach.core.session.events import StepDone
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder, step_name, work_of

if TYPE_CHECKING:  # episode reads the journal's records: imported when a relief row opens
    from datetime import datetime

    from textual.message_pump import MessagePump

    from coach.core.journal.schema import SessionRecord
    from coach.core.session.episode import RecentSessions


StepRecord = tuple[int, bool, str, tuple[float, int]]  # index, skipped, name, work so far


def open_record(
    journal: object,
    routine: Routine,
    leg: str | None,
    steps_before: list[StepRecord],
    resumed: SessionRecord | None = None,
) -> SessionRecorder:
    """A recorder with its row started (or `resumed`'s row carried on: a session picked up),
    the leg and the steps done before it opened."""
    recorder = SessionRecorder(journal, routine)
    if resumed is None:
        recorder.start()
    else:
        recorder.resume(resumed)
    if leg:
        recorder.leg(leg)
    for step_index, skipped, name, work in steps_before:
        recorder.step_finished(step_index, skipped, name, work)
    return recorder


def keep_position(
    recorder: SessionRecorder | None,
    session: Session,
    now: float,
    wall_now: float,
    last: tuple[object, ...] | None,
) -> tuple[object, ...] | None:
    """Write where the session is when that has changed since `last` (a new part, a pause,
    seconds added: session/position.py), so a session cut short can be picked up; the key to
    pass next time. Nothing before the row is open."""
    from coach.core.session.position import position_key, position_of

    key = position_key(session)
    if recorder is None or key == last:
        return last
    position = position_of(session, now, wall_now)
    if position is not None:
        recorder.position(position.to_text())
    return key


class RecordsSteps(Protocol):
    """The player (coach/ui/player/screen.py): its recorder once the row is open, and where it
    keeps the steps done before that."""

    recorder: SessionRecorder | None

    def keep_until_recording(self, record: StepRecord) -> None: ...


def record_steps(screen: RecordsSteps, session: Session, events: list[object], now: float) -> None:
    """Each StepDone of a tick into the journal (the step's name, swapped or not, and the timed
    work so far), or kept by the screen for when the row opens."""
    for event in events:
        if isinstance(event, StepDone):
            step = (event.step_index, event.skipped, step_name(session, event.step_index))
            record = (*step, work_of(session, now))
            if screen.recorder is None:
                screen.keep_until_recording(record)
            else:
                screen.recorder.step_finished(*record)


class CrampCarried(Message):
    """The journal shows the relief session on screen continues a cramp that began earlier."""

    def __init__(self, began: datetime, now: float, wall_now: datetime) -> None:
        super().__init__()
        self.began, self.now, self.wall_now = began, now, wall_now


def look_for_earlier_cramp(
    journal: RecentSessions, recorder: SessionRecorder, screen: MessagePump, now: float
) -> None:
    """A relief session started again before the cramp let go? The journal is read on its own
    thread, behind the row's insert, so a big or busy journal never holds the screen (a million
    sessions take half a second to open); when it shows an earlier start, `screen` gets
    CrampCarried."""
    from datetime import datetime

    if not recorder.routine.relief:
        return
    wall_now = datetime.now().astimezone()  # the same moment as `now`, on the wall clock

    def look() -> None:
        from coach.core.session.episode import cramp_began

        session_id = recorder.session_id
        if session_id is None:
            return  # not recording: nothing to compare with
        began = cramp_began(journal.sessions(limit=10), wall_now, session_id)
        if began is not None:
            screen.post_message(CrampCarried(began, now, wall_now))  # thread-safe, never waits

    later = getattr(journal, "later", None)
    if later is None:  # a journal without a writer thread (a test's stand-in): at once
        look()
    else:
        later(look)


def carry_cramp(session: Session, carried: CrampCarried, say: Callable[[str], object]) -> bool:
    """Its 10 minutes count from the first start; True when time was carried (redraw)."""
    from coach.core.session.episode import carry_from, same_cramp_notice

    if carry_from(session, carried.began, carried.now, carried.wall_now) > 0:
        say(same_cramp_notice(session.carried_seconds))
        return True
    return False
