"""Issue 9: a nightly routine counts only when at least half of its planned hold seconds were done.

The session counts hold seconds on a fake clock; the recorder writes them through the writer
thread; the journal (schema 4) keeps them; the streak, the weekly bars, the trial's nights and
the warning check's "routine done" read the one rule. Old rows and `coach log --routine` rows have
no figure and count when completed, as before.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.guidance import observations
from coach.core.journal import migrations, store
from coach.core.journal.log_entry import RoutineEntry
from coach.core.journal.store import FILE_NAME, Journal
from coach.core.routines.routine import Routine, Step
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder, work_of
from coach.core.trial.weeks import tally

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2026, 5, 13, 10, 0, tzinfo=PARIS)

QUICK = Routine(
    id="nightly-quick",
    name="Quick",
    kind="prevention",
    lead_in=3,
    steps=(
        Step(name="How to stretch", instructions="Gently."),
        Step(name="Calf", hold=10, sets=3, rest=10, sides="both"),
        Step(name="Hamstring", hold=10, sets=3, rest=10, sides="both"),
    ),
)


# --- the session counts hold seconds ----------------------------------------------------------


def test_planned_is_the_hold_seconds_only() -> None:
    session = Session(QUICK, now=0.0)
    assert session.hold_seconds_planned == 120  # 2 steps x 2 sides x 3 sets x 10 s
    assert session.total > 120  # rests, lead-ins and switches are not work


def test_n_through_the_routine_does_almost_none_of_the_work() -> None:
    session = Session(QUICK, now=0.0)
    t = 0.0
    while not session.finished:
        t += 0.5
        session.next(t)
        session.done(t)
    assert session.hold_seconds_so_far(t) < 10
    done, planned = work_of(session, t)
    assert done * 2 < planned


def test_a_full_run_does_all_the_work_and_pauses_do_not_count() -> None:
    session = Session(QUICK, now=0.0)
    session.done(1.0)  # the note
    session.tick(1.0)
    session.tick(5.0)  # in the lead-in, then the first hold starts at 4.0
    session.pause(6.0)
    session.resume(100.0)  # 94 s paused: none of it is work
    t = 100.0
    while not session.finished:
        t += 1.0
        session.tick(t)
    assert work_of(session, t) == (120.0, 120)


def test_a_hold_cut_short_counts_its_part_and_a_restart_counts_again() -> None:
    routine = Routine("r", "R", "prevention", (Step(name="Hold", hold=30),), lead_in=0)
    session = Session(routine, now=0.0)
    session.back(12.0)  # more than 3 s in: restarts the hold; 12 s were done
    assert session.hold_seconds_so_far(12.0) == 12.0
    session.next(20.0)  # 8 s more, then skipped
    assert session.finished and session.hold_seconds_so_far(20.0) == 20.0
    assert work_of(session, 20.0) == (20.0, 30)


def test_extra_time_is_capped_at_the_plan_in_the_record() -> None:
    routine = Routine("r", "R", "prevention", (Step(name="Hold", hold=10),), lead_in=0)
    session = Session(routine, now=0.0)
    session.extend(1.0, 15)
    session.tick(30.0)
    assert session.finished and session.hold_seconds_so_far(30.0) == 25.0
    assert work_of(session, 30.0) == (10.0, 10)


# --- the journal keeps the figures -------------------------------------------------------------


def evening(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=PARIS) + timedelta(hours=21)


def add(j: Journal, started: datetime, work: tuple[int, int] | None, status="completed") -> int:
    sid = j.start_session("nightly-quick", "prevention", started=started)
    assert sid is not None
    if work is not None:
        j.update_session(sid, timed_done_s=work[0], timed_planned_s=work[1])
    j.end_session(sid, status, ended=started + timedelta(minutes=4))
    return sid


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    assert j.recording, j.problem
    yield j
    j.close()


def test_recorder_writes_the_work_through_the_writer_thread(tmp_path: Path) -> None:
    journal = Journal.open_in_background(tmp_path / FILE_NAME, now=NOW)
    recorder = SessionRecorder(journal, QUICK)
    recorder.start()
    recorder.step_finished(0, False, "How to stretch", (0.0, 120))
    recorder.step_finished(1, True, None, (3.4, 120))
    recorder.timed_work(5.6, 120)
    recorder.end("completed")
    assert recorder.flush(5.0)
    (record,) = journal.sessions()
    assert (record.timed_done, record.timed_planned) == (6, 120)
    assert record.steps_skipped == ("Calf",) and not record.routine_done
    journal.close()


@pytest.mark.parametrize(
    ("work", "status", "counts"),
    [
        ((60, 120), "completed", True),  # exactly half
        ((59, 120), "completed", False),
        ((2, 120), "completed", False),  # n-skipped through in 39 s
        ((0, 0), "completed", True),  # a routine of counted work and notes only
        (None, "completed", True),  # an old row: counted as before
        ((120, 120), "stopped", False),  # not finished: not counted, as before
    ],
)
def test_the_rule(journal, work, status, counts) -> None:
    add(journal, evening(NOW.date()), work, status)
    (record,) = journal.sessions()
    assert record.routine_done is counts
    assert journal.nightly_streak(NOW.date()) == int(counts)
    assert sum(w.nightly_done for w in journal.weekly_counts(1, NOW)) == int(counts)


def test_streak_skips_a_night_of_n_skipping(journal) -> None:
    today = NOW.date()
    add(journal, evening(today), (120, 120))
    add(journal, evening(today - timedelta(days=1)), (3, 120))  # ends the streak
    add(journal, evening(today - timedelta(days=2)), (120, 120))
    assert journal.nightly_streak(today) == 1
    add(journal, evening(today - timedelta(days=1)), (80, 120))  # done properly later that night
    assert journal.nightly_streak(today) == 3


def test_a_routine_logged_afterwards_counts(journal) -> None:
    entry = RoutineEntry(routine_id="nightly", when=evening(NOW.date()), seconds=600)
    journal.add_routine_entry(entry)
    (record,) = journal.sessions()
    assert record.timed_done is None and record.routine_done
    assert journal.nightly_streak(NOW.date()) == 1


def test_trial_nights_and_the_check_use_the_rule(journal) -> None:
    monday = date(2026, 5, 4)
    for n in range(7):
        add(journal, evening(monday + timedelta(days=n)), (120, 120) if n < 4 else (10, 120))
    records = journal.sessions(limit=50)
    (week,) = tally(records, [monday])
    assert week.routine_nights == 4
    assert [observations._routine_done(r) for r in records].count(True) == 4


# --- an old journal migrates --------------------------------------------------------------------


def old_journal(path: Path, version: int = 3) -> None:
    conn = sqlite3.connect(path)
    for script in migrations.MIGRATIONS[:version]:
        for statement in migrations.statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc, ended_utc)"
        " VALUES ('nightly', 'prevention', 'completed', ?, ?, ?)",
        ("2026-05-12T19:00:00Z",) * 3,
    )
    conn.commit()
    conn.close()


def test_an_old_journal_migrates_and_its_routines_still_count(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    old_journal(path)
    with Journal.open(path, now=NOW) as j:
        assert j.recording, j.problem
        (record,) = j.sessions()
        assert record.timed_done is None and record.routine_done
        assert j.nightly_streak(NOW.date()) == 1
        add(j, evening(NOW.date()), (2, 120))  # tonight's, n-skipped: not counted
        assert j.nightly_streak(NOW.date()) == 1
    conn = sqlite3.connect(path)
    columns = [c[1] for c in conn.execute("PRAGMA table_info(sessions)")]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT started_utc, started_offset_min, id FROM sessions"
        " WHERE started_utc < '9' AND kind = 'prevention' AND status = 'completed'"
        " AND (timed_planned_s IS NULL OR timed_done_s * 2 >= timed_planned_s)"
    ).fetchall()
    conn.close()
    assert version == migrations.SCHEMA_VERSION == 4
    assert {"timed_done_s", "timed_planned_s"} <= set(columns)
    assert "COVERING INDEX sessions_nightly" in str(plan)  # the streak reads the index alone


def test_an_old_journal_that_cannot_migrate_reads_with_the_old_rule(tmp_path, monkeypatch):
    path = tmp_path / FILE_NAME
    old_journal(path, version=2)

    def cannot(conn: sqlite3.Connection) -> int:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store, "migrate", cannot)  # as in a read-only folder
    j = Journal.open(path, now=NOW)
    assert not j.recording
    (record,) = j.sessions()
    assert record.routine_done and record.timed_planned is None
    assert j.nightly_streak(NOW.date()) == 1
    j.close()


# --- `coach remind` reads the same rule without opening the journal's store ------------------


def test_the_reminder_is_not_silenced_by_an_n_skipped_routine() -> None:
    from coach.core.bedside import nudge
    from coach.core.journal.schema import ROUTINE_COUNTS
    from coach.core.journal.store import journal_path
    from coach.core.settings import settings_path

    assert nudge.routine_done.COUNTS_SQL == ROUTINE_COUNTS  # one home: journal/routine_done.py
    evening = datetime(2026, 12, 1, 22, 0).astimezone()
    journal = Journal.open()
    add(journal, evening - timedelta(minutes=30), (3, 120))
    assert nudge.nudge_line(settings_path(), journal_path(), evening) == nudge.NUDGE
    add(journal, evening - timedelta(minutes=10), (100, 120))
    journal.close()
    assert nudge.nudge_line(settings_path(), journal_path(), evening) is None
