"""What opening a journal file checks before anything is written, and how a bad file is set aside.

A file is set aside (never deleted: it may be recoverable) when SQLite finds it damaged, or when it
holds schema objects Cramp Coach did not create: a trigger runs on our writes (one planted there
froze the relief screen), a view or an index can make a read take forever. Only the tables and
indexes the migrations make, at the file's version, are ours.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.core.journal import migrations
from coach.core.journal.connection import close_quietly, connect, one_line

QUICK_CHECK_CACHE_KIB = 256  # the page cache while the open checks the whole file


class ForeignSchema(sqlite3.DatabaseError):
    """The file holds schema objects the app did not create (handled like a damaged file)."""


def quick_check(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """PRAGMA quick_check reads every page of the file. Under SQLite's default 2 MB page
    cache a years-long journal (5 MB for 20,000 sessions) would then stay resident for the
    whole session, so the check runs in a small cache and the default comes back after."""
    default = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{QUICK_CHECK_CACHE_KIB}")
    try:
        return conn.execute("PRAGMA quick_check").fetchall()
    finally:
        conn.execute(f"PRAGMA cache_size = {int(default)}")


def schema_snapshot(conn: sqlite3.Connection) -> tuple[int, frozenset[tuple[str, str, str]]]:
    """The file's schema version and its objects, read in ONE read transaction (issue 22).

    Read apart, another process migrating the file between the two reads made our own newer
    tables look foreign at the old version, and a healthy journal was set aside. Raises
    sqlite3.DatabaseError when the file is not a database."""
    conn.execute("BEGIN")  # deferred: the first read takes the snapshot the second shares
    try:
        objects = frozenset(_objects(conn))
        version = migrations.read_version(conn)
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
    return version, objects


def foreign_objects(conn: sqlite3.Connection) -> tuple[int, list[str]]:
    """The file's version and 'trigger t', 'view v'...: what its schema holds beyond ours at that
    version. Objects that are exactly some schema level of ours are never foreign, whatever the
    version says: a file of ours is never set aside (a failed migration says so instead)."""
    version, objects = schema_snapshot(conn)
    if version > migrations.SCHEMA_VERSION:
        return version, []  # a newer app's file: read, never judged (store.py)
    extra = objects - frozenset(_ours_at(version))
    if not extra or any(
        objects == frozenset(_ours_at(level)) for level in range(migrations.SCHEMA_VERSION + 1)
    ):
        return version, []
    return version, sorted(f"{kind} {name}" for kind, name, _ in extra)


def _ours_at(version: int) -> tuple[tuple[str, str, str], ...]:
    return _ours(tuple(migrations.MIGRATIONS[:version]))


def _objects(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    # sqlite_* are SQLite's own (autoindexes, sqlite_stat1 after ANALYZE); no one else may use
    # the prefix. The SQL is compared too, so a table of ours rebuilt differently is foreign.
    return [
        (str(kind), str(name), " ".join(str(sql).split()))
        for kind, name, sql in rows
        if not str(name).startswith("sqlite_")
    ]


@functools.lru_cache(maxsize=8)  # one per schema level
def _ours(scripts: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    conn = sqlite3.connect(":memory:")
    try:
        for script in scripts:
            for statement in migrations.statements(script):
                conn.execute(statement)
        return tuple(_objects(conn))
    finally:
        conn.close()


def not_for_reading(conn: sqlite3.Connection, *, older_ok: bool = False) -> str | None:
    """Why a file opened read-only must not be read as it is, or None. `older_ok`: an older
    file of ours reads too (the export, a folder that cannot be written: it will never be
    updated there, and the queries read every schema level)."""
    version, foreign = foreign_objects(conn)
    if version < migrations.SCHEMA_VERSION and (foreign or not older_ok or version == 0):
        return "it is from an older Cramp Coach; run `coach` once to update it"
    if version == migrations.SCHEMA_VERSION and foreign:
        return "it holds things Cramp Coach did not make; run `coach` to set it aside"
    return None


def check_file(conn: sqlite3.Connection) -> int:
    """The file's schema version, once the file is known to be sound and ours; raises
    sqlite3.DatabaseError (damaged) or ForeignSchema. A newer app's file is only read."""
    version, foreign = foreign_objects(conn)
    if version > migrations.SCHEMA_VERSION:
        return version
    if quick_check(conn) != [("ok",)]:
        raise sqlite3.DatabaseError("database disk image is malformed")
    if foreign:
        raise ForeignSchema(f"not made by Cramp Coach: {', '.join(foreign)}")
    return version


def set_aside_if_still_bad(path: Path, now: datetime) -> Path | None:
    """Check the file again, from a fresh connection and under a lock every process takes before
    moving a journal, and move it aside only if it is still bad; None if it was left alone.

    Many processes may open a damaged file at once: the first moves it and starts a new one; the
    others, re-checking after it, find the new file (or none yet) and must not move that one."""
    with _aside_lock(path.parent):
        try:
            conn = connect(path, read_only=True)
            try:
                check_file(conn)
            finally:
                close_quietly(conn)
        except sqlite3.OperationalError:
            return None  # locked, gone, unreadable: not proof of damage; the open tries again
        except sqlite3.DatabaseError:
            return set_aside(path, now)
        return None


def aside_notice(exc: BaseException, aside: Path) -> str:
    """One line saying why the file was moved and to which full path, so it can be found."""
    foreign = isinstance(exc, ForeignSchema)
    why = "held things Cramp Coach did not make" if foreign else "was damaged"
    return one_line(f"The journal file {why}; it was moved to {aside} and a new one started.")


@contextlib.contextmanager
def _aside_lock(folder: Path) -> Iterator[None]:
    """An advisory lock on the journal's folder (flock, so a crash lets go of it). Windows has
    no flock here, but neither can a file another process holds open be moved there."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing lets go of the lock


def set_aside(path: Path, now: datetime) -> Path:
    """Move a bad file (and its -wal/-shm) aside as journal.sqlite3.corrupt-YYYYMMDD-HHMMSS."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):  # same suffixes, so SQLite can open the copy as-is
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.replace(Path(f"{aside}{suffix}"))
    return aside
