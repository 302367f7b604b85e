"""The journal's plumbing: the SQLite connection, errors in the user's words, the writer's pid."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
import time
from pathlib import Path

# SQLite's own wait for another connection's lock. Short: the journal retries a locked write
# itself (store.py), between attempts letting go of the connection the screens read through.
BUSY_TIMEOUT_S = 0.25
PROGRESS_EVERY = 10_000  # SQLite virtual-machine steps between two looks at the clock


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    # isolation_level=None: autocommit, so each update is on disk when execute() returns.
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )


class Deadline:
    """A time budget for the statement running now: SQLite's progress handler interrupts it
    once past (sqlite3.OperationalError "interrupted"), so no file can make a read or a write
    run forever. `at` is a time.monotonic() value; inf means no budget."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.at = float("inf")
        conn.set_progress_handler(self, PROGRESS_EVERY)

    def __call__(self) -> int:
        return 1 if time.monotonic() > self.at else 0

    def start(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def clear(self) -> None:
        self.at = float("inf")


def close_quietly(conn: sqlite3.Connection | None) -> None:
    """Close a connection that may already be broken: closing never raises."""
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass


def is_locked(exc: BaseException) -> bool:
    """Another program holds the file: worth waiting for, unlike a full disk or a bad file."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def describe_error(exc: BaseException) -> str:
    """The cause in the user's words: the UI shows it on one line."""
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "the journal folder cannot be written"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "the disk is full"
    # COACH_HOME under a regular file makes mkdir fail with "[Errno 20] Not a directory".
    if isinstance(exc, PermissionError | NotADirectoryError | FileExistsError) or (
        isinstance(exc, OSError) and exc.errno == errno.EROFS
    ):
        return "the journal folder cannot be written"
    if "interrupted" in text:
        return "the journal took too long to answer"
    if "locked" in text or "busy" in text:
        return "the journal is in use by another program"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "the journal file is damaged"
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]


def one_line(text: str) -> str:
    return " ".join(text.split())


def process_alive(pid: object) -> bool:
    """Whether a process with this id still runs (a zombie counts as gone)."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): trust kill()


def windows_process_alive(pid: int) -> bool:
    # os.kill on Windows would terminate the process, so ask OpenProcess instead.
    import ctypes

    if sys.platform != "win32":  # (only called there; this line lets mypy check it anywhere)
        return False
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
