"""A button for the finger, not for the keyboard: it takes no focus, so Enter and the keys keep
the meaning they have on the screen, and a tap does what the key next to its label does."""

from __future__ import annotations

from textual.widgets import Button


class TapButton(Button, can_focus=False):
    pass
