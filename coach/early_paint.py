"""Put the first relief instruction on the terminal before Textual is even imported.

Starting Textual costs ~300 ms; a person mid-cramp should not wait for it. We switch to the
alternate screen ourselves and write the step's title and instruction where the player will draw
them, so when the full player takes over the words stay where they were. Nothing here may import
more than the standard library and the compiled routine.
"""

from __future__ import annotations

import os
import sys

from coach.core.safe_text import printable

TYPE_CHECKING = False  # not typing's: the cramp path does without importing it
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

    from coach.core.routines.routine import Routine

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
    """The title and instruction lines of the routine's first step (see step_lines)."""
    step = routine.steps[0]
    return step_lines(step.name, step.instructions, len(routine.steps))


def step_lines(name: str, instructions: str, total: int) -> tuple[str, list[str]]:
    """The title and instruction lines of a first step, as they may be written raw to the
    terminal: a routine of the user's (their cramp-now.yaml) is data, so each control or bidi
    character is escaped."""
    from coach.core.session.step_title import step_title

    title = printable(step_title(name, 0, total))
    return title, [printable(line) for line in instructions.splitlines() if line.strip()]


def leg_warning_lines(routine: Callable[[], Routine]) -> tuple[str, list[str]] | None:
    """The 14-day leg warning (a swollen, red or warm leg on record) when the routine must open
    with it instead of a stretch; None in the usual case, which costs one stat. `routine` builds
    the routine only when a record is there (the rules need it; the usual paint does not)."""
    from coach.core.paths import safety_record_path

    if not safety_record_path().exists():
        return None
    from datetime import datetime

    from coach.core.guidance.coaching import coaching_for
    from coach.core.guidance.player_lines import load_player_lines
    from coach.core.guidance.safety_record import read_record
    from coach.core.settings import DEFAULT_EMERGENCY_NUMBER

    number = os.environ.get("COACH_EMERGENCY_NUMBER") or DEFAULT_EMERGENCY_NUMBER
    now = datetime.now().astimezone()
    try:
        plan = coaching_for(routine(), read_record(), load_player_lines(), now, number)
    except (OSError, ValueError, KeyError):
        return None
    if plan.warning is None:
        return None
    lines = [*plan.warning.text.splitlines(), "", *plan.warning.keys.splitlines()]
    return printable(plan.warning.title), [printable(line) for line in lines]


def paint(routine: Routine, stream: TextIO | None = None) -> bool:
    """Write the routine's first instruction to a real terminal (or, with a leg on the safety
    record, the warning the app opens with); return whether anything was written."""
    step = routine.steps[0]
    return paint_step(step.name, step.instructions, len(routine.steps), lambda: routine, stream)


def paint_step(
    name: str,
    instructions: str,
    total: int,
    routine: Callable[[], Routine],
    stream: TextIO | None = None,
) -> bool:
    """paint() from plain values: `coach now` reads them from the compiled JSON and paints
    before it builds the Routine (whose dataclasses cost ~10 ms of imports); `routine` builds
    it, called only when a leg on the safety record may change what opens."""
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
    from coach.core.wrap import fit_cells

    width = terminal_columns()
    title, lines = leg_warning_lines(routine) or step_lines(name, instructions, total)
    parts = [ALT_SCREEN_ON, CURSOR_OFF, HOME_AND_CLEAR]
    parts.append(f"\x1b[{TITLE_ROW};2H{BOLD}{fit_cells(title, width - 2)}{RESET}")
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


def terminal_columns() -> int:
    """shutil.get_terminal_size((80, 24)).columns, the same answer without importing shutil
    (it loads bz2, lzma and fnmatch: ~2 ms before the first paint): $COLUMNS, else stdout's."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


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
    from coach.core.wrap import wrap_cells

    wrapped: list[str] = []
    for line in lines:
        wrapped.extend(wrap_cells(line, max(width, 10)) or [""])
    return wrapped
