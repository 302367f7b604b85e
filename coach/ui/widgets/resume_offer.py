"""Home's offer to pick up a session cut short (a page reloaded, a phone gone to sleep, a closed
terminal). core/session/resume.py decides whether and where; this only shows it, and keeps its
time left true while it waits (once a second, on the app's clock). The look, the key and the
lapsing are home_offer.py's."""

from __future__ import annotations

from datetime import datetime

from coach.core.routines.routine import Routine
from coach.core.session.resume import Resumable, may_resume, offer_words
from coach.ui.app_services import wall_time
from coach.ui.widgets.home_offer import KEY_ID, HomeOffer

__all__ = ["KEY_ID", "ResumeOffer"]


class ResumeOffer(HomeOffer):
    def __init__(self) -> None:
        super().__init__(id="resume-offer")
        self.resumable: Resumable | None = None
        self.routine: Routine | None = None

    def offer(self, resumable: Resumable, routine: Routine) -> bool:
        """Show the offer; False (nothing shown) when it is no longer worth making."""
        self.resumable, self.routine = resumable, routine
        return self._put_up()

    def _holding(self) -> bool:
        return self.resumable is not None

    def _forget(self) -> None:
        self.resumable = self.routine = None

    def _words(self) -> str | None:
        resumable, routine = self.resumable, self.routine
        if resumable is None or routine is None:
            return None
        wall = wall_time(self)
        if not may_resume(resumable.record, resumable.position, _local(wall)):
            return None
        return offer_words(routine, resumable.position, wall)


def _local(wall: float) -> datetime:
    return datetime.fromtimestamp(wall).astimezone()
