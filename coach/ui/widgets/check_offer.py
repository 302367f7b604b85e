"""Home's offer to finish a warning-sign check left unfinished (a page reloaded, a phone gone to
sleep, a closed terminal after relief). core/guidance/check_progress.py decides whether; this
only shows it. The look, the key and the lapsing are home_offer.py's."""

from __future__ import annotations

from coach.core.guidance.check_progress import UnfinishedCheck, may_finish, offer_words
from coach.ui.app_services import wall_time
from coach.ui.widgets.home_offer import HomeOffer


class CheckOffer(HomeOffer):
    LOOK_EVERY = 5.0  # seconds: the window is half an hour, so a few seconds late is nothing

    def __init__(self) -> None:
        super().__init__(id="check-offer")
        self.unfinished: UnfinishedCheck | None = None

    def offer(self, unfinished: UnfinishedCheck) -> bool:
        """Show the offer; False (nothing shown) when it is no longer worth making."""
        self.unfinished = unfinished
        return self._put_up()

    def _holding(self) -> bool:
        return self.unfinished is not None

    def _forget(self) -> None:
        self.unfinished = None

    def _words(self) -> str | None:
        found = self.unfinished
        if found is None or not may_finish(found.record, found.progress, wall_time(self)):
            return None
        return offer_words(found.progress)
