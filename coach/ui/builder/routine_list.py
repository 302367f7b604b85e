"""The builder's routine fields: name, lead-in and description, edited in place on the draft.

The draft (core/builder/draft.py) judges what is typed; this shows a refusal under the fields and,
on leaving a field, puts back what the draft kept. `Edited` tells the screen to redraw.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select

from coach.core.builder.draft import DraftError, RoutineDraft
from coach.core.builder.fields import one_line
from coach.core.routines.durations import format_duration
from coach.core.routines.kind import RoutineKind
from coach.core.routines.routine import Exercise, Step
from coach.core.safe_text import printable
from coach.ui.plain import plain
from coach.ui.widgets.key_input import KeyInput

KINDS = [(kind.value, kind.value) for kind in (RoutineKind.PREVENTION, RoutineKind.RELIEF)]


def fits_kind(step: Step, kind: str, library: Mapping[str, Exercise]) -> bool:
    """A step from the library fits a kind its exercise is for; a step of your own fits any."""
    exercise = library.get(step.exercise) if step.exercise else None
    return exercise is None or kind in exercise.kinds


class RoutineFields(Vertical):
    DEFAULT_CSS = """
    RoutineFields { height: auto; margin-bottom: 1; }
    RoutineFields Horizontal { height: auto; }
    RoutineFields #name-field { width: 4fr; height: auto; }
    RoutineFields #lead-in-field { width: 1fr; min-width: 12; height: auto; padding-left: 1; }
    RoutineFields #kind-field { width: 1fr; min-width: 16; height: auto; padding-left: 1; }
    RoutineFields #routine-error { color: $error; height: auto; }
    """

    class Edited(Message):
        """The draft's routine fields changed; `lead_in` says whether step times did too."""

        def __init__(self, lead_in: bool, kind: bool = False) -> None:
            super().__init__()
            self.lead_in = lead_in
            self.kind = kind  # relief or prevention: the library offers other exercises

    def __init__(self, draft: RoutineDraft, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.draft = draft
        self._refused: set[str] = set()  # inputs whose text the draft refused

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="name-field"):
                yield Label("Routine name")
                yield KeyInput(self.draft.name, id="routine-name", compact=True)
            with Vertical(id="lead-in-field"):
                yield Label("Lead-in")
                yield KeyInput(id="routine-lead-in", compact=True, select_on_focus=True)
            with Vertical(id="kind-field"):
                yield Label("Kind")
                yield Select(
                    KINDS, value=self.draft.kind, allow_blank=False, id="routine-kind", compact=True
                )
        yield Label("Description")
        yield KeyInput(placeholder="a line or two about it", id="routine-description", compact=True)
        yield Label("", id="routine-error")

    def show(self, draft: RoutineDraft) -> None:
        """Fill the fields from `draft` without sending Changed (that would edit it back)."""
        self.draft = draft
        for input_id, text in self.texts().items():
            widget = self.query_one(f"#{input_id}", Input)
            with widget.prevent(Input.Changed):
                widget.value = text
        kind = self.query_one("#routine-kind", Select)
        with kind.prevent(Select.Changed):
            kind.value = draft.kind
        self._refused.clear()
        self.error("")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "routine-kind" or event.value is Select.NULL:
            return
        event.stop()
        kind = str(event.value)
        if kind == self.draft.kind:
            return  # the value shown being set, not a choice
        misfits = [s.name for s in self.draft.steps if not fits_kind(s, kind, self.draft.library)]
        if misfits:  # heat in a nightly routine, say: refused, and the choice goes back
            self.error(f"{misfits[0]} is not for {kind} routines: remove it first.")
            kinds = cast("Select[str]", event.select)  # the kind picker: its values are kinds
            with kinds.prevent(Select.Changed):
                kinds.value = self.draft.kind
            return
        self.draft.kind = kind
        self.draft.dirty = True
        self.error("")
        self.post_message(self.Edited(lead_in=False, kind=True))

    def texts(self) -> dict[str, str]:
        """The fields as shown; an input is one line, so a description written over several
        lines shows (and, once typed in, is kept) as one."""
        return {
            "routine-name": printable(self.draft.name),  # an Input draws its value raw
            "routine-lead-in": format_duration(self.draft.lead_in),
            "routine-description": printable(one_line(self.draft.description)),
        }

    def _setter(self, input_id: str) -> Callable[[str], None] | None:
        return {
            "routine-name": self.draft.rename,
            "routine-lead-in": self.draft.set_lead_in,
            "routine-description": self.draft.describe,
        }.get(input_id)

    def on_input_changed(self, event: Input.Changed) -> None:
        setter = self._setter(event.input.id or "")
        if setter is None:
            return
        event.stop()
        try:
            setter(event.value)
        except DraftError as err:  # e.g. an empty name while retyping it: the last one is kept
            self._refused.add(event.input.id or "")
            self.error(str(err))
            return
        self._refused.discard(event.input.id or "")
        self.error("")
        self.post_message(self.Edited(lead_in=event.input.id == "routine-lead-in"))

    def on_input_blurred(self, event: Input.Blurred) -> None:
        input_id = event.input.id or ""
        shown = self.texts().get(input_id)
        if shown is None:
            return
        event.stop()
        refused = input_id in self._refused
        if refused or (input_id == "routine-name" and event.value != shown):
            with event.input.prevent(Input.Changed):
                event.input.value = shown  # a half-typed, refused value: back to the draft's
        self._refused.discard(input_id)
        self.error("")

    def error(self, message: str) -> None:
        label = self.query_one("#routine-error", Label)
        label.update(plain(message))  # it may quote what was typed: never markup
        label.display = bool(message)
