"""Reads while the open still checks the file (PRAGMA quick_check reads every page: half a
second for a million sessions) read the file as it is instead of waiting, unless something of
this journal's is queued behind the open or the file is not one to read as it is."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.journal import opening
from coach.core.journal.store import FILE_NAME, Journal

NOW = datetime(2026, 5, 13, 20, 0, tzinfo=UTC)


class Gate(threading.Event):
    armed = False  # opens before this are not held
    ran_out = False  # the held open gave up waiting: a read waited for it


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Every open's full check waits until the test opens the gate."""
    gate = Gate()
    check = opening.quick_check

    def slow_check(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
        if gate.armed and not gate.wait(5):
            gate.ran_out = True
        return check(conn)

    monkeypatch.setattr(opening, "quick_check", slow_check)
    yield gate
    gate.set()


def journal_with_one_session(path: Path) -> int:
    with Journal.open(path, now=NOW) as journal:
        sid = journal.start_session("cramp-now", "relief", started=NOW)
        journal.end_session(sid, "completed", ended=NOW)
    assert sid is not None
    return sid


def test_history_reads_do_not_wait_for_the_open_to_check_the_file(tmp_path, held_open) -> None:
    path = tmp_path / FILE_NAME
    sid = journal_with_one_session(path)
    held_open.armed = True
    journal = Journal.open_in_background(path, now=NOW)
    try:
        assert [r.id for r in journal.sessions()] == [sid]  # while the open is held
        assert journal.nightly_streak(NOW.date()) == 0 and journal.count() == 1
        assert journal.problem is None
        held_open.set()
        assert journal.flush(5) and journal.recording
        assert [r.id for r in journal.sessions()] == [sid]  # through the checked connection
    finally:
        held_open.set()
        journal.close()
    assert not held_open.ran_out


def test_a_read_behind_queued_writes_still_waits_for_them(tmp_path, held_open) -> None:
    path = tmp_path / FILE_NAME
    sid = journal_with_one_session(path)
    held_open.armed = True
    journal = Journal.open_in_background(path, now=NOW)
    try:
        journal.later(lambda: journal.start_session("nightly", "prevention", started=NOW))
        # The file as it is would miss the queued session: the read waits (bounded), and
        # gives nothing rather than a history without it.
        assert [r.id for r in journal.sessions()] != [sid]
        held_open.set()
        assert journal.flush(5)
        assert len(journal.sessions()) == 2
    finally:
        held_open.set()
        journal.close()


def test_a_file_the_open_must_migrate_is_not_read_as_it_is(tmp_path, held_open) -> None:
    path = tmp_path / FILE_NAME
    journal_with_one_session(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")  # as if from before the first schema
    conn.commit()
    conn.close()
    held_open.armed = True
    journal = Journal.open_in_background(path, now=NOW)
    try:
        assert journal.sessions() == []  # waited (bounded) for the open instead
    finally:
        held_open.set()
        journal.close()
