"""What opening a journal file checks before anything is written, and how a bad file is set aside.

A file is set aside (never deleted: it may be recoverable) when SQLite finds it damaged, or when it
holds schema objects Cramp Coach did not create: a trigger runs on our writes (one planted there
froze the relief screen), a view or an index can make a read take forever. Only the tables and
indexes the migrations make, at the file's version, are ours.
"""

from __future__ import annotations

import functools
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.core.journal import migrations

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


def foreign_objects(conn: sqlite3.Connection, version: int) -> list[str]:
    """'trigger t', 'view v'...: what the file's schema holds beyond ours at `version`."""
    found = set(_objects(conn))
    return sorted(
        f"{kind} {name}"
        for kind, name, _ in found - set(_ours(tuple(migrations.MIGRATIONS[:version])))
    )


def _objects(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    # sqlite_* are SQLite's own (autoindexes, sqlite_stat1 after ANALYZE); no one else may use
    # the prefix. The SQL is compared too, so a table of ours rebuilt differently is foreign.
    return [
        (str(kind), str(name), " ".join(str(sql).split()))
        for kind, name, sql in rows
        if not str(name).startswith("sqlite_")
    ]


@functools.lru_cache(maxsize=4)
def _ours(scripts: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    conn = sqlite3.connect(":memory:")
    try:
        for script in scripts:
            for statement in migrations.statements(script):
                conn.execute(statement)
        return tuple(_objects(conn))
    finally:
        conn.close()


def not_for_reading(conn: sqlite3.Connection) -> str | None:
    """Why a file opened read-only (the export) must not be read as it is, or None."""
    version = migrations.read_version(conn)
    if version < migrations.SCHEMA_VERSION:
        return "it is from an older Cramp Coach; run `coach` once to update it"
    if version == migrations.SCHEMA_VERSION and foreign_objects(conn, version):
        return "it holds things Cramp Coach did not make; run `coach` to set it aside"
    return None


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
