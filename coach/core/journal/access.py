"""The journal's access to its file, shared by opening, writing and reading (store.py).

Bounded everywhere, so no file and no other program can freeze the screens: a read waits at most
READ_WAIT_S (for the open, queued writes, the connection) and runs at most READ_BUDGET_S; a write
runs at most WRITE_BUDGET_S and waits out another program's lock for up to RETRY_FOR_S, letting go
of the connection between attempts (so pending writes land once the lock goes). Writes from the
screens run on one writer thread (`later`), in order.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from coach.core.journal.connection import (
    Deadline,
    close_quietly,
    describe_error,
    is_locked,
    one_line,
)
from coach.core.journal.early import EarlyReader
from coach.core.journal.queries import JournalQueries
from coach.core.journal.writer import Writer

# Bounds, so no file or other program can freeze the screens (see the module docstring).
READ_WAIT_S = 0.5  # a read waits this long for the open, queued writes or the connection
IMPATIENT_FOR_S = 5.0  # after a read gave up waiting, the next ones do not wait this long
READ_BUDGET_S = 2.0  # one query's run time
WRITE_BUDGET_S = 5.0  # one write's run time (a planted trigger that loops is stopped)
RETRY_FOR_S = 30.0  # a write waits out another program's lock this long, then stops recording
RETRY_FIRST_S, RETRY_MAX_S = 0.05, 1.0  # the backoff between two attempts
CLOSE_WAIT_S = 3.0  # closing waits this long for queued writes
_T = TypeVar("_T")


class JournalAccess(JournalQueries):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.recording = False
        self.problem: str | None = None
        # The open moved a damaged or foreign file aside: where to, in one line (store.py).
        self.aside_notice: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._deadline: Deadline | None = None
        # Called with `problem` when a write fails after a good open (a disk that fills up
        # mid-session), or when a background open has something to say. It runs on the
        # writer thread.
        self.on_stop: Callable[[str], None] | None = None
        self._lock = threading.RLock()  # one connection, shared by the UI thread and the writer
        self._opened = threading.Event()  # reads wait for it (bounded): the file is checked
        self._early: EarlyReader | None = None  # reads while the open checks a big file
        self._writer: Writer | None = None
        self._opening_thread: int | None = None
        self._waited_out = -IMPATIENT_FOR_S  # when a read last gave up waiting
        self.retry_for = RETRY_FOR_S  # how long a write waits out another program's lock

    def close(self) -> None:
        """Let queued writes finish (waiting at most CLOSE_WAIT_S), then close the file."""
        writer, self._writer = self._writer, None
        if writer is not None and not writer.stop(CLOSE_WAIT_S):
            self.recording = False  # still stuck: the process ends without it (a daemon)
            return
        self._close_early()
        self._close_connection()
        self.recording = False

    # --- plumbing --------------------------------------------------------------------------

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor | None:
        return self._attempt(lambda conn: conn.execute(sql, params))

    def _write_transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        def run(conn: sqlite3.Connection) -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for sql, params in statements:
                    conn.execute(sql, params)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        self._attempt(run)

    def _attempt(self, action: Callable[[sqlite3.Connection], _T]) -> _T | None:
        """Run one write; another program's lock is waited out (backoff, up to `retry_for`),
        the connection let go between attempts, so the write lands once the lock goes."""
        give_up, delay = time.monotonic() + self.retry_for, RETRY_FIRST_S
        while True:
            if not self.recording or self._conn is None:
                return None
            try:
                with self._lock:
                    if self._conn is None:  # closed while this waited for the lock
                        return None
                    return self._bounded(action, WRITE_BUDGET_S)
            except (sqlite3.Error, OSError) as exc:
                if not is_locked(exc) or time.monotonic() + delay > give_up:
                    self._fail(exc)
                    return None
            time.sleep(delay)
            delay = min(delay * 2, RETRY_MAX_S)

    def _bounded(self, action: Callable[[sqlite3.Connection], _T], seconds: float) -> _T:
        assert self._conn is not None
        if self._deadline is not None:
            self._deadline.start(seconds)
        try:
            return action(self._conn)
        finally:
            if self._deadline is not None:
                self._deadline.clear()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows, or [] when the file cannot be read (history then shows nothing, never crashes).
        Bounded: waits at most READ_WAIT_S for the open and for this journal's queued writes
        (so a read sees them), and stops a query after READ_BUDGET_S."""
        me = threading.get_ident()
        on_writer = self._writer is not None and me == self._writer.ident
        if not on_writer:
            if me != self._opening_thread and not self._opened.is_set():
                rows = self._read_early(sql, params)
                if rows is not None:
                    return rows
            if me != self._opening_thread and not self._opened.wait(self._patience()):
                self._waited_out = time.monotonic()
                return []
            if self._writer is not None and not self._writer.flush(self._patience()):
                self._waited_out = time.monotonic()
        if self._conn is None or not self._lock.acquire(timeout=self._patience()):
            return []
        try:
            if self._conn is None:  # closed while this waited for the lock
                return []
            return self._bounded(lambda conn: conn.execute(sql, params).fetchall(), READ_BUDGET_S)
        except (sqlite3.Error, OSError) as exc:
            if self.problem is None:
                why = describe_error(exc, self.path.parent)
                self.problem = one_line(f"Cannot read the journal: {why} ({self.path}).")
            return []
        finally:
            self._lock.release()

    def _read_early(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]] | None:
        """The file as it is while the open is still checking it, if nothing of ours is queued
        behind the open (early.py); None: wait for the open."""
        if self._writer is None or self._writer.pending() > 1:
            return None
        if self._early is None:
            self._early = EarlyReader(self.path)
        return self._early.read(sql, params, READ_BUDGET_S)

    def _patience(self) -> float:
        """READ_WAIT_S, but no wait at all for a while after one ran out: a screen's several
        reads (home: count, last cramp, streak) then cost one wait, not one each."""
        recently = time.monotonic() - self._waited_out < IMPATIENT_FOR_S
        return 0.0 if recently else READ_WAIT_S

    def later(self, job: Callable[[], object]) -> None:
        """Run `job` on the journal's writer thread, after everything given before it."""
        if self._writer is None:
            self._writer = Writer()
        self._writer.submit(job)

    def flush(self, timeout: float = CLOSE_WAIT_S) -> bool:
        """Wait (bounded) for the queued work; whether it all ran."""
        return self._writer is None or self._writer.flush(timeout)

    def _fail(self, exc: BaseException) -> None:
        """Stop recording for the rest of this run; the first reason is the one shown."""
        if self.problem is None or not self.problem.startswith("Not recording"):
            why = describe_error(exc, self.path.parent)
            self.problem = one_line(f"Not recording: {why} ({self.path}).")
        stopped, self.recording = self.recording, False
        if stopped and self.on_stop is not None:
            try:
                self.on_stop(self.problem)
            except Exception:  # noqa: BLE001 - telling the UI must not break a write path
                pass

    def _close_early(self) -> None:
        early, self._early = self._early, None
        if early is not None:
            early.close()

    def _close_connection(self) -> None:
        """Close under the lock: a read on another thread (home's workers) may be using the
        connection, and SQLite closed under a running query crashed the process (SIGSEGV in 4 of
        150 terminals closed on home). Reads are bounded, so the wait is too; past it the
        connection is left for the process's end rather than closed under the read."""
        held = self._lock.acquire(timeout=READ_BUDGET_S + WRITE_BUDGET_S)
        conn, self._conn = self._conn, None
        if held:
            try:
                close_quietly(conn)
            finally:
                self._lock.release()
