"""The journal: every session, from the moment it starts, in one SQLite file that survives crashes.

    journal = Journal.open()               # paths.user_data_dir()/journal.sqlite3; never raises
    journal = Journal.open_in_background(on_problem=say)   # the app: returns at once (below)
    journal.recording, journal.problem     # False + one line for the UI when it cannot write
    sid = journal.start_session("relief-calf", "relief")          # -> int | None
    journal.update_session(sid, leg="l", site="calf", steps_done=["Towel stretch"],
                           steps_skipped=["Heat"], release_seconds=42.0)
    journal.record_warnings(sid, {"D6": True, "T1": False}, "days")   # merges answers
    journal.end_session(sid, "completed")  # or "stopped" / "interrupted"
    journal.reopen_session(sid)            # interrupted -> running again (a session picked up)
    journal.sessions(limit=50, offset=0)   # newest first, SessionRecord
    journal.weekly_counts(12, now)         # [WeekCount(week_start, cramps, nightly_done)]
    journal.nightly_streak(today)          # days in a row with a completed prevention session
    journal.sessions_between(since, until) # oldest first; also iter_sessions(), count(), session()
    journal.later(job); journal.flush(5.0) # run work on the writer thread; wait for it (bounded)
    journal.close()                        # waits (bounded) for queued writes

The app opens the journal in the background and the recorder writes through `later`: both run
on one writer thread, so the screens only enqueue; reads wait for them at most READ_WAIT_S
(access.py has every bound). Every write commits at once (autocommit, WAL, synchronous=FULL), so
a SIGKILL leaves the row as last written; a write waits out another program's lock (bounded) so it
is not lost. Opening closes off sessions left 'running' by a process that is gone. Storage trouble
(read-only folder, full disk, damaged file, a file from a newer version) never reaches the caller:
the journal stops recording and says why in `problem`; the session on screen carries on. A damaged
file, or one holding triggers, views, tables or indexes the app did not create, is moved aside
(journal.sqlite3.corrupt-YYYYMMDD-HHMMSS) and a fresh one started: then `recording` is True and
`problem` and `aside_notice` say so, with the full path (every command shows it once). A file
from a newer schema is read for history but never written. Bad arguments (an unknown kind, leg,
site, status or field name) are programming errors and raise ValueError. Values: kind
relief|prevention; leg l|r|both|unknown ("left"/"right" accepted); site calf|sole|toes|other|None
("arch" accepted); steps as names. Stored text is `storable`: a file
name's undecodable bytes are kept as escapes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from coach.core import paths
from coach.core.journal.access import RETRY_FIRST_S, RETRY_MAX_S
from coach.core.journal.connection import (
    Deadline,
    connect,
    is_locked,
    one_line,
    process_alive,
)
from coach.core.journal.entries import JournalEntries
from coach.core.journal.migrations import SCHEMA_VERSION, migrate
from coach.core.journal.opening import (
    QUICK_CHECK_CACHE_KIB,
    aside_notice,
    check_file,
    set_aside_if_still_bad,
)
from coach.core.journal.queries import WeekCount
from coach.core.journal.reading import open_as_it_is
from coach.core.journal.schema import KINDS, STATUSES, check_value, encode_fields, storable
from coach.core.journal.times import aware, offset_minutes, utc_text

__all__ = ["FILE_NAME", "QUICK_CHECK_CACHE_KIB", "STALE_AFTER", "Journal", "WeekCount"]

FILE_NAME = "journal.sqlite3"
# A 'running' session untouched this long is closed even if its pid is alive: after a reboot the
# pid may belong to another program. Routines take minutes, so hours of silence mean a crash.
STALE_AFTER = timedelta(hours=12)


def journal_path() -> Path:
    return paths.user_data_dir() / FILE_NAME


class Journal(JournalEntries):  # entries.py: rows entered afterwards
    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, now: datetime | None = None) -> Journal:
        """Open and check the file on the caller's thread (tests, tools); never raises."""
        journal = cls(Path(path) if path is not None else journal_path())
        journal._open_guarded(now)
        return journal

    @classmethod
    def open_in_background(
        cls,
        path: Path | str | None = None,
        *,
        now: datetime | None = None,
        on_problem: Callable[[str], None] | None = None,
    ) -> Journal:
        """Return at once; the file is opened and checked on the writer thread (a 500 MB file
        takes seconds). Writes queue behind the open; reads wait for it at most READ_WAIT_S.
        `on_problem` hears the open's notice and any later write failure, on that thread."""
        journal = cls(Path(path) if path is not None else journal_path())
        journal.on_stop = on_problem

        def open_and_tell() -> None:
            journal._open_guarded(now)
            if on_problem is None:
                return
            for line in dict.fromkeys((journal.aside_notice, journal.problem)):  # once each
                if line:
                    on_problem(line)

        journal.later(open_and_tell)
        return journal

    @classmethod
    def open_read_only(cls, path: Path | str | None = None) -> Journal:
        """For `coach history --export`: read the file as it is, never migrate, write or move it.
        `readable` says whether it can be read; if not, `problem` says why on one line (an old,
        damaged or foreign file is left for `coach` itself to update or set aside)."""
        journal = cls(Path(path) if path is not None else journal_path())
        journal._opened.set()
        why = journal._read_as_it_is()
        if why is not None:
            journal.problem = one_line(f"Cannot read the journal: {why} ({journal.path}).")
        return journal

    def _read_as_it_is(self) -> str | None:
        """Read the file through a read-only connection (reading.py); why not, or None."""
        self._close_connection()
        self._conn, why = open_as_it_is(self.path)
        self._deadline = Deadline(self._conn) if self._conn is not None else None
        return why

    @property
    def readable(self) -> bool:
        return self._conn is not None or (self.problem is None and not self.path.exists())

    def _open_guarded(self, now: datetime | None) -> None:
        self._opening_thread = threading.get_ident()  # its own reads must not wait for it
        try:
            self._open(aware(now))
        except Exception as exc:  # the last guard: opening the journal never stops a session
            self._fail(exc)
        finally:
            self._opened.set()
            self._close_early()  # reads go through the checked connection from now on

    def _open(self, now: datetime) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._fail(exc)
            self._read_as_it_is()
            return None
        give_up, delay, first_try = time.monotonic() + self.retry_for, RETRY_FIRST_S, True
        while True:
            try:
                return self._connect_and_prepare(now)
            except sqlite3.OperationalError as exc:  # locked, unwritable, full: not the file
                if not is_locked(exc) or time.monotonic() + delay > give_up:
                    self._fail(exc)
                    self._read_as_it_is()  # history still shows what is there (issue 22)
                    return None
                self._close_connection()
                time.sleep(delay)  # another program has it: wait, as a write would
                delay = min(delay * 2, RETRY_MAX_S)
            except sqlite3.DatabaseError as exc:  # "not a database", "malformed", foreign
                self._close_connection()
                if not first_try:
                    return self._fail(exc)
                first_try = False
                aside = set_aside_if_still_bad(self.path, now)
                if aside is not None:  # else sound on a second look (another process's new file)
                    # Kept apart from `problem`, which a later failure replaces: every command
                    # that opens the journal says it (issue 22: it was silent).
                    self.aside_notice = self.problem = aside_notice(exc, aside)

    def _connect_and_prepare(self, now: datetime) -> None:
        self._conn = connect(self.path)
        self._deadline = Deadline(self._conn)
        version = check_file(self._conn)  # damaged or foreign: raises, and the file is set aside
        if version > SCHEMA_VERSION:
            return self._refuse_newer(version)
        self._conn.execute("PRAGMA journal_mode = WAL").fetchall()
        self._conn.execute("PRAGMA synchronous = FULL")  # a finished step survives power loss too
        migrate(self._conn)
        self.recording = True
        self.close_interrupted(now)

    def _refuse_newer(self, version: int) -> None:
        """Keep a newer file readable for history, but never write or migrate it down."""
        self._read_as_it_is()
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
        row = (
            storable(routine_id),
            kind,
            utc_text(moment),
            offset_minutes(moment),
            utc_text(moment),
        )
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

    def reopen_session(self, session_id: int | None) -> bool:
        """Pick up an interrupted session in this process (core/session/resume.py): 'running'
        again, ended cleared, with this pid. False when it was not interrupted any more (another
        window picked it up first) or cannot be written."""
        if session_id is None:
            return False
        cursor = self._write(
            "UPDATE sessions SET status = 'running', ended_utc = NULL, ended_offset_min = NULL,"
            " updated_utc = ?, pid = ? WHERE id = ? AND status = 'interrupted'",
            (utc_text(aware(None)), os.getpid(), session_id),
        )
        return cursor is not None and cursor.rowcount == 1

    def record_warnings(
        self, session_id: int | None, answers: Mapping[str, bool], tier: str | None
    ) -> None:
        """Merge these answers into the session's (call after each one) and set the tier shown."""
        if session_id is None:
            return
        statements: list[tuple[str, tuple[Any, ...]]] = [
            ("UPDATE sessions SET warning_tier = ?, updated_utc = ? WHERE id = ?",
             (None if tier is None else storable(tier), utc_text(aware(None)), session_id)),
        ]  # fmt: skip
        statements += [
            ("INSERT INTO warning_answers (session_id, question_id, answer)"
             " SELECT id, ?, ? FROM sessions WHERE id = ?"  # no answers without their session
             " ON CONFLICT (session_id, question_id) DO UPDATE SET answer = excluded.answer",
             (storable(question), 1 if yes else 0, session_id))
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

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
