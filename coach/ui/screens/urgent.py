"""Urgent help: the emergency and same-day signs, and what to do now. Reachable with ! anywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from coach.core.guidance.checklist import load_warning_signs, urgent_help_text
from coach.ui.app_services import coach_app
from coach.ui.widgets.wrapped import WrappedStatic


class UrgentScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,exclamation_mark", "close", "Back", id="urgent-close")]

    def __init__(self, emergency_number: str) -> None:
        super().__init__()
        self.emergency_number = emergency_number

    def compose(self) -> ComposeResult:
        text = self.text = urgent_help_text(load_warning_signs(), self.emergency_number)
        with VerticalScroll(id="urgent-box"):
            yield WrappedStatic(text, id="urgent-text")
        yield Footer()

    def on_mount(self) -> None:
        coach_app(self).say_urgent(self.text)  # when the voice is on: the first lines, aloud

    def action_close(self) -> None:
        self.dismiss(None)
