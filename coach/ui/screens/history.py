"""History: cramps per week beside nightly routines done, the streak, and recent episodes."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from coach.core.journal.history_view import (
    build_history,
    streak_of,
    week_lines_of,
    what_worked_lines,
)
from coach.core.safe_text import printable
from coach.ui.app_services import coach_app
from coach.ui.plain import plain_lines
from coach.ui.widgets.too_small import TooSmall, too_small_note
from coach.ui.widgets.trial_panel import TrialPanel
from coach.ui.widgets.wrapped import WrappedStatic

NEEDS = (50, 14)  # columns and rows for the weeks and the table to be readable

if TYPE_CHECKING:
    from coach.core.trial.report import TrialReport


class HistoryScreen(Screen):
    BINDINGS = [
        Binding("q,escape", "close", "Back", id="history-close"),
        Binding("x", "clear_record", "Clear safety record", id="history-clear-record"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # Too small a window hides the record: then x (clear it) does nothing; q and Escape go.
        self.size_guard = TooSmall(self, NEEDS, allowed={"close"})

    def compose(self) -> ComposeResult:
        yield too_small_note()
        yield Static("Your cramp journal", id="title")
        with VerticalScroll(id="history-box"):
            yield Static(id="safety-record")
            yield WrappedStatic(id="streak")
            yield Static(id="weeks")
            yield Static("What has worked for you", classes="section", id="worked-title")
            yield WrappedStatic(id="worked")
            yield Static("Recent cramps", classes="section", id="episodes-title")
            yield DataTable(id="episodes", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Export for a clinician:  coach history --export md  (or csv)", id="export-hint"
            )
            yield TrialPanel(id="trial")
        yield Footer()

    def on_resize(self) -> None:
        self.size_guard.fit()

    def on_mount(self) -> None:
        self.size_guard.fit()
        journal = coach_app(self).journal
        # One bounded read (the last 200 sessions): the screen paints as fast for a million
        # sessions as for ten. The weeks (as many rows as they hold) and the streak (as long as
        # it is) are counted on a thread and shown as they come.
        view = build_history(journal, full=False)
        self._streak = self.query_one("#streak", WrappedStatic)
        self._weeks = self.query_one("#weeks", Static)
        if view.empty:
            self._show_streak(None)
        else:
            self._streak.set_text("Nightly routine streak: counting…")
        self.run_worker(partial(self._count, view.empty), thread=True, exit_on_error=False)
        table = self.query_one("#episodes", DataTable)
        table.add_columns("when", "leg", "routine", "let go after", "signs")
        # Cells from the journal are data: a DataTable reads a str as markup, a Text it does not.
        table.add_rows([Text(printable(str(cell))) for cell in row] for row in view.episodes)
        if not view.episodes:
            table.display = False
            self.query_one("#episodes-title").display = False
        self.query_one(TrialPanel).display = False  # shown by _count when there is a trial
        self.query_one("#worked-title").display = False  # shown by _count with the tally
        self._show_record()

    def _show_record(self) -> None:
        """The safety record the check's answers left (a leg warning, heat left out)."""
        from coach.core.guidance.player_lines import load_player_lines
        from coach.core.guidance.record_lines import record_lines
        from coach.core.guidance.safety_record import read_record

        days = load_player_lines().leg_warning_days
        lines = record_lines(read_record(), datetime.now().astimezone(), days)
        box = self.query_one("#safety-record", Static)
        box.display = bool(lines)
        box.update(plain_lines("\n".join(lines)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.size_guard.allows(action):
            return False
        if action == "clear_record":
            return self.query_one("#safety-record").display
        return True

    def action_clear_record(self) -> None:
        """One part at a time (the leg warning, or heat and ice left out), each with its reason."""
        from coach.core.guidance.player_lines import load_player_lines
        from coach.core.guidance.record_lines import clear_choices, cleared
        from coach.core.guidance.safety_record import read_record, write_record
        from coach.ui.dialogs.builder_choices import ChoiceScreen

        now = datetime.now().astimezone()
        choices = clear_choices(read_record(), now, load_player_lines().leg_warning_days)
        if not choices:
            return

        def answered(part: str | None) -> None:
            if part not in {value for _key, _label, value in choices}:
                return  # Escape, or "keep it"
            try:
                write_record(cleared(read_record(), part))
            except OSError as error:
                self.notify(f"Could not clear the record: {error}", severity="warning")
            self._show_record()

        question = "Clear which part of the safety record? Only what a clinician told you."
        answers = [*choices, ("n", "keep it", "keep")]
        self.app.push_screen(ChoiceScreen(question, answers), answered)

    def _count(self, empty: bool) -> None:
        """On a thread: what grows with the journal (weeks, streak, the trial's weeks)."""
        from coach.core.trial.report import build_report

        journal = coach_app(self).journal
        try:
            if not empty:
                weeks = plain_lines("\n".join(week_lines_of(journal)))
                self.app.call_from_thread(self._weeks.update, weeks)
                self.app.call_from_thread(self._show_streak, streak_of(journal))
                self.app.call_from_thread(self._show_worked, what_worked_lines(journal))
            self.app.call_from_thread(self._show_trial, build_report(journal))
        except RuntimeError:  # the app closed meanwhile
            pass

    def _show_worked(self, lines: tuple[str, ...]) -> None:
        self.query_one("#worked-title").display = True
        self.query_one("#worked", WrappedStatic).set_text("\n".join(lines))

    def _show_trial(self, report: TrialReport) -> None:
        panel = self.query_one(TrialPanel)
        panel.display = bool(report.weeks) or report.plan is not None
        if panel.display:
            panel.show(report)

    def _show_streak(self, streak: int | None) -> None:
        if streak is None:
            text = (
                "Nothing recorded yet. Every cramp you coach yourself through and every nightly "
                "routine is kept here, so after a few weeks you can see whether the routine helps."
            )
        else:
            text = f"Nightly routine streak: {streak} day{'s' if streak != 1 else ''}"
        problem = coach_app(self).journal.problem
        self._streak.set_text(text + (f"\n{problem}" if problem else ""))

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
