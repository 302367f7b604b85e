"""What follows a finished routine: the warning-sign check after relief, else the done screen."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from coach.core.routines.routine import Routine
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder, work_of
from coach.core.session.summary import SessionSummary
from coach.ui.dialogs.leg_warning import (
    hold_for_safety,  # how a relief player begins: its safety record
)

__all__ = ["ending_screen", "hold_for_safety"]


def ending_screen(
    app: App, routine: Routine, session: Session, recorder: SessionRecorder | None, leg: str | None
) -> Screen:
    done, planned = work_of(session, app.clock())  # type: ignore[attr-defined]
    summary = SessionSummary(
        seconds=session.active_seconds(app.clock()),  # type: ignore[attr-defined]
        steps_total=len(routine.steps),
        steps_done=len(session.completed_steps),
        steps_skipped=len(session.skipped_steps),
        relief=routine.kind == "relief",
        leg=leg,
        saved=recorder is not None and recorder.journal is not None,
        too_little_work=done * 2 < planned,
    )
    if recorder is not None:
        recorder.summary = summary  # the result screen after the check shows it
    if routine.kind == "relief":
        from coach.core.guidance.checklist import observe_relief_overtime, session_knows_no
        from coach.ui.check.screen import CheckScreen

        elapsed = session.elapsed(app.clock())  # type: ignore[attr-defined]
        asks = any(step.until_released for step in routine.steps)
        observed = observe_relief_overtime(
            {}, session.cramp_release_seconds, elapsed, asks_release=asks
        )
        return CheckScreen(
            observed=observed,
            routine=routine,
            recorder=recorder,
            ask_leg=leg is None,
            known_no=session_knows_no(session.cramp_release_seconds),
            leg=leg,
        )
    from coach.ui.player.finished import FinishedScreen

    return FinishedScreen(routine, recorder, summary)
