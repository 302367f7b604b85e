"""The journal: every session, from the moment it starts, in one SQLite file that survives crashes.

    journal = Journal.open()               # paths.user_data_dir()/journal.sqlite3; never raises
    journal.recording, journal.problem     # False + one line for the UI when it cannot write
    sid = journal.start_session("relief-calf", "relief")          # -> int | None
    journal.update_session(sid, leg="l", site="calf", steps_done=["Towel stretch"],
                           steps_skipped=["Heat"], release_seconds=42.0)
    journal.record_warnings(sid, {"D6": True, "T1": False}, "days")   # merges answers
    journal.end_session(sid, "completed")  # or "stopped" / "interrupted"
    journal.sessions(limit=50, offset=0)   # newest first, SessionRecord
    journal.weekly_counts(12, now)         # [WeekCount(week_start, cramps, nightly_done)]
    journal.nightly_streak(today)          # days in a row with a completed prevention session
    journal.sessions_between(since, until) # oldest first; also iter_sessions(), count(), session()
    journal.close()

Every write commits at once (autocommit, WAL, synchronous=FULL), so a SIGKILL leaves the row as
last written. Opening closes off sessions left 'running' by a process that is gone. Storage trouble
(read-only folder, full disk, damaged file, a file from a newer version) never reaches the caller:
the journal stops recording and says why in `problem`; the session on screen carries on. A damaged
file is moved aside (journal.sqlite3.corrupt-YYYYMMDD-HHMMSS) and a fresh one started: then
`recording` is True and `problem` is a notice saying so. A file from a newer schema is read for
history but never written. Bad arguments (an unknown kind, leg, site, status or field name) are
programming errors and raise ValueError. Values: kind relief|prevention; leg l|r|both|unknown
("left"/"right" accepted); site calf|sole|toes|other|None ("arch" accepted); steps as names.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from coach.core import paths
from coach.core.journal.connection import connect, describe_error, one_line, process_alive
from coach.core.journal.migrations import SCHEMA_VERSION, migrate, read_version
from coach.core.journal.queries import JournalQueries, WeekCount
from coach.core.journal.schema import KINDS, STATUSES, check_value, encode_fields
from coach.core.journal.times import aware, offset_minutes, utc_text

__all__ = ["FILE_NAME", "STALE_AFTER", "Journal", "WeekCount", "journal_path"]

FILE_NAME = "journal.sqlite3"
# A 'running' session untouched this long is closed even if its pid is alive: after a reboot the
# pid may belong to another program. Routines take minutes, so hours of silence mean a crash.
STALE_AFTER = timedelta(hours=12)
QUICK_CHECK_CACHE_KIB = 256  # the page cache while the open checks the whole file


def journal_path() -> Path:
    return paths.user_data_dir() / FILE_NAME


class Journal(JournalQueries):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.recording = False
        self.problem: str | None = None
        self._conn: sqlite3.Connection | None = None
        # Called with `problem` when a write fails after a good open (a disk that fills up
        # mid-session): the UI says so then. It may run on a worker thread.
        self.on_stop: Callable[[str], None] | None = None
        self._lock = threading.RLock()  # one connection, shared by the UI thread and workers

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, now: datetime | None = None) -> Journal:
        journal = cls(Path(path) if path is not None else journal_path())
        try:
            journal._open(aware(now))
        except Exception as exc:  # the last guard: opening the journal never stops a session
            journal._fail(exc)
        return journal

    def _open(self, now: datetime) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._fail(exc)
        for first_try in (True, False):
            try:
                return self._connect_and_prepare(now)
            except sqlite3.OperationalError as exc:  # locked, unwritable, full: not the file
                return self._fail(exc)
            except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed"
                self._close_connection()
                if not first_try:
                    return self._fail(exc)
                self._set_aside_damaged(now)

    def _connect_and_prepare(self, now: datetime) -> None:
        self._conn = connect(self.path)
        version = read_version(self._conn)
        if version > SCHEMA_VERSION:
            return self._refuse_newer(version)
        if self._quick_check() != [("ok",)]:
            raise sqlite3.DatabaseError("database disk image is malformed")  # set it aside
        self._conn.execute("PRAGMA journal_mode = WAL").fetchall()
        self._conn.execute("PRAGMA synchronous = FULL")  # a finished step survives power loss too
        migrate(self._conn)
        self.recording = True
        self.close_interrupted(now)

    def _quick_check(self) -> list[tuple[Any, ...]]:
        """PRAGMA quick_check reads every page of the file. Under SQLite's default 2 MB page
        cache a years-long journal (5 MB for 20,000 sessions) would then stay resident for the
        whole session, so the check runs in a small cache and the default comes back after."""
        assert self._conn is not None
        default = self._conn.execute("PRAGMA cache_size").fetchone()[0]
        self._conn.execute(f"PRAGMA cache_size = -{QUICK_CHECK_CACHE_KIB}")
        try:
            return self._conn.execute("PRAGMA quick_check").fetchall()
        finally:
            self._conn.execute(f"PRAGMA cache_size = {int(default)}")

    def _set_aside_damaged(self, now: datetime) -> None:
        """Move a damaged file (and its -wal/-shm) aside, never delete it: it may be recoverable."""
        stamp = now.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        for suffix in ("", "-wal", "-shm"):  # same suffixes, so SQLite can open the copy as-is
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{aside}{suffix}"))
        self.problem = one_line(
            f"The journal file was damaged; it was moved to {aside.name} and a new one started."
        )

    def _refuse_newer(self, version: int) -> None:
        """Keep a newer file readable for history, but never write or migrate it down."""
        self._close_connection()
        try:
            self._conn = connect(self.path, read_only=True)
        except sqlite3.Error:
            self._conn = None
        self.recording = False
        self.problem = one_line(
            f"Not recording: the journal was written by a newer Cramp Coach (schema {version}, "
            f"this one knows {SCHEMA_VERSION}); update the app ({self.path})."
        )

    # --- writing ---------------------------------------------------------------------------

    def start_session(
        self, routine_id: str, kind: str, *, started: datetime | None = None
    ) -> int | None:
        """Add a 'running' row now; its id, or None when not recording."""
        check_value("kind", kind, KINDS)
        moment = aware(started)
        row = (str(routine_id), kind, utc_text(moment), offset_minutes(moment), utc_text(moment))
        cursor = self._write(
            "INSERT INTO sessions (routine_id, kind, status, started_utc, started_offset_min,"
            " updated_utc, pid) VALUES (?, ?, 'running', ?, ?, ?, ?)",
            (*row, os.getpid()),
        )
        return cursor.lastrowid if cursor is not None else None

    def update_session(self, session_id: int | None, **fields: Any) -> None:
        """Set leg, site, steps_done, steps_skipped, release_seconds or status; commits at once."""
        columns = encode_fields(fields)
        if session_id is None or not columns:
            return
        columns["updated_utc"] = utc_text(aware(None))
        assignments = ", ".join(f"{name} = ?" for name in columns)  # names from _UPDATABLE only
        self._write(
            f"UPDATE sessions SET {assignments} WHERE id = ?", (*columns.values(), session_id)
        )

    def end_session(
        self, session_id: int | None, status: str = "completed", *, ended: datetime | None = None
    ) -> None:
        check_value("status", status, STATUSES[1:])
        if session_id is None:
            return
        moment = aware(ended)
        self._write(
            "UPDATE sessions SET status = ?, ended_utc = ?, ended_offset_min = ?, updated_utc = ?"
            " WHERE id = ?",
            (status, utc_text(moment), offset_minutes(moment), utc_text(aware(None)), session_id),
        )

    def record_warnings(
        self, session_id: int | None, answers: Mapping[str, bool], tier: str | None
    ) -> None:
        """Merge these answers into the session's (call after each one) and set the tier shown."""
        if session_id is None:
            return
        statements: list[tuple[str, tuple[Any, ...]]] = [
            ("UPDATE sessions SET warning_tier = ?, updated_utc = ? WHERE id = ?",
             (tier, utc_text(aware(None)), session_id)),
        ]  # fmt: skip
        statements += [
            ("INSERT INTO warning_answers (session_id, question_id, answer)"
             " SELECT id, ?, ? FROM sessions WHERE id = ?"  # no answers without their session
             " ON CONFLICT (session_id, question_id) DO UPDATE SET answer = excluded.answer",
             (str(question), 1 if yes else 0, session_id))
            for question, yes in answers.items()
        ]  # fmt: skip
        self._write_transaction(statements)

    def close_interrupted(self, now: datetime | None = None) -> int:
        """Mark 'running' sessions of processes that are gone as 'interrupted'; returns how many.

        The end time is the session's last write: the last moment we know it was alive.
        """
        now = aware(now)
        stale_before = utc_text(now - STALE_AFTER)
        closed = 0
        rows = self._read("SELECT id, pid, updated_utc FROM sessions WHERE status = 'running'")
        for session_id, pid, updated in rows:
            if process_alive(pid) and str(updated) >= stale_before:
                continue
            cursor = self._write(
                "UPDATE sessions SET status = 'interrupted', ended_utc = updated_utc,"
                " ended_offset_min = started_offset_min WHERE id = ? AND status = 'running'",
                (session_id,),
            )
            closed += cursor.rowcount if cursor is not None else 0
        return closed

    def close(self) -> None:
        self._close_connection()
        self.recording = False

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing --------------------------------------------------------------------------

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor | None:
        if not self.recording or self._conn is None:
            return None
        try:
            with self._lock:
                return self._conn.execute(sql, params)
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
            return None

    def _write_transaction(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        if not self.recording or self._conn is None:
            return
        try:
            with self._lock:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    for sql, params in statements:
                        self._conn.execute(sql, params)
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows, or [] when the file cannot be read (history then shows nothing, never crashes)."""
        if self._conn is None:
            return []
        try:
            with self._lock:
                return self._conn.execute(sql, params).fetchall()
        except (sqlite3.Error, OSError) as exc:
            if self.problem is None:
                self.problem = one_line(
                    f"Cannot read the journal: {describe_error(exc)} ({self.path})."
                )
            return []

    def _fail(self, exc: BaseException) -> None:
        """Stop recording for the rest of this run; the first reason is the one shown."""
        if self.problem is None or not self.problem.startswith("Not recording"):
            self.problem = one_line(f"Not recording: {describe_error(exc)} ({self.path}).")
        stopped, self.recording = self.recording, False
        if stopped and self.on_stop is not None:
            try:
                self.on_stop(self.problem)
            except Exception:  # noqa: BLE001 - telling the UI must not break a write path
                pass

    def _close_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass
