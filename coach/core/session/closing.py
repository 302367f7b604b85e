"""The end-of-session summary, built in one place from what the session and its journal row
know: the player's normal ending (coach/ui/player_endings.py) and `q`, `y` (player_leave.py)
both ask here, so the two can never disagree about a figure. summary.py words it."""

from __future__ import annotations

from coach.core.journal.routine_done import enough_holds
from coach.core.routines.routine import Routine
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder, work_of
from coach.core.session.summary import SessionSummary


def session_summary(
    routine: Routine,
    session: Session,
    now: float,
    *,
    leg: str | None,
    recorder: SessionRecorder | None,
    stopped: bool = False,
) -> SessionSummary:
    """The summary of `session` at `now` (its monotonic clock); `stopped`: ended with q."""
    done, planned = work_of(session, now)
    return SessionSummary(
        seconds=session.active_seconds(now),
        steps_total=len(routine.steps),
        steps_done=len(session.completed_steps),
        steps_skipped=len(session.skipped_steps),
        relief=routine.relief,
        leg=leg,
        saved=recorder is not None and recorder.journal is not None,
        stopped=stopped,
        too_little_work=not enough_holds(done, planned),
    )
