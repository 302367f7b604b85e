"""Log a cramp that is already over: when, leg, site, about how long, pain, a note; then the
warning-sign check, as after a relief session. Reading and checking the values is
coach/core/journal/log_entry.py; this screen only asks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, Select, Static

from coach.core.journal.log_entry import WHEN_CHOICES, LogEntryError, cramp_entry
from coach.core.safe_text import printable
from coach.ui.app_services import coach_app
from coach.ui.widgets.key_input import KeyInput

LEGS = (("left", "Left"), ("right", "Right"), ("both", "Both"), ("", "Not sure"))
SITES = (("calf", "Calf"), ("sole", "Sole or arch"), ("toes", "Toes"), ("other", "Other"))


class LogScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save, then the check", id="log-save"),
        Binding("escape", "close", "Back", id="log-close"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("Log a cramp that is already over", id="title")
        with VerticalScroll(id="log-box"):
            yield Static("When did it start?", classes="log-label")
            choices = [(label, value) for value, label in WHEN_CHOICES]
            yield Select(choices, value="now", allow_blank=False, id="log-when")
            yield KeyInput(
                placeholder="or type it: 2h ago, yesterday 22:30, 2026-11-03T03:10",
                id="log-when-text",
            )
            yield Static("Which leg?", classes="log-label")
            with RadioSet(id="log-leg"):
                for value, label in LEGS:
                    yield RadioButton(label, value=value == "", name=value)
            yield Static("Where?", classes="log-label")
            with RadioSet(id="log-site"):
                for value, label in SITES:
                    yield RadioButton(label, value=value == "calf", name=value)
            with Horizontal(id="log-numbers"):
                yield KeyInput(placeholder="about how many minutes", id="log-minutes")
                yield KeyInput(placeholder="pain 0-10", id="log-pain")
            yield KeyInput(placeholder="a note (optional)", max_length=500, id="log-note")
            yield Button("Save, then the warning-sign check", id="log-save", variant="primary")
            yield Static("General self-care information, not medical advice.", id="log-disclaimer")
        yield Static(id="log-error")  # outside the scroll: a mistake is always in sight
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#log-when", Select).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "log-save":
            self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _choice(self, widget_id: str) -> str | None:
        pressed = self.query_one(f"#{widget_id}", RadioSet).pressed_button
        return pressed.name if pressed is not None else None

    def action_save(self) -> None:
        typed = self._value("log-when-text").strip()
        when = typed or str(self.query_one("#log-when", Select).value)
        try:
            entry = cramp_entry(
                when=when,
                leg=self._choice("log-leg") or None,
                site=self._choice("log-site"),
                minutes=self._value("log-minutes"),
                pain=self._value("log-pain"),
                note=self._value("log-note"),
            )
        except LogEntryError as error:
            self.query_one("#log-error", Static).update(Content(printable(str(error))))
            return
        from coach.core.journal.entries import EntryRecorder
        from coach.ui.check.screen import CheckScreen

        # The row is written first, in order.
        recorder = EntryRecorder(coach_app(self).journal, entry)
        self.app.switch_screen(CheckScreen(recorder=recorder))

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
