"""Put the first relief instruction on the terminal before Textual is even imported.

Starting Textual costs ~300 ms; a person mid-cramp should not wait for it. We switch to the
alternate screen ourselves and write the step's title and instruction where the player will draw
them, so when the full player takes over the words stay where they were. Nothing here may import
more than the standard library and the compiled routine.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import TextIO

from coach.core.routines.routine import Routine
from coach.core.safe_text import printable

ALT_SCREEN_ON = "\x1b[?1049h"
ALT_SCREEN_OFF = "\x1b[?1049l"
CURSOR_OFF = "\x1b[?25l"
CURSOR_ON = "\x1b[?25h"
HOME_AND_CLEAR = "\x1b[H\x1b[2J"
BOLD, RESET = "\x1b[1m", "\x1b[0m"

# The player's layout starts with a title row, then the instruction lines (see ui/coach.tcss).
TITLE_ROW = 1
INSTRUCTION_ROW = 3


def first_instruction_lines(routine: Routine) -> tuple[str, list[str]]:
    """The title and instruction lines, as they may be written raw to the terminal: a routine
    of the user's (their cramp-now.yaml) is data, so each control or bidi character is escaped."""
    from coach.core.session.player_view import step_title

    step = routine.steps[0]
    title = printable(step_title(step.name, 0, len(routine.steps)))
    return title, [printable(line) for line in step.instructions.splitlines() if line.strip()]


def leg_warning_lines(routine: Routine) -> tuple[str, list[str]] | None:
    """The 14-day leg warning (a swollen, red or warm leg on record) when the routine must open
    with it instead of a stretch; None in the usual case, which costs one stat."""
    from coach.core.guidance.safety_record import record_path

    if not record_path().exists():
        return None
    from datetime import datetime

    from coach.core.guidance.coaching import coaching_for
    from coach.core.guidance.player_lines import load_player_lines
    from coach.core.guidance.safety_record import read_record
    from coach.core.settings import DEFAULT_EMERGENCY_NUMBER

    number = os.environ.get("COACH_EMERGENCY_NUMBER") or DEFAULT_EMERGENCY_NUMBER
    now = datetime.now().astimezone()
    try:
        warning = coaching_for(routine, read_record(), load_player_lines(), now, number).warning
    except (OSError, ValueError, KeyError):
        return None
    if warning is None:
        return None
    lines = [*warning.text.splitlines(), "", *warning.keys.splitlines()]
    return printable(warning.title), [printable(line) for line in lines]


def paint(routine: Routine, stream: TextIO | None = None) -> bool:
    """Write the first instruction to a real terminal (or, with a leg on the safety record,
    the warning the app opens with); return whether anything was written."""
    out = stream or sys.__stderr__  # the stream Textual draws on, so both land on one screen
    if (
        out is None
        or not _is_terminal(out)
        or os.environ.get("TERM") == "dumb"
        or not_a_terminal_front_end()
    ):
        return False
    if os.environ.get("COACH_EARLY_PAINT") == "0":  # to measure the Textual path on its own
        return False
    width = shutil.get_terminal_size((80, 24)).columns
    title, lines = leg_warning_lines(routine) or first_instruction_lines(routine)
    parts = [ALT_SCREEN_ON, CURSOR_OFF, HOME_AND_CLEAR]
    parts.append(f"\x1b[{TITLE_ROW};2H{BOLD}{title[: width - 2]}{RESET}")
    for offset, line in enumerate(_wrap(lines, width - 2)):
        parts.append(f"\x1b[{INSTRUCTION_ROW + offset};2H{line}")
    out.write("".join(parts))
    out.flush()
    return True


def unpaint(stream: TextIO | None = None) -> None:
    """Give the terminal back (main screen, cursor shown) when Textual never took over from the
    early paint, e.g. Ctrl+C in the ~300 ms before it starts: the shell must not be left blind."""
    out = stream or sys.__stderr__
    if out is None or not _is_terminal(out) or not_a_terminal_front_end():
        return
    try:
        out.write(CURSOR_ON + ALT_SCREEN_OFF)
        out.flush()
    except (OSError, ValueError, AttributeError):
        pass  # the terminal is gone: nothing to give back


def not_a_terminal_front_end() -> bool:
    """Textual draws through another driver (coach serve: textual-serve's web driver, with the
    browser's page on a pipe): there is no terminal here to paint on, even if a tty is open."""
    return bool(os.environ.get("TEXTUAL_DRIVER"))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _wrap(lines: list[str], width: int) -> list[str]:
    import textwrap

    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(textwrap.wrap(line, max(width, 10)) or [""])
    return wrapped
