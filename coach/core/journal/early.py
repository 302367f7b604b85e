"""Reads before the journal's open has finished: the file as it is, through a read-only
connection, so a screen never waits for the open's full check of a big file (PRAGMA quick_check
reads every page: half a second for a million sessions).

Used only while nothing of this journal's is queued behind the open (so nothing the read should
see is missing), and only for a file the export could read too (this version's schema, nothing
foreign: opening.not_for_reading). Anything else, and any error, answers None: the caller then
waits for the open as before.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.core.journal.connection import Deadline, close_quietly, connect
from coach.core.journal.opening import not_for_reading


class EarlyReader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._deadline: Deadline | None = None
        self._lock = threading.Lock()
        self._usable = True

    def read(self, sql: str, params: Sequence[Any], budget: float) -> list[tuple[Any, ...]] | None:
        with self._lock:
            if not self._usable:
                return None
            try:
                if self._conn is None:
                    self._open()
                assert self._conn is not None and self._deadline is not None
                self._deadline.start(budget)
                try:
                    return self._conn.execute(sql, params).fetchall()
                finally:
                    self._deadline.clear()
            except (sqlite3.Error, OSError, AssertionError):
                self._usable = False  # the open will say what is wrong; wait for it
                self._close()
                return None

    def close(self) -> None:
        with self._lock:
            self._usable = False
            self._close()

    def _open(self) -> None:
        if not self.path.exists():
            raise FileNotFoundError(self.path)  # a new journal: the open makes it
        self._conn = connect(self.path, read_only=True)
        self._deadline = Deadline(self._conn)
        if not_for_reading(self._conn) is not None:
            raise sqlite3.DatabaseError("not for reading as it is")

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        close_quietly(conn)
