"""The app's own sentences, as a screen shows them.

The same sentences serve the README, the command line and the screens, and name a command the
Markdown way, in backticks (`coach now`). A terminal screen has no Markdown: there the command is
shown in quotes ("coach now"), never with a stray backtick. Text a person typed (a note, a routine
of theirs) is not the app's sentence and is shown as typed.
"""

from __future__ import annotations

import re

from coach.core.safe_text import printable, printable_lines

_CODE = re.compile(r"`([^`\n]+)`")


def quote_commands(text: str) -> str:
    """`coach now` -> "coach now"; a lone backtick is left alone."""
    return _CODE.sub(r'"\1"', text)


def screen_lines(text: str) -> str:
    """The app's sentences, ready for a screen or a toast: commands in quotes, every control
    escaped (newlines and tabs kept)."""
    return printable_lines(quote_commands(text))


def screen_line(text: str) -> str:
    """One line of the app's words (a toast's title): as screen_lines, newlines escaped too."""
    return printable(quote_commands(text))
