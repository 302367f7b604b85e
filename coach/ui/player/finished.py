"""After a prevention routine: well done, and the warning-sign check on offer.

Its own module, so ending a routine imports no YAML: the finish lands on time."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.core.routines.routine import Routine
from coach.core.session.recorder import SessionRecorder
from coach.core.session.summary import SessionSummary, summary_lines
from coach.ui.app_services import coach_app
from coach.ui.navigation import go_home
from coach.ui.plain import plain, plain_lines
from coach.ui.widgets.wrapped import WrappedStatic


class FinishedScreen(Screen):
    """After a prevention routine: well done, and the check on offer."""

    BINDINGS = [
        Binding("c", "check", "Warning-sign check", id="finished-check"),
        Binding("h", "home", "Home", id="finished-home"),
        Binding("q,enter", "quit", "Quit", id="finished-quit"),
    ]

    def action_home(self) -> None:
        go_home(self.app)

    def __init__(
        self,
        routine: Routine,
        recorder: SessionRecorder | None = None,
        summary: SessionSummary | None = None,
    ) -> None:
        super().__init__()
        self.routine = routine
        self.recorder = recorder
        self.summary = summary

    def on_mount(self) -> None:
        if self.summary is not None:
            self.call_after_refresh(self._add_streak)

    def _add_streak(self) -> None:
        """The streak with tonight's routine in it: the journal writes on its own thread, so wait
        (bounded) for this session's row first."""
        summary = self.summary
        if summary is None:
            return
        if self.recorder is not None and summary.saved:
            self.recorder.flush(1.0)
            try:
                summary = replace(summary, streak=coach_app(self).journal.nightly_streak())
            except Exception:  # noqa: BLE001 - a journal that cannot be read: no streak line
                pass
        self.query_one("#summary", Static).update(plain_lines("\n".join(summary_lines(summary))))

    def compose(self) -> ComposeResult:
        yield Static(plain(f"Done: {self.routine.name}"), id="title")
        from coach.core.guidance.player_lines import load_player_lines  # JSON: no YAML here

        yield WrappedStatic(load_player_lines().finished, id="finished-text")
        if self.summary is not None:
            yield Static(plain_lines("\n".join(summary_lines(self.summary))), id="summary")
        yield Static("c  check for warning signs     h  home     q  quit", classes="keys")
        yield Footer()

    def action_check(self) -> None:
        from coach.ui.check.screen import CheckScreen  # loads the YAML checklist: only now

        self.app.switch_screen(CheckScreen(routine=self.routine, recorder=self.recorder))

    def action_quit(self) -> None:
        coach_app(self).finish("completed")
