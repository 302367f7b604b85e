"""Home's offer to pick up a session cut short (a page reloaded, a phone gone to sleep, a closed
terminal): one large line to tap, or `r`. core/session/resume.py decides whether and where; this
only shows it, and keeps its time left true while it waits (once a second, on the app's clock).
It takes no focus: Enter on home still starts relief for a new cramp."""

from __future__ import annotations

from datetime import datetime

from textual.message import Message
from textual.timer import Timer

from coach.core.routines.routine import Routine
from coach.core.session.resume import Resumable, may_resume, offer_words
from coach.ui.app_services import wall_time
from coach.ui.plain import plain
from coach.ui.preferences.key_words import keys_of
from coach.ui.widgets.tap_button import TapButton

KEY_ID = "home-resume"  # home's binding (r): a keymap may move it, and the line follows


class ResumeOffer(TapButton):
    DEFAULT_CSS = """
    ResumeOffer {
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
        # The default look: a coloured one went below 4.5:1 hovered at night (the theme's).
        super().__init__("", id="resume-offer")
        self.resumable: Resumable | None = None
        self.routine: Routine | None = None
        self._ticking: Timer | None = None

    def offer(self, resumable: Resumable, routine: Routine) -> bool:
        """Show the offer; False (nothing shown) when it is no longer worth making."""
        self.resumable, self.routine = resumable, routine
        if not self._show():
            return False
        self.display = True
        if self._ticking is None:  # offered again (home came back): one clock is enough
            self._ticking = self.set_interval(1.0, self._tick)
        return True

    def withdraw(self) -> None:
        """Gone: taken, declined by starting something else, or too old now."""
        self.resumable = self.routine = None
        self.display = False
        if self._ticking is not None:
            self._ticking.stop()
            self._ticking = None

    def still_on(self) -> bool:
        """Whether the offer stands at this moment (the window may have closed meanwhile)."""
        return self.resumable is not None and self._show()

    def _tick(self) -> None:
        if self.resumable is not None and not self._show():
            self.withdraw()
            self.post_message(self.Lapsed())  # the key bar loses "Pick up"

    def _show(self) -> bool:
        resumable, routine = self.resumable, self.routine
        if resumable is None or routine is None:
            return False
        wall = wall_time(self)
        if not may_resume(resumable.record, resumable.position, _local(wall)):
            return False
        words = offer_words(routine, resumable.position, wall)
        if words is None:
            return False
        key = keys_of(self.app, KEY_ID, getattr(self.screen, "BINDINGS", []))
        self.label = plain(f"{key}  {words}")  # a routine's name is data: no markup
        return True


def _local(wall: float) -> datetime:
    return datetime.fromtimestamp(wall).astimezone()
