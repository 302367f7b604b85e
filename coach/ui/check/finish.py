"""Back into a warning-sign check left unfinished (home's offer, core/guidance/check_progress.py):
the check screen with the answers kept, writing to the same journal row."""

from __future__ import annotations

from textual.app import App

from coach.core.guidance.check_progress import UnfinishedCheck, restore_check
from coach.core.guidance.checklist import load_warning_signs
from coach.core.routines.routine import Routine
from coach.ui.check.screen import CheckScreen


def finish_check_screen(
    app: App, unfinished: UnfinishedCheck, routine: Routine | None
) -> CheckScreen:
    """The check as it was left; from its first question (the leg asked first, if it was not
    given) when no answer was kept."""
    from coach.core.journal.entries import EntryRecorder
    from coach.ui.app_services import coach_app

    progress, record = unfinished.progress, unfinished.record
    recorder = EntryRecorder(coach_app(app).journal, session_id=record.id)
    check = restore_check(load_warning_signs(), progress)
    if not check.answer_steps[0]:
        return CheckScreen(
            observed=progress.observed,
            routine=routine,
            recorder=recorder,
            ask_leg=progress.leg is None,
            known_no=tuple(progress.known_no),
            leg=progress.leg,
        )
    screen = CheckScreen(
        routine=routine, recorder=recorder, check=check, leg=progress.leg, swollen=progress.swollen
    )
    asked, steps = check.answer_steps
    last = next(q for q in check.questions if q.id == asked[-1])
    said_yes = steps[-1] == 1 and check.answers[last.id]
    if said_yes and "stretch" in last.avoid and progress.swollen is None:
        screen.asking_swollen = True  # lost before saying which leg is swollen: asked again
    return screen
