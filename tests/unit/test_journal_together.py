"""Several processes opening one journal at once never set a sound file aside (issue 22).

The race, made deterministic: another process migrates the file between the open's two reads of
the schema (its version, its objects). The processes themselves: tests/e2e/test_journal_together.py.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.journal import migrations, opening
from coach.core.journal.store import FILE_NAME, Journal

NOW = datetime(2026, 5, 13, 20, 0, tzinfo=UTC)


def old_journal(path: Path, version: int, rows: int = 3) -> None:
    """A file as an older Cramp Coach left it, in WAL mode (so another writer can commit while
    a reader holds its snapshot, as between two processes)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    for script in migrations.MIGRATIONS[:version]:
        for statement in migrations.statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    for n in range(rows):
        conn.execute(
            "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc)"
            " VALUES ('cramp-now', 'relief', 'completed', ?, ?)",
            (f"2026-05-0{n + 1}T03:00:00Z",) * 2,
        )
    conn.close()


def migrate_from_outside(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None, timeout=5)
    migrations.migrate(conn)
    conn.close()


def test_a_migration_between_the_two_reads_does_not_make_our_file_foreign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path, version=1)
    read_objects = opening._objects
    migrated: list[bool] = []

    def objects_then_another_process_migrates(conn: sqlite3.Connection):  # type: ignore[no-untyped-def]
        found = read_objects(conn)
        if not migrated:
            migrate_from_outside(path)  # what a second `coach` did between the reads
            migrated.append(True)
        return found

    monkeypatch.setattr(opening, "_objects", objects_then_another_process_migrates)
    journal = Journal.open(path, now=NOW)
    assert migrated, "the other process's migration did not run"
    assert journal.problem is None and journal.recording
    assert not list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))
    assert journal.count() == 3
    journal.close()


def test_the_version_and_the_objects_are_read_at_one_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path, version=1)
    read_objects = opening._objects

    def objects_then_another_process_migrates(conn: sqlite3.Connection):  # type: ignore[no-untyped-def]
        found = read_objects(conn)
        migrate_from_outside(path)
        return found

    monkeypatch.setattr(opening, "_objects", objects_then_another_process_migrates)
    conn = sqlite3.connect(path, isolation_level=None)
    version, objects = opening.schema_snapshot(conn)
    conn.close()
    assert version == 1  # not the 4 the other process committed in between
    assert objects == frozenset(opening._ours_at(1))
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    check.close()


@pytest.mark.parametrize("level", range(migrations.SCHEMA_VERSION + 1))
def test_objects_of_a_known_level_are_never_foreign_whatever_the_version_says(
    tmp_path: Path, level: int
) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path, version=level, rows=0)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA user_version = 0")  # the version read apart from the objects, as before
    version, foreign = opening.foreign_objects(conn)
    conn.close()
    assert (version, foreign) == (0, [])


def test_a_table_of_ours_at_a_later_level_plus_one_more_is_foreign(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path, version=migrations.SCHEMA_VERSION, rows=0)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE extra (x)")
    assert opening.foreign_objects(conn) == (migrations.SCHEMA_VERSION, ["table extra"])
    conn.close()


def test_a_file_another_process_already_replaced_is_not_moved(tmp_path: Path) -> None:
    """Two processes found the same damaged file; the first moved it and started a new one.
    The second, re-checking, finds the new file sound and leaves it where it is."""
    path = tmp_path / FILE_NAME
    path.write_bytes(b"not a database " * 300)
    first = Journal.open(path, now=NOW)
    assert first.recording and first.start_session("cramp-now", "relief") == 1
    assert opening.set_aside_if_still_bad(path, NOW) is None
    assert len(list(tmp_path.glob(f"{FILE_NAME}.corrupt-*[0-9]"))) == 1
    assert first.count() == 1
    first.close()


def test_a_file_gone_by_the_second_look_is_not_moved(tmp_path: Path) -> None:
    assert opening.set_aside_if_still_bad(tmp_path / FILE_NAME, NOW) is None
    assert list(tmp_path.iterdir()) == []


def test_a_file_still_damaged_on_the_second_look_is_moved(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"not a database " * 300)
    aside = opening.set_aside_if_still_bad(path, NOW)
    assert aside is not None and aside.read_bytes() == b"not a database " * 300
    assert not path.exists()
