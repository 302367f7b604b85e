"""Shown over everything while the terminal is too narrow to draw the app.

Textual 8.2.8 raises ValueError laying out a widget left with no width (home below ~7 columns,
the builder below ~9). coach.tcss lays nothing out narrower than MIN_WIDTH, so nothing crashes,
and below it the app puts this up, and takes it down when the window is wide enough again: the
screen underneath comes back as it was. The player pauses under it, as under any cover.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 12  # columns: every screen lays out from here up (tests/ui/test_narrow.py)


class TooNarrowScreen(Screen[None]):
    # Its padding and min-width are in coach.tcss, beside the rule they undo.
    # Nothing else may open in a window this narrow (urgent help and help come back with it).
    BINDINGS = [Binding("exclamation_mark,question_mark", "nothing", show=False, priority=True)]

    def compose(self) -> ComposeResult:
        yield Static(
            f"Make the window wider: {MIN_WIDTH} columns needed.", id="too-narrow", markup=False
        )

    def action_nothing(self) -> None:
        pass
