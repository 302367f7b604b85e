"""A one-key yes/no question over the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
        # A modal screen cuts off the app's keys; urgent help must work from everywhere.
        Binding("exclamation_mark", "app.urgent", "Urgent help", id="confirm-urgent"),
        Binding("question_mark", "app.help", "Help", show=False, id="confirm-help"),
    ]

    def __init__(self, question: str, keys: str) -> None:
        super().__init__()
        self.question = question
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            yield Static(self.keys, classes="keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
