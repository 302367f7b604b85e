"""What follows a finished routine: the warning-sign check after relief, else the done screen."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from coach.core.routines.routine import Routine
from coach.core.session.closing import session_summary
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder
from coach.ui.app_services import coach_app
from coach.ui.dialogs.leg_warning import (
    ask_what_may_be_coached,  # how any player begins: what its safety record allows
)

__all__ = ["ask_what_may_be_coached", "ending_screen"]


def ending_screen(
    app: App, routine: Routine, session: Session, recorder: SessionRecorder | None, leg: str | None
) -> Screen:
    now = coach_app(app).clock()
    summary = session_summary(routine, session, now, leg=leg, recorder=recorder)
    if recorder is not None:
        recorder.summary = summary  # the result screen after the check shows it
    if routine.relief:
        from coach.core.guidance.checklist import observe_relief_overtime, session_knows_no
        from coach.ui.check.screen import CheckScreen

        elapsed = session.elapsed(now)
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
