"""Reading a journal that cannot be written: the file as it is, never migrated, moved or changed.

The export always reads so; the open falls back to it when the file cannot be opened for writing
(a read-only folder or disk, a full disk), so history and `coach trial` show what is there
instead of an empty journal (issue 22). A damaged or foreign file is not read (the open sets it
aside when it can write); an older one is, since it may never be updated where it is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coach.core.journal.connection import close_quietly, connect_for_reading, describe_error
from coach.core.journal.opening import not_for_reading


def open_as_it_is(path: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """(a read-only connection, None), or (None, why it cannot be read); (None, None) when
    there is no file (nothing recorded yet)."""
    if not path.exists():
        return None, None
    conn: sqlite3.Connection | None = None
    try:
        conn = connect_for_reading(path)
        why = not_for_reading(conn, older_ok=True)
        if why is None:
            return conn, None
    except sqlite3.Error as exc:
        why = describe_error(exc, path.parent)
    close_quietly(conn)
    return None, why
