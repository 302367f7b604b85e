"""Printing for the commands that print (list, plan, validate, schema, history --export): the one
place that writes their output, so every command behaves like a Unix tool.

- What came from a file (a routine's name, a file name with bytes that are not UTF-8, an error
  quoting a bad value) goes through printable(): no escape sequence from a file reaches the
  terminal, and a name that cannot be encoded cannot crash the printing.
- A reader that went away (`coach list | head -1`) ends the command quietly; a write that fails
  (`> /dev/full`, a disk that filled up) is one line on stderr and exit status 1, never a
  traceback, including when the failure only shows at the final flush.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import TextIO

from coach.core.safe_text import printable

WRITE_FAILED = 1


def out(text: object = "") -> None:
    """One line of a command's output, safe for the terminal."""
    sys.stdout.write(printable(str(text)) + "\n")


def err(text: object) -> None:
    """One line on stderr (an error, a file's problem), safe for the terminal."""
    sys.stderr.write(printable(str(text)) + "\n")


def guarded(command: Callable[[], int], stream: TextIO | None = None) -> int:
    """Run a command that prints to stdout; its status, or what a failed write means."""
    for std in (sys.stdout, sys.stderr):
        try:  # a character the terminal's encoding lacks (LANG=C) is escaped, not a crash
            std.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass
    try:
        status = command()
        (stream or sys.stdout).flush()  # a full disk often shows only here
        return status
    except BrokenPipeError:
        _silence_stdout()
        return 0  # the reader has what it wanted (`| head -1`): nothing to say
    except OSError as failure:
        if failure.errno == errno.EPIPE:
            _silence_stdout()
            return 0
        _silence_stdout()
        reason = failure.strerror or str(failure)
        _last_word(f"coach: cannot write the output: {reason}")
        return WRITE_FAILED


def _silence_stdout() -> None:
    """Point stdout at /dev/null: what is still buffered must not fail again at exit (Python
    would print "Exception ignored ... BrokenPipeError" as the interpreter shuts down)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout (a test's StringIO): nothing will be flushed at exit


def _last_word(line: str) -> None:
    try:
        sys.stderr.write(printable(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr is gone too: the exit status says it
