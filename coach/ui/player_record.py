"""The player's journal row: opened after the first frame (the instruction matters more than the
record), with what happened before it opened, and the same-cramp carry for relief."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coach.core.routines.routine import Routine
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder

if TYPE_CHECKING:  # episode reads the journal's records: imported when a relief row opens
    from coach.core.session.episode import RecentSessions


def open_record(
    journal: object, routine: Routine, leg: str | None, steps_before: list[tuple[int, bool]]
) -> SessionRecorder:
    """A recorder with its row started, the leg and the steps done before it opened."""
    recorder = SessionRecorder(journal, routine)
    recorder.start()
    if leg:
        recorder.leg(leg)
    for step_index, skipped in steps_before:
        recorder.step_finished(step_index, skipped)
    return recorder


def carry_cramp(
    session: Session,
    journal: RecentSessions,
    recorder: SessionRecorder,
    now: float,
    say: Callable[[str], object],
) -> bool:
    """Started again before the cramp let go? Its 10 minutes count from the first start.
    True when an earlier cramp was carried (the player redraws)."""
    from coach.core.session.episode import carry_earlier_cramp, same_cramp_notice

    carried = carry_earlier_cramp(session, journal, recorder.session_id, now)
    if carried > 0:
        say(same_cramp_notice(carried))
        return True
    return False
