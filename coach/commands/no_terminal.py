"""A screen command with no terminal to draw on says so in one line and exits.

Issue 22: `coach history > file` and `coach now | cat` started the full-screen app into a file or
a pipe and hung there. A browser tab of `coach serve` has no terminal either, but Textual's web
driver (named in TEXTUAL_DRIVER by textual-serve) is its screen.
"""

from __future__ import annotations

import os
import sys

HINTS = {
    "history": "; `coach history --export md` (or csv) prints the journal",
    "now": "; run it in a terminal window",
    "log": "; `coach log --when ... --no-check` logs without one",
}


def has_screen() -> bool:
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or missing streams
        return False


def refuse_without_terminal(command: str | None) -> int | None:
    """None when the screen can be shown; else one line on stderr and the exit code (2)."""
    if has_screen():
        return None
    name = f"coach {command}" if command else "coach"
    print(
        f"{name}: needs a terminal to show its screen{HINTS.get(command or '', '')}",
        file=sys.stderr,
    )
    return 2
