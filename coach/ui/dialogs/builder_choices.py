"""The builder's questions: a choice of a few keyed answers, "start from which routine?", and
a step of your own."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from coach.core.routines.routine import Routine
from coach.ui.builder.parts import WordsArea
from coach.ui.plain import plain, plain_lines, styled
from coach.ui.widgets.key_input import KeyInput

# A modal screen hides the app's bindings: these two are kept reachable from the questions too.
APP_BINDINGS = [
    Binding("exclamation_mark", "app.urgent", "Urgent help", id="builder-dialog-urgent"),
    Binding("question_mark", "app.help", "Help", id="builder-dialog-help"),
]
EMPTY = "-empty-"  # the picker's answer for "start from nothing" (no routine id has dashes around)


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers, each a button and a letter key; Escape answers None."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen #choice-box {
        width: auto; max-width: 76; height: auto;
        border: thick $warning; padding: 1 2; background: $surface;
    }
    ChoiceScreen #choice-question { width: auto; max-width: 70; height: auto; }
    ChoiceScreen Horizontal { height: auto; width: auto; margin-top: 1; }
    ChoiceScreen Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("escape", "answer_none", "Cancel", id="builder-choice-cancel"),
        *APP_BINDINGS,
    ]

    def __init__(self, question: str, answers: Iterable[tuple[str, str, str]]) -> None:
        """`answers`: (key, label, value) triples; the key is a single letter."""
        super().__init__()
        self.question = question
        self.answers = list(answers)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(plain_lines(self.question), id="choice-question")
            with Horizontal():
                for key, label, value in self.answers:
                    yield Button(plain(f"{key}  {label}"), id=f"choice-{value}")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        for key, _label, value in self.answers:
            if event.character == key:
                event.stop()
                self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_answer_none(self) -> None:
        self.dismiss(None)


class StartPicker(ModalScreen[str | None]):
    """Start from an empty routine or from a routine of the catalog (its id); Escape: None."""

    DEFAULT_CSS = """
    StartPicker { align: center middle; }
    StartPicker #start-box {
        width: 80%; max-width: 90; height: auto; max-height: 80%;
        border: thick $accent; padding: 0 1; background: $surface;
    }
    StartPicker OptionList { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="builder-start-cancel"), *APP_BINDINGS]

    def __init__(self, routines: Iterable[Routine]) -> None:
        super().__init__()
        self.routines = sorted(routines, key=lambda r: (r.relief, r.name))

    def compose(self) -> ComposeResult:
        options = [Option("An empty routine", id=EMPTY)]
        for routine in self.routines:
            how = "a copy of" if routine.builtin else "edit yours:"
            label = Content.assemble(
                f"{how} ", plain(routine.name), "  ", styled(routine.kind, "dim")
            )
            options.append(Option(label, routine.id))
        with Vertical(id="start-box"):
            yield Static("[b]Start from[/b]  (Enter chooses)")
            yield OptionList(*options, id="start-options")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NewStepDialog(ModalScreen[bool]):
    """A step of your own: name, instructions, and a hold (blank: a note read until Enter).

    `add(name, instructions, hold)` adds it and returns "" or what was wrong; the dialog stays
    open on a mistake so nothing typed is lost. Dismisses True once added, False on Escape.
    """

    DEFAULT_CSS = """
    NewStepDialog { align: center middle; }
    NewStepDialog #new-step-box {
        width: 80%; max-width: 80; height: auto;
        border: thick $accent; padding: 0 1; background: $surface;
    }
    NewStepDialog Label { color: $text-muted; margin-top: 1; }
    NewStepDialog #new-step-error { color: $error; margin-top: 0; }
    NewStepDialog TextArea { height: 4; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="builder-new-step-cancel"), *APP_BINDINGS]

    def __init__(self, add: Callable[[str, str, str], str]) -> None:
        super().__init__()
        self.add = add

    def compose(self) -> ComposeResult:
        with Vertical(id="new-step-box"):
            yield Static("[b]A step of your own[/b]  (Enter adds it)")
            yield Label("Name")
            yield KeyInput(placeholder="Drink a glass of water", id="new-step-name", compact=True)
            yield Label("Instructions: a line each, as the player shows them")
            # A TextArea keeps the lines; Tab moves on to the hold (tab_behavior "focus").
            yield WordsArea(
                id="new-step-instructions", soft_wrap=True, placeholder="Sip it slowly."
            )
            yield Label("Hold (30s, 1m...; blank: a note, shown until Enter)")
            yield KeyInput(id="new-step-hold", compact=True)
            yield Label("", id="new-step-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#new-step-name").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#new-step-name", Input).value
        instructions = self.query_one("#new-step-instructions", TextArea).text
        problem = self.add(name, instructions, self.query_one("#new-step-hold", Input).value)
        if problem:
            self.query_one("#new-step-error", Label).update(plain(problem))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
