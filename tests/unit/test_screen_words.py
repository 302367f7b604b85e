"""The app's sentences on a screen: commands in quotes, no Markdown backticks (issue 23)."""

from __future__ import annotations

from coach.core.safe_text import printable
from coach.core.screen_words import quote_commands, screen_line, screen_lines


def test_a_command_in_backticks_shows_in_quotes() -> None:
    text = "For the next 14 days, `coach now` will warn you. `coach history` shows it."
    shown = quote_commands(text)
    assert "`" not in shown
    assert shown == 'For the next 14 days, "coach now" will warn you. "coach history" shows it.'


def test_a_lone_backtick_and_plain_text_are_kept() -> None:
    assert quote_commands("a ` b") == "a ` b"
    assert quote_commands("no code here") == "no code here"


def test_screen_lines_quote_commands_and_escape_controls_one_line_or_several() -> None:
    assert screen_lines("`coach log`\tthen\n`coach history`\x1b") == (
        '"coach log"\tthen\n"coach history"' + printable("\x1b")
    )
    assert screen_line("a `b`\nc") == 'a "b"' + printable("\nc")
