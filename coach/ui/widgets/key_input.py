"""A text field that lets ! (urgent help) and ? (help) through to the app, on every screen.

Textual drops an app binding whose key the focused Input would type (Screen._binding_chain asks
the widget's public check_consume_key), so a plain Input swallowed `!` in the log form."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from coach.ui.plain import typed

# Keys that must reach the app's bindings from anywhere: urgent help and help.
APP_KEYS = frozenset("!?")


class KeyInput(Input):
    """An Input that lets ! (urgent help) and ? (help) through to the app, as every screen does."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character not in APP_KEYS and super().check_consume_key(key, character)

    # Textual calls a handler of this class before Input's own (_on_key, _on_paste), and none
    # of Input's once prevent_default() is called.
    def on_key(self, event: events.Key) -> None:
        if event.character in APP_KEYS:
            event.prevent_default()  # not typed here; the event still bubbles to the app

    def on_paste(self, event: events.Paste) -> None:
        # Input's own handler runs next, with this text: an Input draws its value raw, so no
        # escape sequence may get into it.
        event.text = typed(event.text)
