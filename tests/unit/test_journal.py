"""The journal on real SQLite files: writing a session as it goes, reading history back."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.journal import connection as journal_connection
from coach.core.journal import migrations as journal_migrations
from coach.core.journal import schema as journal_schema
from coach.core.journal import store as journal_module
from coach.core.journal import times as journal_times
from coach.core.journal.store import FILE_NAME, Journal, WeekCount

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 5, 13, 10, 0, tzinfo=PARIS)  # a Wednesday; its Monday is 2026-05-11


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    assert j.recording, j.problem
    yield j
    j.close()


def raw(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the file with a separate connection: what another process would see."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def add(j: Journal, kind: str, started: datetime, status: str = "completed", **fields) -> int:
    sid = j.start_session(f"{kind}-routine", kind, started=started)
    assert sid is not None
    if fields:
        j.update_session(sid, **fields)
    if status != "running":
        j.end_session(sid, status, ended=started + timedelta(minutes=5))
    return sid


# --- the file --------------------------------------------------------------------------------


def test_opens_in_coach_home_with_schema_version_and_wal(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    j = Journal.open()
    assert j.recording and j.problem is None
    assert j.path == tmp_path / "home" / "journal.sqlite3"
    j.close()
    assert raw(j.path, "PRAGMA user_version") == [(journal_migrations.SCHEMA_VERSION,)]
    assert raw(j.path, "PRAGMA journal_mode") == [("wal",)]
    index = raw(j.path, "SELECT sql FROM sqlite_master WHERE name = 'sessions_by_start'")
    assert "started_utc" in index[0][0]


def test_open_checks_the_file_in_a_small_cache_then_restores_the_default(
    tmp_path, monkeypatch
) -> None:
    """quick_check reads every page: it must not leave a long journal in memory for the whole
    session, and the history screen's reads keep SQLite's default cache afterwards."""
    path = tmp_path / FILE_NAME
    Journal.open(path, now=NOW).close()
    statements: list[str] = []

    def traced(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = journal_connection.connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(journal_module, "connect", traced)
    j = Journal.open(path, now=NOW)
    assert j.recording
    pragmas = [s for s in statements if s.startswith("PRAGMA cache_size")]
    check = statements.index("PRAGMA quick_check")
    small = statements.index(f"PRAGMA cache_size = -{journal_module.QUICK_CHECK_CACHE_KIB}")
    assert small < check < statements.index(pragmas[-1])
    assert j._conn is not None
    default = sqlite3.connect(":memory:").execute("PRAGMA cache_size").fetchone()[0]
    assert j._conn.execute("PRAGMA cache_size").fetchone()[0] == default
    j.close()


def test_schema_version_matches_the_migrations() -> None:
    assert journal_migrations.SCHEMA_VERSION == len(journal_migrations.MIGRATIONS)


def test_history_query_uses_the_start_index(journal) -> None:
    plan = journal._conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM sessions ORDER BY started_utc DESC LIMIT 50"
    ).fetchall()
    assert "sessions_by_start" in str(plan)
    streak_plan = journal._conn.execute(
        "EXPLAIN QUERY PLAN SELECT started_utc, started_offset_min, id FROM sessions"
        " WHERE (started_utc, id) < ('9', 0) AND kind = 'prevention' AND status = 'completed'"
        " ORDER BY started_utc DESC, id DESC LIMIT 64"
    ).fetchall()
    assert "COVERING INDEX sessions_nightly" in str(streak_plan)


# --- writing a session as it goes -------------------------------------------------------------


def test_each_write_is_on_disk_at_once(journal) -> None:
    started = datetime(2026, 5, 12, 23, 40, 5, tzinfo=PARIS)
    sid = journal.start_session("relief-calf", "relief", started=started)
    row = raw(journal.path, "SELECT status, started_utc, started_offset_min, pid FROM sessions")
    assert row == [("running", "2026-05-12T22:40:05Z", 60, journal_module.os.getpid())]

    journal.update_session(sid, leg="left", site="arch", steps_done=["Towel stretch"])
    journal.update_session(sid, steps_skipped=["Heat"], release_seconds=42)
    row = raw(
        journal.path, "SELECT leg, site, steps_done, steps_skipped, release_seconds FROM sessions"
    )
    assert row == [("l", "sole", '["Towel stretch"]', '["Heat"]', 42.0)]

    journal.update_session(sid, status="stopped")  # the screens may set it before the end
    assert journal.session(sid).status == "stopped"
    journal.end_session(sid, "completed", ended=started + timedelta(seconds=95))
    record = journal.session(sid)
    assert record.status == "completed"
    assert record.started == started and record.started.utcoffset() == timedelta(hours=1)
    assert record.duration_seconds == 95
    assert (record.leg, record.site) == ("l", "sole")
    assert record.steps_done == ("Towel stretch",) and record.steps_skipped == ("Heat",)


def test_warning_answers_merge_and_keep_the_tier(journal) -> None:
    sid = add(journal, "relief", NOW)
    journal.record_warnings(sid, {"E1": False}, None)
    journal.record_warnings(sid, {"T1": True, "E1": False}, "today")
    journal.record_warnings(sid, {"T1": False}, "days")  # an answer changed: the last one counts
    record = journal.session(sid)
    assert record.warning_answers == {"E1": False, "T1": False}
    assert record.warning_tier == "days"


def test_warnings_for_a_missing_session_write_nothing(journal) -> None:
    journal.record_warnings(999, {"E1": True}, "emergency")
    assert raw(journal.path, "SELECT count(*) FROM warning_answers") == [(0,)]
    assert journal.recording


@pytest.mark.parametrize(
    "call",
    [
        lambda j: j.start_session("x", "stretching"),
        lambda j: j.update_session(1, leg="middle"),
        lambda j: j.update_session(1, site="knee"),
        lambda j: j.update_session(1, mood="bad"),
        lambda j: j.end_session(1, "running"),
    ],
)
def test_programming_errors_raise_before_touching_the_file(journal, call) -> None:
    with pytest.raises(ValueError):
        call(journal)
    assert journal.recording and journal.count() == 0


def test_none_session_id_is_a_quiet_no_op(journal) -> None:
    journal.update_session(None, leg="l")
    journal.end_session(None, "stopped")
    journal.record_warnings(None, {"E1": True}, None)
    assert journal.count() == 0


def test_naive_times_are_taken_as_local(journal) -> None:
    sid = journal.start_session("nightly", "prevention", started=datetime(2026, 5, 1, 21, 30))
    record = journal.session(sid)
    assert record.started.replace(tzinfo=None) == datetime(2026, 5, 1, 21, 30)


def test_writes_from_another_thread(journal) -> None:
    ids: list[int | None] = []
    worker = threading.Thread(target=lambda: ids.append(journal.start_session("r", "relief")))
    worker.start()
    worker.join()
    assert ids[0] is not None and journal.recording


# --- robustness ------------------------------------------------------------------------------


def test_long_unicode_names_zero_seconds_and_clock_going_backwards(journal) -> None:
    name = "Étirement du mollet 🦵 " * 500  # 11,000 characters
    zero = journal.start_session(name, "relief", started=NOW)
    journal.update_session(zero, steps_done=[name, "足の裏", 'quote " and | pipe\nnewline'])
    journal.end_session(zero, "completed", ended=NOW)
    back = journal.start_session("relief-calf", "relief", started=NOW)
    journal.end_session(back, "stopped", ended=NOW - timedelta(minutes=3))

    records = {r.id: r for r in journal.sessions()}
    assert records[zero].routine_id == name and records[zero].duration_seconds == 0
    assert records[zero].steps_done[1] == "足の裏"
    assert records[back].duration_seconds is None  # unknown, never negative
    # The second began as the first ended, not let go: a restart, one cramp (journal/episodes.py).
    assert journal.weekly_counts(12, NOW)[-1].cramps == 1
    assert journal.nightly_streak(NOW.date()) == 0


def test_damaged_values_in_the_file_read_without_crashing(journal) -> None:
    sid = add(journal, "relief", NOW)
    journal._conn.execute(
        "UPDATE sessions SET started_utc = 'yesterday', started_offset_min = 99999,"
        " steps_done = '{not json', release_seconds = 'fast' WHERE id = ?",
        (sid,),
    )
    record = journal.sessions()[0]
    assert record.started == journal_times.EPOCH
    assert record.steps_done == () and record.release_seconds is None
    assert isinstance(journal.weekly_counts(12, NOW), list)


# --- history ---------------------------------------------------------------------------------


def test_sessions_are_newest_first_and_paged(journal) -> None:
    ids = [add(journal, "relief", NOW - timedelta(days=n)) for n in range(5)]  # newest first
    assert [r.id for r in journal.sessions(limit=2)] == ids[:2]
    assert [r.id for r in journal.sessions(limit=2, offset=2)] == ids[2:4]
    assert journal.sessions(limit=10, offset=5) == []
    assert [r.id for r in journal.iter_sessions(page=2)] == ids[::-1]
    assert journal.count() == 5


def test_sessions_between_is_half_open_and_oldest_first(journal) -> None:
    a = add(journal, "relief", NOW - timedelta(days=2))
    b = add(journal, "relief", NOW - timedelta(days=1))
    add(journal, "relief", NOW)
    got = journal.sessions_between(NOW - timedelta(days=2), NOW)
    assert [r.id for r in got] == [a, b]


def test_weekly_counts_use_local_weeks(journal) -> None:
    monday = date(2026, 5, 11)
    # 00:30 on Monday in Paris is Sunday 23:30 UTC: it belongs to the week of the 11th.
    add(journal, "relief", datetime(2026, 5, 11, 0, 30, tzinfo=PARIS))
    add(journal, "prevention", datetime(2026, 5, 10, 23, 0, tzinfo=PARIS))  # Sunday: week before
    add(journal, "prevention", datetime(2026, 5, 12, 22, 0, tzinfo=PARIS), status="stopped")
    add(journal, "relief", datetime(2026, 5, 12, 3, 0, tzinfo=PARIS), status="running")
    add(journal, "relief", NOW - timedelta(weeks=12))  # just out of range

    weeks = journal.weekly_counts(12, NOW)
    assert len(weeks) == 12
    assert weeks[-1] == WeekCount(monday, 2, 0)
    assert weeks[-2] == WeekCount(monday - timedelta(weeks=1), 0, 1)
    assert weeks[0].week_start == monday - timedelta(weeks=11)
    assert sum(w.cramps for w in weeks) == 2
    assert journal.weekly_counts(0, NOW) == []


def test_weekly_counts_with_half_hour_offsets_and_thousands_of_sessions(journal) -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    # 00:10 on Monday in India is Sunday 18:40 UTC: the minutes decide the week.
    add(journal, "relief", datetime(2026, 5, 11, 0, 10, tzinfo=india))
    add(journal, "relief", datetime(2026, 5, 10, 23, 50, tzinfo=india))
    conn = sqlite3.connect(journal.path, isolation_level=None)
    conn.execute(  # 3,000 more completed routines in one second of Tuesday
        "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc)"
        " SELECT 'n', 'prevention', 'completed', '2026-05-12T20:00:00Z', '' FROM"
        " (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3000)"
        " SELECT x FROM c)"
    )
    conn.close()
    weeks = journal.weekly_counts(2, NOW)
    assert weeks == [
        WeekCount(date(2026, 5, 4), 1, 0),
        WeekCount(date(2026, 5, 11), 1, 3000),
    ]


def evening(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS) + timedelta(hours=21)


@pytest.mark.parametrize(
    ("days_done", "expected"),
    [
        ([0, 1, 2], 3),  # today, yesterday, the day before
        ([1, 2, 3, 4], 4),  # today's routine not done yet: the streak still stands
        ([2, 3], 0),  # missed yesterday
        ([0, 0, 1, 3], 2),  # two the same day count once; the gap ends it
        ([], 0),
    ],
)
def test_nightly_streak(journal, days_done, expected) -> None:
    today = NOW.date()
    for n in days_done:
        add(journal, "prevention", evening(today - timedelta(days=n)))
    add(journal, "prevention", evening(today - timedelta(days=1)), status="stopped")
    add(journal, "relief", evening(today - timedelta(days=5)))
    add(journal, "prevention", evening(today + timedelta(days=3)))  # a clock set ahead
    assert journal.nightly_streak(today) == expected


def test_a_long_streak_crosses_query_pages(journal) -> None:
    today = NOW.date()
    for n in range(450):
        add(journal, "prevention", evening(today - timedelta(days=n)))
    assert journal.nightly_streak(today) == 450


# --- schema versions -------------------------------------------------------------------------


def test_forward_migration_keeps_the_data(tmp_path, monkeypatch) -> None:
    path = tmp_path / FILE_NAME
    with Journal.open(path, now=NOW) as j:
        sid = add(j, "relief", NOW, leg="r")
    nxt = len(journal_migrations.MIGRATIONS) + 1
    later = "ALTER TABLE sessions ADD COLUMN later_note TEXT;"
    monkeypatch.setattr(journal_migrations, "MIGRATIONS", [*journal_migrations.MIGRATIONS, later])
    monkeypatch.setattr(journal_module, "SCHEMA_VERSION", nxt)
    with Journal.open(path, now=NOW) as j:
        assert j.recording
        assert j.session(sid).leg == "r"
    assert raw(path, "PRAGMA user_version") == [(nxt,)]
    assert raw(path, "SELECT later_note FROM sessions") == [(None,)]


def test_a_failed_migration_leaves_the_old_version_whole(tmp_path, monkeypatch) -> None:
    path = tmp_path / FILE_NAME
    with Journal.open(path, now=NOW) as j:
        add(j, "relief", NOW)
    current = len(journal_migrations.MIGRATIONS)
    broken = "ALTER TABLE sessions ADD COLUMN a TEXT; THIS IS NOT SQL;"
    monkeypatch.setattr(journal_migrations, "MIGRATIONS", [*journal_migrations.MIGRATIONS, broken])
    monkeypatch.setattr(journal_module, "SCHEMA_VERSION", current + 1)
    j = Journal.open(path, now=NOW)
    assert not j.recording and j.problem.startswith("Not recording")
    assert len(j.sessions()) == 1  # history still reads
    assert raw(path, "PRAGMA user_version") == [(current,)]
    assert "a" not in [c[1] for c in raw(path, "PRAGMA table_info(sessions)")]


def test_a_newer_journal_is_refused_but_still_readable(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    with Journal.open(path, now=NOW) as j:
        sid = add(j, "relief", NOW, status="running")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    before = raw(path, "SELECT * FROM sessions")

    j = Journal.open(path, now=NOW)
    assert not j.recording
    assert "newer" in j.problem and "schema 7" in j.problem and "\n" not in j.problem
    assert [r.id for r in j.sessions()] == [sid]  # history still works
    assert j.start_session("relief-calf", "relief") is None
    j.update_session(sid, leg="l")
    j.end_session(sid, "completed")
    j.close()
    assert raw(path, "PRAGMA user_version") == [(7,)]
    assert raw(path, "SELECT * FROM sessions") == before  # not migrated, not closed off


def test_stored_times_are_utc_text() -> None:
    moment = datetime(2026, 3, 29, 1, 59, tzinfo=UTC)
    assert journal_times.utc_text(moment) == "2026-03-29T01:59:00Z"
    back = journal_times.from_stored("2026-03-29T01:59:00Z", -300)
    assert back == moment and back.utcoffset() == timedelta(hours=-5)
    assert json.loads(journal_schema.encode_fields({"steps_done": ["é"]})["steps_done"]) == ["é"]
