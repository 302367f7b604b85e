"""Text from files, settings, the environment, paths and the journal, ready for a widget.

Such text is data: `[/]` or `[@click=app.quit]` in a routine name must show as typed, never be
read as Textual markup (a MarkupError crashes the screen; an @click runs an action), and a
control or bidi character must never reach the terminal. Every widget that shows data gets a
`Content` from here; markup is kept for the app's own fixed words.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static

from coach.core.safe_text import printable, printable_lines
from coach.core.screen_words import screen_lines


def plain(text: object) -> Content:
    """One line of data: no markup, every control/bidi/undecodable character escaped."""
    return Content(printable(str(text)))


def plain_lines(text: object) -> Content:
    """Several lines of data (instructions, a question with its notes): newlines and tabs kept."""
    return Content(printable_lines(str(text)))


def sentences(text: object) -> Content:
    """The app's own sentences from its data files or core (the check's advice, the safety
    record, the trial): like plain_lines, with `coach now` shown as "coach now"."""
    return Content(screen_lines(str(text)))


class PlainStatic(Static):
    """A Static whose every update is text, never markup (the player's words: its painter
    escapes controls with printable() before each update)."""

    def __init__(self, content: VisualType = "", **kwargs: Any) -> None:
        super().__init__(content, markup=False, **kwargs)


def typed(text: str) -> str:
    """Pasted text without the characters printable() would escape (tab and newline kept): an
    input shows its value raw, so an escape sequence pasted in would reach the terminal."""
    return "".join(c for c in text if printable_lines(c) == c)


def styled(text: object, style: str) -> Content:
    """Data shown in a style of ours (`italic` for a routine's kind: `dim` fell below 4.5:1),
    still without markup."""
    return Content.styled(printable(str(text)), style)
