"""The routine builder: the exercise library on the left, the routine being built on the right.

Every edit goes through RoutineDraft (coach.core.builder.draft), which holds the rules; this
screen shows the draft, keeps the total up to date, and asks the questions a save needs
(builder_save.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, OptionList, Select, Static

from coach.core.builder.draft import EDITABLE, DraftError, RoutineDraft
from coach.core.routines.durations import format_clock
from coach.core.routines.routine import Routine
from coach.ui.plain import styled
from coach.ui.widgets.builder_dialogs import EMPTY, NewStepDialog, StartPicker
from coach.ui.widgets.builder_parts import (
    StepEditor,
    library_options,
    step_row,
    target_options,
)
from coach.ui.widgets.builder_routine import RoutineFields
from coach.ui.widgets.builder_save import SaveFlow

COLUMNS = ("#", "Step  (e edits)", "Time", "Dose")  # e: the name and instructions


class BuilderScreen(Screen[None]):
    DEFAULT_CSS = """
    BuilderScreen #builder-title { height: 1; text-style: bold; }
    BuilderScreen #builder-panes { height: 1fr; }
    BuilderScreen #library-pane { width: 2fr; min-width: 30; padding-right: 1; }
    BuilderScreen #routine-pane { width: 3fr; }
    BuilderScreen #library { height: 1fr; }
    BuilderScreen #steps { height: 1fr; }
    BuilderScreen .section { text-style: bold; }
    BuilderScreen #total { height: auto; text-style: bold; color: $accent; }
    BuilderScreen #builder-note { height: auto; color: $warning; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="builder-save"),
        Binding("a", "add", "Add", id="builder-add"),
        Binding("n", "new_step", "New step", id="builder-new-step"),
        # Not in the 80-column footer: the step editor's hint line names it.
        Binding("e", "edit_words", "Words", show=False, id="builder-edit-words"),
        Binding("x,delete", "remove", "Remove", id="builder-remove"),
        # Up and down share one footer entry so every key fits in 80 columns.
        Binding("u,shift+up", "move(-1)", "Move", key_display="u/d", id="builder-move-up"),
        Binding("d,shift+down", "move(1)", "Down", show=False, id="builder-move-down"),
        Binding("t", "toggle_optional", "Optional", id="builder-optional"),
        Binding("f", "next_filter", "Filter", id="builder-filter"),
        Binding("o", "start_from", "Open", id="builder-start-from"),  # start from a routine
        Binding("escape", "leave", "Back", id="builder-back"),
    ]

    def __init__(
        self, draft: RoutineDraft | None = None, routines: Mapping[str, Routine] | None = None
    ) -> None:
        """`routines` are offered by "Open" (start from) (the catalog's, loaded when not given)."""
        super().__init__()
        if draft is None:
            from coach.core.routines.loader import load_exercise_library

            draft = RoutineDraft(load_exercise_library())
        self.draft = draft
        self._routines = routines
        self.saver = SaveFlow(self, lambda: self.draft, self.saved)

    # --- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#steps", DataTable).add_columns(*COLUMNS)
        self.load_draft(self.draft)
        self.query_one("#library", OptionList).focus()

    def load_draft(self, draft: RoutineDraft) -> None:
        """Show `draft` (a new start or the one given); a hand-commented file gets a warning."""
        self.draft = draft
        self.query_one(RoutineFields).show(draft)
        self._fill_library(None, refilter=True)  # a relief draft offers relief exercises
        self._show_steps(0)
        note = ""
        if draft.origin is not None and self.saver.hand_comments():
            note = "This file has comments you wrote: saving here will not keep them."
        self.query_one("#builder-note", Static).update(note)

    # --- showing the draft -------------------------------------------------------------
    def _fill_library(self, target: str | None, refilter: bool = False) -> None:
        if refilter:
            select = self.query_one("#target-filter", Select)
            with select.prevent(Select.Changed):
                select.set_options(target_options(self.draft.offered()))
        library = self.query_one("#library", OptionList)
        library.set_options(library_options(self.draft.offered(), target))
        library.highlighted = 0 if library.option_count else None

    def _show_steps(self, cursor: int | None = None) -> None:
        table = self.query_one("#steps", DataTable)
        table.clear()
        lead_in = self.draft.lead_in
        table.add_rows(step_row(n, s, lead_in) for n, s in enumerate(self.draft.steps, 1))
        if self.draft.steps:
            table.move_cursor(row=max(0, min(cursor or 0, len(self.draft.steps) - 1)))
        self._show_step_editor()
        self._show_total()

    def _show_step_editor(self) -> None:
        index = self.current_index()
        step = self.draft.steps[index] if index is not None else None
        self.query_one(StepEditor).show(step)

    def _show_total(self) -> None:
        total = f"Total {format_clock(self.draft.total_seconds())}"
        waiting = self.draft.waiting_count()
        if waiting:
            total += f" + {waiting} at your own pace"
        unsaved = "  (not saved)" if self.draft.dirty else ""
        where = f"saves as {self.draft.file_id()}.yaml"
        self.query_one("#total", Static).update(
            Content.assemble(f"{total}  ", styled(f"{where}{unsaved}", "dim"))
        )

    def current_index(self) -> int | None:
        if not self.draft.steps:
            return None
        return max(
            0, min(self.query_one("#steps", DataTable).cursor_row, len(self.draft.steps) - 1)
        )

    # --- events ------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_step_editor()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.query_one("#edit-hold", Input).focus()  # Enter on a step: edit it

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "library" and event.option.id:
            self._add(event.option.id)

    def on_input_changed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("edit-")
        if field in EDITABLE:
            self._edit(field, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#steps", DataTable).focus()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        # A half-typed, refused value goes back to what the draft kept.
        if (event.input.id or "").startswith("edit-"):
            self._show_step_editor()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "target-filter":
            self._fill_library(None if event.value is Select.NULL else str(event.value))
        elif event.select.id == "edit-sides" and event.value is not Select.NULL:
            self._edit("sides", str(event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "edit-optional" and self.current_index() is not None:
            if event.value != self.draft.steps[self.current_index() or 0].optional:
                self.action_toggle_optional()

    def on_routine_fields_edited(self, event: RoutineFields.Edited) -> None:
        if event.lead_in:  # the lead-in is in every step's time
            for index in range(len(self.draft.steps)):
                self._show_row(index)
        self._show_total()

    def _edit(self, field: str, text: str) -> None:
        index = self.current_index()
        if index is None:
            return
        editor = self.query_one(StepEditor)
        try:
            step = self.draft.edit_text(index, field, text)
        except DraftError as err:
            editor.error(str(err))
            return
        editor.error("")
        editor.refresh_others(step, but=field)
        self._show_row(index)

    def _show_row(self, index: int) -> None:
        table = self.query_one("#steps", DataTable)
        step = self.draft.steps[index]
        for column, value in enumerate(step_row(index + 1, step, self.draft.lead_in)):
            table.update_cell_at(Coordinate(index, column), value)
        self._show_total()

    def _add(self, exercise_id: str) -> None:
        try:
            index = self.draft.add(exercise_id)
        except DraftError as err:
            self.notify(str(err), severity="warning")
            return
        self._show_steps(index)
        self.notify(f"Added {self.draft.steps[index].name}", timeout=2)

    def _add_own(self, name: str, instructions: str, hold: str) -> str:
        """NewStepDialog's add: "" once the step is in, else what is wrong with it."""
        try:
            index = self.draft.add_inline(name, instructions, hold)
        except DraftError as err:
            return str(err)
        self._show_steps(index)
        self.notify(f"Added {self.draft.steps[index].name}", timeout=2)
        return ""

    # --- actions -----------------------------------------------------------------------
    def action_add(self) -> None:
        option = self.query_one("#library", OptionList).highlighted_option
        if option is not None and option.id:
            self._add(option.id)

    def action_new_step(self) -> None:
        self.app.push_screen(NewStepDialog(self._add_own))

    def action_edit_words(self) -> None:
        """e: the step's name and instructions, in a dialog that keeps their lines."""
        from coach.ui.widgets.builder_words import StepWordsDialog

        index = self.current_index()
        if index is None:
            return
        step = self.draft.steps[index]

        def keep(name: str, instructions: str) -> str:
            try:
                self.draft.edit_words(index, name, instructions)
            except DraftError as err:
                return str(err)
            self._show_row(index)
            self._show_step_editor()
            return ""

        self.app.push_screen(StepWordsDialog(step.name, step.instructions, keep))

    def action_toggle_optional(self) -> None:
        index = self.current_index()
        if index is None:
            return
        step = self.draft.toggle_optional(index)
        self.query_one(StepEditor).show_optional(step)
        self._show_row(index)

    def action_remove(self) -> None:
        index = self.current_index()
        if index is not None:
            self.draft.remove(index)
            self._show_steps(index)

    def action_move(self, offset: int) -> None:
        index = self.current_index()
        if index is not None:
            self._show_steps(self.draft.move(index, offset))

    def action_next_filter(self) -> None:
        select = self.query_one("#target-filter", Select)
        values = [None] + [value for _label, value in target_options(self.draft.offered())]
        now = None if select.value is Select.NULL else select.value
        following = values[(values.index(now) + 1) % len(values)] if now in values else None
        select.value = Select.NULL if following is None else following

    def action_save(self) -> None:
        self.saver.start()

    def saved(self) -> None:
        """SaveFlow's word that the draft is on disk."""
        self.query_one("#builder-note", Static).update("")
        self._show_total()

    def action_start_from(self) -> None:
        if self._routines is None:
            from coach.core.routines.catalog import load_catalog

            self._routines = load_catalog().routines
        self.app.push_screen(StartPicker(self._routines.values()), self._start_from)

    def _start_from(self, choice: str | None) -> None:
        if choice is None:
            return
        library = self.draft.library
        routine = None if choice == EMPTY else (self._routines or {}).get(choice)
        if routine is None:
            self.load_draft(RoutineDraft(library))
        else:
            self.load_draft(RoutineDraft.from_routine(routine, library))

    def action_leave(self) -> None:
        # dismiss, not pop: whoever pushed the builder (Home) gets its callback and can reload.
        if not self.draft.dirty:
            self.dismiss(None)
            return
        from coach.ui.screens.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        question = "Leave the builder? The changes you have not saved will be lost."
        self.app.push_screen(ConfirmScreen(question, "y  leave     n  stay"), answered)
