"""A one-key yes/no question over the current screen; its two answers are also buttons to tap
(a phone has no keyboard at hand, and no Escape key at all)."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.ui.widgets.tap_button import TapButton


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
        # A modal screen cuts off the app's keys; urgent help must work from everywhere.
        Binding("exclamation_mark", "app.urgent", "Urgent help", id="confirm-urgent"),
        Binding("question_mark", "app.help", "Help", show=False, id="confirm-help"),
    ]

    def __init__(self, question: str, keys: str) -> None:
        """`keys` as "y  stop     n  keep going": the yes and the no, each with its key."""
        super().__init__()
        self.question = question
        self.keys = keys
        answers = [part.strip() for part in re.split(r"\s{3,}", keys.strip(), maxsplit=1)]
        self.answers = answers if len(answers) == 2 else ["y  yes", "n  no"]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(id="confirm-answers"):
                yield TapButton(self.answers[0], id="confirm-yes", variant="error")
                yield TapButton(self.answers[1], id="confirm-no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
