"""Urgent help: the emergency and same-day signs, and what to do now. Reachable with ! anywhere."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from coach.core.guidance.call_numbers import GENERIC_ADVICE, CallAdvice
from coach.core.guidance.checklist import load_warning_signs, urgent_help_text
from coach.ui.app_services import coach_app
from coach.ui.widgets.wrapped import WrappedStatic


class UrgentScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,exclamation_mark", "close", "Back", id="urgent-close")]

    def __init__(self, advice: CallAdvice | str) -> None:
        """`advice`: the app's call_advice (number, advice line, where they came from), or just
        a number."""
        super().__init__()
        if isinstance(advice, str):
            advice = CallAdvice(advice, GENERIC_ADVICE)
        self.advice = advice
        self.emergency_number = advice.number

    def compose(self) -> ComposeResult:
        advice = self.advice
        signs = load_warning_signs()
        text = urgent_help_text(signs, advice.number, advice.advice_line, advice.notes)
        self.text = text
        # Aloud: the title and the first signs; where the number came from is for reading.
        self.spoken = urgent_help_text(signs, advice.number, advice.advice_line)
        with VerticalScroll(id="urgent-box"):
            yield WrappedStatic(text, id="urgent-text")
        yield Footer()

    def on_mount(self) -> None:
        coach_app(self).say_urgent(self.spoken)  # when the voice is on: the first lines, aloud

    def action_close(self) -> None:
        self.dismiss(None)
