"""History: cramps per week beside nightly routines done, the streak, and recent episodes."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coach.core.journal.history_view import build_history
from coach.core.safe_text import printable
from coach.ui.plain import plain_lines
from coach.ui.widgets.trial_panel import TrialPanel


class HistoryScreen(Screen):
    BINDINGS = [
        Binding("q,escape", "close", "Back", id="history-close"),
        Binding("x", "clear_record", "Clear safety record", id="history-clear-record"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Your cramp journal", id="title")
        with VerticalScroll(id="history-box"):
            yield Static(id="safety-record")
            yield Static(id="streak")
            yield Static(id="weeks")
            yield Static("Recent cramps", classes="section", id="episodes-title")
            yield DataTable(id="episodes", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Export for a clinician:  coach history --export md  (or csv)", id="export-hint"
            )
            yield TrialPanel(id="trial")
        yield Footer()

    def on_mount(self) -> None:
        journal = self.app.journal
        view = build_history(journal)
        streak = f"Nightly routine streak: {view.streak} day{'s' if view.streak != 1 else ''}"
        if view.total_sessions == 0:
            streak = (
                "Nothing recorded yet. Every cramp you coach yourself through and every nightly\n"
                "routine is kept here, so after a few weeks you can see whether the routine helps."
            )
        if journal.problem:
            streak += f"\n{journal.problem}"
        self.query_one("#streak", Static).update(plain_lines(streak))
        self.query_one("#weeks", Static).update(plain_lines("\n".join(view.week_lines)))
        table = self.query_one("#episodes", DataTable)
        table.add_columns("when", "leg", "routine", "let go after", "signs")
        # Cells from the journal are data: a DataTable reads a str as markup, a Text it does not.
        table.add_rows([Text(printable(str(cell))) for cell in row] for row in view.episodes)
        if not view.episodes:
            table.display = False
            self.query_one("#episodes-title").display = False
        self._show_trial(journal)
        self._show_record()

    def _show_record(self) -> None:
        """The safety record the check's answers left (a leg warning, heat left out)."""
        from coach.core.guidance.player_lines import load_player_lines
        from coach.core.guidance.relief_rules import record_lines
        from coach.core.guidance.safety_record import read_record

        days = load_player_lines().leg_warning_days
        lines = record_lines(read_record(), datetime.now().astimezone(), days)
        box = self.query_one("#safety-record", Static)
        box.display = bool(lines)
        box.update(plain_lines("\n".join(lines)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_record":
            return self.query_one("#safety-record").display
        return True

    def action_clear_record(self) -> None:
        from coach.ui.screens.confirm import ConfirmScreen

        def answered(clear: bool | None) -> None:
            if clear:
                from coach.core.guidance.safety_record import SafetyRecord, write_record

                try:
                    write_record(SafetyRecord())
                except OSError as error:
                    self.notify(f"Could not clear the record: {error}", severity="warning")
                self._show_record()

        question = "Clear the safety record (leg warning, heat left out)?"
        self.app.push_screen(ConfirmScreen(question, "y  clear it     n  keep it"), answered)

    def _show_trial(self, journal) -> None:  # type: ignore[no-untyped-def]
        from coach.core.trial.report import build_report

        panel = self.query_one(TrialPanel)
        report = build_report(journal)
        panel.display = bool(report.weeks) or report.plan is not None
        if panel.display:
            panel.show(report)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
