"""What home's two offers share (resume_offer.py: a session cut short; check_offer.py: a
warning-sign check left unfinished): one large line to tap, or `r`, shown while core says the
offer stands, looked at again on a clock and taken down, with a Lapsed message, when it lapses.
It takes no focus: Enter on home still starts relief for a new cramp."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer

from coach.ui.plain import plain
from coach.ui.preferences.key_words import keys_of
from coach.ui.widgets.tap_button import TapButton

KEY_ID = "home-resume"  # home's binding (r): a keymap may move it, and the line follows


class HomeOffer(TapButton):
    DEFAULT_CSS = """
    HomeOffer {
        display: none;
        width: 100%;
        height: auto;
        min-height: 3;
        margin-bottom: 1;
        text-style: bold;
    }
    """
    LOOK_EVERY = 1.0  # seconds between looks at whether the offer still stands

    class Lapsed(Message):
        """The offer went by itself (its window closed): the screen's keys change."""

    def __init__(self, id: str) -> None:  # noqa: A002 - Textual's own name for it
        # The default look: a coloured one went below 4.5:1 hovered at night (the theme's).
        super().__init__("", id=id)
        self._ticking: Timer | None = None

    # --- what each offer says ----------------------------------------------------------------
    def _holding(self) -> bool:
        """Something is offered (it may have lapsed)."""
        raise NotImplementedError

    def _words(self) -> str | None:
        """The offer's words now; None once it no longer stands."""
        raise NotImplementedError

    def _forget(self) -> None:
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------
    def _put_up(self) -> bool:
        """Show the offer; False (nothing shown, nothing kept) when it no longer stands."""
        if not self._show():
            self._forget()
            return False
        self.display = True
        if self._ticking is None:  # offered again (home came back): one clock is enough
            self._ticking = self.set_interval(self.LOOK_EVERY, self._tick)
        return True

    def still_on(self) -> bool:
        """Whether the offer stands at this moment (the window may have closed meanwhile)."""
        return self._holding() and self._show()

    def withdraw(self) -> None:
        """Gone: taken, declined by starting something else, or too old now."""
        self._forget()
        self.display = False
        if self._ticking is not None:
            self._ticking.stop()
            self._ticking = None

    def _tick(self) -> None:
        if self._holding() and not self._show():
            self.withdraw()
            self.post_message(self.Lapsed())  # the key bar loses "Pick up"

    def _show(self) -> bool:
        words = self._words()
        if words is None:
            return False
        key = keys_of(self.app, KEY_ID, getattr(self.screen, "BINDINGS", []))
        self.label = plain(f"{key}  {words}")  # a routine's name is data: no markup
        return True
