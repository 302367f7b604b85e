"""Writing to stdout like other Unix tools: `coach list | head -1` ends quietly, and a full disk
(`coach history --export md > /dev/full`) is one line on stderr, never a traceback."""

from __future__ import annotations

import errno
import os
import sys

CLOSED_PIPE_STATUS = 141  # what a shell reports for a tool ended by SIGPIPE (128 + 13)
STDOUT_ERRNOS = (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT)


def is_stdout_failure(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and (
        isinstance(exc, BrokenPipeError) or exc.errno in STDOUT_ERRNOS
    )


def stdout_failed(exc: OSError) -> int:
    """The exit status once writing to stdout failed: silence for a closed pipe, one line for
    anything else. stdout is pointed at /dev/null first, so Python's own flush at exit finds
    nowhere to fail and prints no "Exception ignored" traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return CLOSED_PIPE_STATUS
    try:
        print(f"coach: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
    except OSError:
        pass
    return 1


# --- lines that may hold what a file holds ---------------------------------------------------


def out(text: object = "") -> None:
    """One line of a command's output (coach list, plan, validate), safe for the terminal: a
    routine's name, a file name (control characters, bytes that are not UTF-8) or an error line
    quoting a file goes through printable(), so no escape sequence from a file is printed raw."""
    from coach.core.safe_text import printable

    sys.stdout.write(printable(str(text)) + "\n")


def err(text: object) -> None:
    """One line on stderr (a file's error, a routine not found), through printable() too."""
    from coach.core.safe_text import printable

    sys.stderr.write(printable(str(text)) + "\n")
