"""The journal's side of picking a session up: schema 6 keeps where a session was, an older file
migrates to it, the newest interrupted session is found, and picking it up re-opens the same row
so the cramp counts once (journal/episodes.py)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.journal import migrations
from coach.core.journal.episodes import count_cramps
from coach.core.journal.store import FILE_NAME, Journal
from coach.core.routines.routine import Routine, Step
from coach.core.session.position import Position
from coach.core.session.recorder import SessionRecorder
from coach.core.session.resume import find_resumable, still_saving

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)
POSITION = Position(0, 0, "Pull your toes", None, 1, "hold", NOW.timestamp(), 30.0, None, 0, 0)


def relief() -> Routine:
    steps = (Step("Pull your toes", hold=30, until_released=True), Step("Rub the muscle", hold=60))
    return Routine(id="cramp-now", name="Cramping now", kind="relief", steps=steps, lead_in=0)


def interrupted(journal: Journal, started: datetime, ended: datetime, **fields: object) -> int:
    sid = journal.start_session("cramp-now", "relief", started=started)
    assert sid is not None
    journal.update_session(sid, position=POSITION.to_text(), **fields)
    journal.end_session(sid, "interrupted", ended=ended)
    return sid


def test_the_newest_interrupted_session_is_found_with_where_it_was(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        sid = interrupted(journal, NOW - timedelta(minutes=3), NOW - timedelta(minutes=2))
        found = find_resumable(journal, NOW)
        assert found is not None and found.record.id == sid and found.position == POSITION
        assert found.began == NOW - timedelta(minutes=3)
        assert find_resumable(journal, NOW + timedelta(minutes=9)) is None  # 11 min since


def test_its_cramp_began_with_an_earlier_restart(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        first = journal.start_session("cramp-now", "relief", started=NOW - timedelta(minutes=6))
        journal.end_session(first, "stopped", ended=NOW - timedelta(minutes=5))
        interrupted(journal, NOW - timedelta(minutes=4), NOW - timedelta(minutes=1))
        found = find_resumable(journal, NOW)
        assert found is not None and found.began == NOW - timedelta(minutes=6)


def test_starting_anything_else_means_no_offer(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        interrupted(journal, NOW - timedelta(minutes=3), NOW - timedelta(minutes=2))
        other = journal.start_session("nightly", "prevention", started=NOW - timedelta(minutes=1))
        assert find_resumable(journal, NOW) is None
        assert still_saving(journal, own_pid=-1)  # running, and not in "this" process
        journal.end_session(other, "stopped", ended=NOW)
        assert find_resumable(journal, NOW) is None  # declined: it stays interrupted
        assert not still_saving(journal, own_pid=-1)


def test_picking_it_up_reopens_the_same_row_once_and_the_cramp_counts_once(tmp_path) -> None:
    """Cut short, picked up 7 minutes later: beyond the 5-minute same-cramp gap, so a new row
    would have made it two cramps."""
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        sid = interrupted(
            journal,
            NOW - timedelta(minutes=8),
            NOW - timedelta(minutes=7),
            steps_done=["Pull your toes"],
        )
        found = find_resumable(journal, NOW)
        assert found is not None
        recorder = SessionRecorder(journal, relief())
        recorder.resume(found.record)
        assert recorder.session_id == sid
        assert not journal.reopen_session(sid)  # a second window cannot take it as well
        recorder.step_finished(1, False)
        recorder.end("completed")
        (row,) = journal.sessions()
        assert (row.id, row.status) == (sid, "completed")
        assert row.steps_done == ("Pull your toes", "Rub the muscle")
        assert row.ended is not None and row.ended > NOW - timedelta(minutes=1)
        day = timedelta(days=1)
        assert count_cramps(journal.sessions_between(NOW - day, NOW + day)) == 1


def test_a_row_taken_by_another_window_gets_a_new_row(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        sid = interrupted(journal, NOW - timedelta(minutes=3), NOW - timedelta(minutes=2))
        found = find_resumable(journal, NOW)
        assert found is not None and journal.reopen_session(sid)
        recorder = SessionRecorder(journal, relief())
        recorder.resume(found.record)
        assert recorder.session_id not in (None, sid)


def test_a_position_is_kept_and_a_bad_one_refused(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        recorder = SessionRecorder(journal, relief())
        recorder.start()
        sid = recorder.session_id
        assert sid is not None and journal.position(sid) is None
        recorder.position(POSITION.to_text())
        assert Position.from_text(journal.position(sid)) == POSITION
        journal.update_session(sid, position=None)
        assert journal.position(sid) is None
        with pytest.raises(ValueError):
            journal.update_session(sid, position=12)


def old_journal(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    for script in migrations.MIGRATIONS[:version]:
        for statement in migrations.statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc, ended_utc)"
        " VALUES ('cramp-now', 'relief', 'interrupted', ?, ?, ?)",
        ("2026-12-07T02:58:00Z", "2026-12-07T02:59:00Z", "2026-12-07T02:59:00Z"),
    )
    conn.commit()
    conn.close()


def test_a_schema_5_journal_migrates_to_6_and_its_rows_offer_nothing(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path, 5)
    with Journal.open(path, now=NOW) as journal:
        assert journal.recording, journal.problem
        assert journal.aside_notice is None  # ours at 5: migrated, never set aside
        (row,) = journal.sessions()
        assert journal.position(row.id) is None
        assert find_resumable(journal, NOW) is None  # no position: nothing to pick up
        journal.update_session(row.id, position=POSITION.to_text())
        assert find_resumable(journal, NOW) is not None
    conn = sqlite3.connect(path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    columns = [c[1] for c in conn.execute("PRAGMA table_info(sessions)")]
    conn.close()
    assert version == migrations.SCHEMA_VERSION == 6 and "position" in columns


def test_a_schema_5_file_that_cannot_migrate_reads_without_positions(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path, 5)
    journal = Journal.open_read_only(path)
    try:
        (row,) = journal.sessions()
        assert journal.position(row.id) is None and find_resumable(journal, NOW) is None
    finally:
        journal.close()
