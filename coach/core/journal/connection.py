"""The journal's plumbing: the SQLite connection, errors in the user's words, the writer's pid."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

# SQLite's own wait for another connection's lock. Short: the journal retries a locked write
# itself (store.py), between attempts letting go of the connection the screens read through.
BUSY_TIMEOUT_S = 0.25
PROGRESS_EVERY = 10_000  # SQLite virtual-machine steps between two looks at the clock


def connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    # isolation_level=None: autocommit, so each update is on disk when execute() returns.
    if read_only or immutable:
        uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that reads the file as it is, even where nothing can be written (issue 22:
    a read-only folder or disk, or a full disk, made history look empty).

    mode=ro first: it sees another process's latest writes. A WAL file whose -shm index cannot be
    created (a read-only folder, a full disk) cannot be opened so; then immutable=1, which reads
    the main file alone. That misses only what sits in a -wal file no one could checkpoint."""
    try:
        conn = connect(path, read_only=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error:
            close_quietly(conn)
            raise
    except sqlite3.OperationalError:  # "unable to open", "disk I/O error", "readonly"
        return connect(path, immutable=True)


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


def describe_error(exc: BaseException, folder: Path | None = None) -> str:
    """The cause in the user's words: the UI shows it on one line. Given the journal's folder, a
    vague "disk I/O error" or "cannot be written" is told apart by looking at the disk."""
    text = str(exc).lower()
    cause = storage_cause(folder) if folder is not None else None
    if "full" in text or (cause == "the disk is full" and "i/o" in text):
        return "the disk is full"
    if cause is not None and ("i/o" in text or "readonly" in text or "unable to open" in text):
        return cause
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


LOW_SPACE_BYTES = 256 * 1024  # below this SQLite cannot grow the file, its WAL or its index


def storage_cause(folder: Path) -> str | None:
    """What the disk itself says: full or mounted read-only; None when it says neither (or
    cannot be asked). SQLite reports both as vague errors ("disk I/O error", "unable to open")."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the journal's folder may not exist yet
    try:
        statvfs = getattr(os, "statvfs", None)
        if statvfs is not None and statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1):
            return "the journal's disk is read-only"
        if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
            return "the disk is full"
    except OSError:
        return None
    return None


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
