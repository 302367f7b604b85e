"""The routine builder: the exercise library on the left, the routine being built on the right.

Every edit goes through RoutineDraft (coach.core.builder.draft), which holds the rules; this
screen turns keys and edits into draft commands; builder_paint.py shows the draft, and
builder_save.py asks the questions a save needs.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Checkbox, DataTable, Input, OptionList, Select, Static

from coach.core.builder.draft import EDITABLE, DraftError, RoutineDraft
from coach.core.routines.routine import Routine
from coach.ui.builder.paint import COLUMNS, BuilderPainter
from coach.ui.builder.parts import StepEditor, target_options
from coach.ui.builder.routine_list import RoutineFields
from coach.ui.builder.save import SaveFlow
from coach.ui.dialogs.builder_choices import EMPTY, NewStepDialog, StartPicker
from coach.ui.plain import plain_lines
from coach.ui.widgets.too_small import TooSmall

NEEDS = (80, 20)  # columns and rows: below this the panes cannot show a step's fields


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
    BuilderScreen #builder-status { height: auto; color: $success; }
    BuilderScreen #builder-status.-warning { color: $warning; }
    BuilderScreen #builder-status.-error { color: $error; text-style: bold; }
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
        self.paint = BuilderPainter(self)
        self.saver = SaveFlow(self, lambda: self.draft, self.saved)
        self._status_timer: Timer | None = None
        # Too small a window hides the form: then only Escape (leave) of the builder's keys runs.
        self.size_guard = TooSmall(self, NEEDS, allowed={"leave"})

    def compose(self) -> ComposeResult:
        yield from self.paint.compose()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Said on a status line under the steps: a toast would sit over the step editor."""
        status = self.query_one("#builder-status", Static)
        status.update(plain_lines(message))  # it may quote a name or a path: never markup
        status.set_classes(f"-{severity}")
        if self._status_timer is not None:
            self._status_timer.stop()
        self._status_timer = self.set_timer(timeout or 5.0, lambda: status.update(""))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.size_guard.allows(action)

    def on_resize(self) -> None:
        self.size_guard.fit()
        if self.is_mounted and self.draft.steps:  # the step table fits its columns to the room
            self.paint.steps(self.paint.current_index())

    def on_mount(self) -> None:
        self.query_one("#steps", DataTable).add_columns(*COLUMNS)
        self.load_draft(self.draft)
        self.set_focus(self.query_one("#library", OptionList))
        self.size_guard.fit()  # after the focus: a window too small keeps it for later

    def load_draft(self, draft: RoutineDraft) -> None:
        """Show `draft` (a new start or the one given); a hand-commented file gets a warning."""
        self.draft = draft
        self.query_one(RoutineFields).show(draft)
        self.paint.fill_library(None, refilter=True)  # a relief draft offers relief exercises
        self.paint.steps(0)
        note = ""
        if draft.origin is not None and self.saver.hand_comments():
            note = "This file has comments you wrote: saving here will not keep them."
        self.query_one("#builder-note", Static).update(note)

    # --- events ------------------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.paint.step_editor()

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
            self.paint.step_editor()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "target-filter":
            self.paint.fill_library(None if event.value is Select.NULL else str(event.value))
        elif event.select.id == "edit-sides" and event.value is not Select.NULL:
            self._edit("sides", str(event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "edit-optional" and self.paint.current_index() is not None:
            if event.value != self.draft.steps[self.paint.current_index() or 0].optional:
                self.action_toggle_optional()

    def on_routine_fields_edited(self, event: RoutineFields.Edited) -> None:
        if event.kind:  # relief offers heat and ice; prevention the nightly stretches
            self.paint.fill_library(None, refilter=True)
        if event.lead_in:  # the lead-in is in every step's time
            for index in range(len(self.draft.steps)):
                self.paint.row(index)
        self.paint.total()

    def _edit(self, field: str, text: str) -> None:
        index = self.paint.current_index()
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
        self.paint.row(index)

    def _add(self, exercise_id: str) -> None:
        try:
            index = self.draft.add(exercise_id)
        except DraftError as err:
            self.notify(str(err), severity="warning")
            return
        self.paint.steps(index)
        self.notify(f"Added {self.draft.steps[index].name}", timeout=2)

    def _add_own(self, name: str, instructions: str, hold: str) -> str:
        """NewStepDialog's add: "" once the step is in, else what is wrong with it."""
        try:
            index = self.draft.add_inline(name, instructions, hold)
        except DraftError as err:
            return str(err)
        self.paint.steps(index)
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
        from coach.ui.dialogs.step_words import StepWordsDialog

        index = self.paint.current_index()
        if index is None:
            return
        step = self.draft.steps[index]

        def keep(name: str, instructions: str) -> str:
            try:
                self.draft.edit_words(index, name, instructions)
            except DraftError as err:
                return str(err)
            self.paint.row(index)
            self.paint.step_editor()
            return ""

        self.app.push_screen(StepWordsDialog(step.name, step.instructions, keep))

    def action_toggle_optional(self) -> None:
        index = self.paint.current_index()
        if index is None:
            return
        step = self.draft.toggle_optional(index)
        self.query_one(StepEditor).show_optional(step)
        self.paint.row(index)

    def action_remove(self) -> None:
        index = self.paint.current_index()
        if index is not None:
            self.draft.remove(index)
            self.paint.steps(index)

    def action_move(self, offset: int) -> None:
        index = self.paint.current_index()
        if index is not None:
            self.paint.steps(self.draft.move(index, offset))

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
        self.paint.total()

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
        from coach.ui.dialogs.confirm import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        question = "Leave the builder? The changes you have not saved will be lost."
        self.app.push_screen(ConfirmScreen(question, "y  leave     n  stay"), answered)
