"""History: cramps per week beside nightly routines done, the streak, and recent episodes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coach.core.journal.history_view import build_history
from coach.core.safe_text import printable
from coach.ui.plain import plain_lines
from coach.ui.too_small import fit_or_say, too_small_note
from coach.ui.widgets.trial_panel import TrialPanel
from coach.ui.widgets.wrapped import WrappedStatic

NEEDS = (50, 14)  # columns and rows for the weeks and the table to be readable


class HistoryScreen(Screen):
    BINDINGS = [Binding("q,escape", "close", "Back", id="history-close")]

    def compose(self) -> ComposeResult:
        yield too_small_note()
        yield Static("Your cramp journal", id="title")
        with VerticalScroll(id="history-box"):
            yield WrappedStatic(id="streak")
            yield Static(id="weeks")
            yield Static("Recent cramps", classes="section", id="episodes-title")
            yield DataTable(id="episodes", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Export for a clinician:  coach history --export md  (or csv)", id="export-hint"
            )
            yield TrialPanel(id="trial")
        yield Footer()

    def on_resize(self) -> None:
        fit_or_say(self, NEEDS)

    def on_mount(self) -> None:
        fit_or_say(self, NEEDS)
        journal = self.app.journal
        view = build_history(journal)
        streak = f"Nightly routine streak: {view.streak} day{'s' if view.streak != 1 else ''}"
        if view.total_sessions == 0:
            streak = (
                "Nothing recorded yet. Every cramp you coach yourself through and every nightly "
                "routine is kept here, so after a few weeks you can see whether the routine helps."
            )
        if journal.problem:
            streak += f"\n{journal.problem}"
        self.query_one("#streak", WrappedStatic).set_text(streak)
        self.query_one("#weeks", Static).update(plain_lines("\n".join(view.week_lines)))
        table = self.query_one("#episodes", DataTable)
        table.add_columns("when", "leg", "routine", "let go after", "signs")
        # Cells from the journal are data: a DataTable reads a str as markup, a Text it does not.
        table.add_rows([Text(printable(str(cell))) for cell in row] for row in view.episodes)
        if not view.episodes:
            table.display = False
            self.query_one("#episodes-title").display = False
        self._show_trial(journal)

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
