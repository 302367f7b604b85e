"""Relief that adapts to what has worked for you (core/guidance/what_works.py decides): the
journal is read on its writer thread after the first frame, and the player gets Adapted only
when the plan changes, with the one line that says why. `adapt: off` in settings.yaml stops it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump

from coach.core.routines.routine import Routine

if TYPE_CHECKING:
    from coach.core.guidance.what_works import Adaptation
    from coach.core.journal.store import Journal
    from coach.core.session.machine import Session
    from coach.core.settings import Settings


class Adapted(Message):
    def __init__(self, adaptation: Adaptation) -> None:
        super().__init__()
        self.adaptation = adaptation


def look_for_what_works(journal: Journal | None, routine: Routine, screen: MessagePump) -> None:
    if not routine.relief or journal is None or not hasattr(journal, "iter_sessions"):
        return

    def look() -> None:
        from coach.core.guidance.what_works import decide
        from coach.core.journal.what_worked import what_worked
        from coach.core.routines.kind import RoutineKind

        adaptation = decide(what_worked(journal.iter_sessions(only=RoutineKind.RELIEF)))
        if adaptation.adapted:
            screen.post_message(Adapted(adaptation))  # thread-safe, never waits

    later = getattr(journal, "later", None)
    if later is None:  # a journal without a writer thread (a test's stand-in): at once
        look()
    else:
        later(look)


def apply_adaptation(
    settings: Settings, session: Session | None, adaptation: Adaptation
) -> str | None:
    """Set the session's flags unless `adapt: off`; the line to show, or None."""
    from coach.core.guidance.what_works import CLOSE_OUT_SOONER, MASSAGE_SOONER, fits

    if session is None or settings.adapt == "off":
        return None
    if not fits(adaptation, session.routine.steps):  # a routine of another shape: as written
        return None
    session.no_moves_on = adaptation.plan == MASSAGE_SOONER
    session.yes_closes_out = adaptation.plan == CLOSE_OUT_SOONER
    return adaptation.reason or None
