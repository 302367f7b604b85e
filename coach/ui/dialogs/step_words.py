"""Edit a step's words in the builder: its name and its instructions, line by line.

The player shows instructions one line per line of the file, so they are edited in a TextArea
that keeps the lines, not flattened into one Input. The dose (hold, sets, ...) is edited in
the fields under the steps, not here.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea

from coach.core.safe_text import printable, printable_lines
from coach.ui.builder.parts import WordsArea
from coach.ui.dialogs.builder_choices import APP_BINDINGS
from coach.ui.plain import plain
from coach.ui.widgets.key_input import KeyInput


class StepWordsDialog(ModalScreen[bool]):
    """`keep(name, instructions)` returns "" once the step has them, else what is wrong (the
    dialog stays open, nothing typed is lost). Dismisses True once kept, False on Escape."""

    DEFAULT_CSS = """
    StepWordsDialog { align: center middle; }
    StepWordsDialog #words-box {
        width: 80%; max-width: 80; height: auto;
        border: thick $accent; padding: 0 1; background: $surface;
    }
    StepWordsDialog Label { color: $text-muted; margin-top: 1; }
    StepWordsDialog TextArea { height: 7; }
    StepWordsDialog #words-error { color: $error; margin-top: 0; }
    """
    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", id="builder-words-keep", priority=True),
        Binding("escape", "cancel", "Cancel", id="builder-words-cancel"),
        *APP_BINDINGS,
    ]

    def __init__(self, name: str, instructions: str, keep: Callable[[str, str], str]) -> None:
        super().__init__()
        self.step_name = name
        self.instructions = instructions
        self.keep = keep

    def compose(self) -> ComposeResult:
        with Vertical(id="words-box"):
            yield Static("[b]This step's words[/b]  (ctrl+s keeps them)")
            yield Label("Name")
            yield KeyInput(printable(self.step_name), id="words-name", compact=True)
            yield Label("Instructions: a line each, as the player shows them")
            yield WordsArea(
                printable_lines(self.instructions), id="words-instructions", soft_wrap=True
            )
            yield Label("", id="words-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#words-name").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_keep()

    def action_keep(self) -> None:
        name = self.query_one("#words-name", Input).value
        instructions = self.query_one("#words-instructions", TextArea).text
        problem = self.keep(name, instructions)
        if problem:
            self.query_one("#words-error", Label).update(plain(problem))
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
