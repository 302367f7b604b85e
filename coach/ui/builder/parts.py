"""Pieces of the routine builder screen: inputs that leave ! and ? to the app, the library list,
the step table's rows and the inline step editor."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, TextArea
from textual.widgets.option_list import Option

from coach.core.builder.fields import one_line
from coach.core.routines.durations import format_clock, format_duration
from coach.core.routines.kind import RoutineKind
from coach.core.routines.routine import SIDES, Exercise, Routine, Step
from coach.core.routines.timeline import build_timeline, total_seconds
from coach.core.safe_text import printable
from coach.ui.plain import plain, styled, typed
from coach.ui.widgets.key_input import KeyInput

# The filter's muscles, in the order the library's header lists them.
TARGETS = ("calf", "hamstring", "arch", "toes", "ankle")
NAME_WIDTH = 30  # the step table keeps room for the time and the dose


class WordsArea(TextArea):
    """A TextArea for a step's instructions; what is pasted in loses its control characters."""

    def on_paste(self, event: events.Paste) -> None:
        event.text = typed(event.text)  # TextArea's own handler runs next, with this text


def library_options(exercises: Iterable[Exercise], target: str | None) -> list[Option]:
    """The exercises that work `target` (all when None), as options whose id is the exercise id."""
    return [
        Option(
            Content.assemble(
                plain(ex.name),
                "\n  ",
                styled(f"{', '.join(ex.targets) or '-'} · {dose(ex, short=True)}", "dim"),
            ),
            ex.id,
        )
        for ex in exercises
        if target is None or target in ex.targets
    ]


def dose(step: Step | Exercise, short: bool = False) -> str:
    """'10s × 3, rest 10s, both', '30 reps, both' or 'note' (+ ', optional' for a step that may
    be skipped); short leaves out rest and sides."""
    if step.hold is not None:
        text = format_duration(step.hold)
        if step.sets > 1:
            text += f" × {step.sets}"
        if step.rest and step.sets > 1 and not short:
            text += f", rest {format_duration(step.rest)}"
    elif step.reps is not None:
        text = f"{step.reps} reps"
    else:
        text = "note"
    if not short and step.sides != "none" and (step.hold, step.reps) != (None, None):
        text += f", {step.sides}"
    return f"{text}, optional" if isinstance(step, Step) and step.optional else text


def step_row(
    number: int, step: Step, lead_in: int, name_width: int = NAME_WIDTH, short: bool = False
) -> tuple[Text, Text, Text, Text]:
    """One row of the step table: number, name, time (its share of the total), dose; as Text,
    since a DataTable reads a str cell as markup and a step's name is the file's words.
    `name_width` and `short` (the dose without rest and sides) fit the table to its room."""
    if step.hold is None:
        time = "own pace" if step.reps is not None else "note"
    else:
        alone = Routine("row", "row", RoutineKind.PREVENTION, (step,), lead_in=lead_in)
        time = format_clock(total_seconds(build_timeline(alone)))
    name = step.name if len(step.name) <= name_width else step.name[: name_width - 1] + "…"
    shown = dose(step, short=short)
    return Text(str(number)), Text(printable(name)), Text(time), Text(printable(shown))


def table_fit(pane_width: int, doses: list[str]) -> tuple[int, bool]:
    """(name width, short doses) so that every column of the step table shows in `pane_width`
    columns: the dose goes short first (an 80-column window), then the name is cut shorter."""
    fixed = 2 + 3 + 10 + 2 + 2  # scrollbar, "#", "own pace", padding of the name and dose
    short = pane_width < 64
    dose_width = max((len(text) for text in doses), default=4)
    return max(10, min(NAME_WIDTH, pane_width - fixed - dose_width)), short


class StepEditor(Vertical):
    """The highlighted step's dose, sides, caution and optional, edited in place."""

    DEFAULT_CSS = """
    StepEditor { height: auto; }
    StepEditor Horizontal { height: auto; }
    StepEditor .field { width: 1fr; height: auto; }
    StepEditor #caution-field { width: 4fr; }
    StepEditor #optional-field { width: 1fr; min-width: 19; }
    StepEditor Label { color: $text-muted; }
    StepEditor KeyInput, StepEditor Select { width: 1fr; }
    StepEditor #edit-error { color: $error; height: auto; }
    """

    FIELDS = (("hold", "Hold"), ("sets", "Sets"), ("rest", "Rest"), ("reps", "Reps"))

    def compose(self) -> ComposeResult:
        with Horizontal():
            for key, label in self.FIELDS:
                with Vertical(classes="field"):
                    yield Label(label)
                    yield KeyInput(id=f"edit-{key}", compact=True, select_on_focus=True)
            with Vertical(classes="field"):
                yield Label("Sides")
                options = [(side, side) for side in SIDES]
                yield Select(options, allow_blank=False, id="edit-sides", compact=True)
        with Horizontal():
            with Vertical(classes="field", id="caution-field"):
                yield Label("Caution (shown with it)")
                yield KeyInput(placeholder="none", id="edit-caution", compact=True)
            with Vertical(classes="field", id="optional-field"):
                yield Label("Optional (s skips)")
                yield Checkbox("no", id="edit-optional", compact=True)
        yield Label("", id="edit-error")

    def show(self, step: Step | None) -> None:
        """Fill the fields from `step` without sending Changed (that would edit it back)."""
        self.disabled = step is None
        for key, text in field_texts(step).items():
            widget = self.query_one(f"#edit-{key}")
            if isinstance(widget, Input):
                with widget.prevent(Input.Changed):
                    widget.value = text
            elif isinstance(widget, Select) and text:
                with widget.prevent(Select.Changed):
                    widget.value = text
        self.show_optional(step)
        self.error("")

    def show_optional(self, step: Step | None) -> None:
        checkbox = self.query_one("#edit-optional", Checkbox)
        with checkbox.prevent(Checkbox.Changed):
            checkbox.value = step is not None and step.optional
        # The box draws the same X either way (only its colour changes): the words say which.
        checkbox.label = "yes" if checkbox.value else "no"

    def refresh_others(self, step: Step, but: str) -> None:
        """After an edit, update the other fields (a hold clears reps) but not the one typed in."""
        for key, text in field_texts(step).items():
            widget = self.query_one(f"#edit-{key}")
            if key != but and isinstance(widget, Input) and widget.value != text:
                with widget.prevent(Input.Changed):
                    widget.value = text

    def error(self, message: str) -> None:
        self.query_one("#edit-error", Label).update(plain(message))  # it quotes what was typed


def field_texts(step: Step | None) -> dict[str, str]:
    if step is None:
        return dict.fromkeys(("hold", "sets", "rest", "reps", "sides", "caution"), "")
    return {
        "hold": format_duration(step.hold) if step.hold is not None else "",
        "sets": str(step.sets),
        "rest": format_duration(step.rest),
        "reps": str(step.reps) if step.reps is not None else "",
        "sides": step.sides,
        # An input is one line: a caution written over several lines shows (and, once typed
        # in, is kept) as one.
        "caution": printable(one_line(step.caution)),
    }


def target_options(exercises: Iterable[Exercise]) -> list[tuple[Content, str]]:
    found = {t for ex in exercises for t in ex.targets}
    ordered = [t for t in TARGETS if t in found] + sorted(found - set(TARGETS))
    return [(plain(f"Works the {t}"), t) for t in ordered]
