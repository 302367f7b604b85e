"""Home's offer to finish a warning-sign check left unfinished (a page reloaded, a phone gone to
sleep, a closed terminal after relief): one large line to tap, or `r`, as the offer to pick up
a session (resume_offer.py) looks. core/guidance/check_progress.py decides whether; this only
shows it, and takes it down when its window closes. It takes no focus: Enter still starts relief."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer

from coach.core.guidance.check_progress import UnfinishedCheck, may_finish, offer_words
from coach.ui.app_services import wall_time
from coach.ui.plain import plain
from coach.ui.preferences.key_words import keys_of
from coach.ui.widgets.resume_offer import KEY_ID
from coach.ui.widgets.tap_button import TapButton

LOOK_EVERY = 5.0  # seconds: the window is half an hour, so a few seconds late is nothing


class CheckOffer(TapButton):
    DEFAULT_CSS = """
    CheckOffer {
        display: none;
        width: 100%;
        height: auto;
        min-height: 3;
        margin-bottom: 1;
        text-style: bold;
    }
    """

    class Lapsed(Message):
        """The offer went by itself (its window closed): the screen's keys change."""

    def __init__(self) -> None:
        super().__init__("", id="check-offer")
        self.unfinished: UnfinishedCheck | None = None
        self._ticking: Timer | None = None

    def offer(self, unfinished: UnfinishedCheck) -> bool:
        """Show the offer; False (nothing shown) when it is no longer worth making."""
        self.unfinished = unfinished
        if not self._standing():
            self.unfinished = None
            return False
        key = keys_of(self.app, KEY_ID, getattr(self.screen, "BINDINGS", []))
        self.label = plain(f"{key}  {offer_words(unfinished.progress)}")
        self.display = True
        if self._ticking is None:
            self._ticking = self.set_interval(LOOK_EVERY, self._tick)
        return True

    def withdraw(self) -> None:
        """Gone: taken, declined by starting something else, or too old now."""
        self.unfinished = None
        self.display = False
        if self._ticking is not None:
            self._ticking.stop()
            self._ticking = None

    def _standing(self) -> bool:
        found = self.unfinished
        return found is not None and may_finish(found.record, found.progress, wall_time(self))

    def _tick(self) -> None:
        if self.unfinished is not None and not self._standing():
            self.withdraw()
            self.post_message(self.Lapsed())
