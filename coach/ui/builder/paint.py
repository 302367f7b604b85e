"""What the builder screen shows: its widgets, and the draft put into them (the library, the
step table, the step editor and the total). The screen (coach/ui/builder/screen.py) turns keys
and edits into draft commands and asks this to show the result, as player_paint.py does for the
player.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Select, Static

from coach.core.builder.draft import RoutineDraft
from coach.core.routines.durations import format_clock
from coach.ui.builder.parts import (
    StepEditor,
    dose,
    library_options,
    step_row,
    table_fit,
    target_options,
)
from coach.ui.builder.routine_list import RoutineFields
from coach.ui.plain import styled
from coach.ui.widgets.too_small import too_small_note

COLUMNS = ("#", "Step  (e edits)", "Time", "Dose")  # e: the name and instructions


class BuilderPainter:
    def __init__(self, screen: Screen) -> None:
        self.screen = screen  # a BuilderScreen (not imported: it imports this)

    @property
    def draft(self) -> RoutineDraft:
        return self.screen.draft  # type: ignore[attr-defined]  # a BuilderScreen: see __init__

    def compose(self) -> ComposeResult:
        yield too_small_note()
        yield Static("Build a routine", id="builder-title")
        with Horizontal(id="builder-panes"):
            with Vertical(id="library-pane"):
                yield Static("Exercise library", classes="section")
                targets = target_options(self.draft.offered())
                yield Select(targets, prompt="Any muscle", id="target-filter", compact=True)
                yield OptionList(id="library")
            with Vertical(id="routine-pane"):
                yield RoutineFields(self.draft, id="routine-fields")
                yield DataTable(id="steps", cursor_type="row", zebra_stripes=True)
                yield StepEditor(id="step-editor")
                yield Static(id="total")
                yield Static(id="builder-note")
                yield Static(id="builder-status")  # what a toast would say, not over a field
        yield Footer(compact=True)

    def fill_library(self, target: str | None, refilter: bool = False) -> None:
        if refilter:
            select = self.screen.query_one("#target-filter", Select)
            with select.prevent(Select.Changed):
                select.set_options(target_options(self.draft.offered()))
        library = self.screen.query_one("#library", OptionList)
        library.set_options(library_options(self.draft.offered(), target))
        library.highlighted = 0 if library.option_count else None

    def steps(self, cursor: int | None = None) -> None:
        table = self.screen.query_one("#steps", DataTable)
        table.clear()
        lead_in = self.draft.lead_in
        width, short = self._fit()
        table.add_rows(
            step_row(n, s, lead_in, width, short) for n, s in enumerate(self.draft.steps, 1)
        )
        if self.draft.steps:
            table.move_cursor(row=max(0, min(cursor or 0, len(self.draft.steps) - 1)))
        self.step_editor()
        self.total()

    def step_editor(self) -> None:
        index = self.current_index()
        step = self.draft.steps[index] if index is not None else None
        self.screen.query_one(StepEditor).show(step)

    def total(self) -> None:
        total = f"Total {format_clock(self.draft.total_seconds())}"
        waiting = self.draft.waiting_text()
        if waiting:
            total += f" + {waiting} at your own pace"
        unsaved = "  (not saved)" if self.draft.dirty else ""
        where = f"saves as {self.draft.file_id()}.yaml"
        self.screen.query_one("#total", Static).update(
            Content.assemble(f"{total}  ", styled(f"{where}{unsaved}", "dim"))
        )

    def current_index(self) -> int | None:
        if not self.draft.steps:
            return None
        cursor = self.screen.query_one("#steps", DataTable).cursor_row
        return max(0, min(cursor, len(self.draft.steps) - 1))

    def _fit(self) -> tuple[int, bool]:
        """The step table's name width and dose form for the window (library 2fr, steps 3fr)."""
        pane = (self.screen.app.size.width - 2) * 3 // 5
        short = pane < 64
        doses = [dose(step, short=short) for step in self.draft.steps]
        return table_fit(pane, doses)

    def row(self, index: int) -> None:
        table = self.screen.query_one("#steps", DataTable)
        step = self.draft.steps[index]
        width, short = self._fit()
        for column, value in enumerate(step_row(index + 1, step, self.draft.lead_in, width, short)):
            table.update_cell_at(Coordinate(index, column), value)
        self.total()
