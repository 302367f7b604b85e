"""After a prevention routine: well done, and the warning-sign check on offer.

Its own module, so ending a routine imports no YAML: the finish lands on time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.core.routines.routine import Routine
from coach.core.session.recorder import SessionRecorder
from coach.ui.navigation import go_home
from coach.ui.plain import plain, plain_lines


class FinishedScreen(Screen):
    """After a prevention routine: well done, and the check on offer."""

    BINDINGS = [
        Binding("c", "check", "Warning-sign check", id="finished-check"),
        Binding("h", "home", "Home", id="finished-home"),
        Binding("q,enter", "quit", "Quit", id="finished-quit"),
    ]

    def action_home(self) -> None:
        go_home(self.app)

    def __init__(self, routine: Routine, recorder: SessionRecorder | None = None) -> None:
        super().__init__()
        self.routine = routine
        self.recorder = recorder

    def compose(self) -> ComposeResult:
        yield Static(plain(f"Done: {self.routine.name}"), id="title")
        from coach.core.guidance.player_lines import load_player_lines  # JSON: no YAML here

        yield Static(plain_lines(load_player_lines().finished), id="finished-text")
        yield Static("c  check for warning signs     h  home     q  quit", classes="keys")
        yield Footer()

    def action_check(self) -> None:
        from coach.ui.screens.check import CheckScreen  # loads the YAML checklist: only now

        self.app.switch_screen(CheckScreen(routine=self.routine, recorder=self.recorder))

    def action_quit(self) -> None:
        self.app.finish("completed")
