"""`coach log`: what the user typed, the rows it writes, and a version-1 journal migrated."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.journal import migrations
from coach.core.journal.entries import EntryRecorder, save_entry
from coach.core.journal.log_entry import (
    CrampEntry,
    LogEntryError,
    RoutineEntry,
    cramp_entry,
    describe,
    parse_pain,
    parse_when,
)
from coach.core.journal.store import FILE_NAME, Journal

ZONE = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 4, 9, 30, tzinfo=ZONE)  # a Wednesday morning


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        (None, NOW),
        ("40 min ago", NOW - timedelta(minutes=40)),
        ("2h ago", NOW - timedelta(hours=2)),
        ("last night 3am", datetime(2026, 11, 4, 3, 0, tzinfo=ZONE)),
        ("last night 11pm", datetime(2026, 11, 3, 23, 0, tzinfo=ZONE)),
        ("last night 3:15 am", datetime(2026, 11, 4, 3, 15, tzinfo=ZONE)),
        ("yesterday 22:30", datetime(2026, 11, 3, 22, 30, tzinfo=ZONE)),
        ("this morning 6am", datetime(2026, 11, 4, 6, 0, tzinfo=ZONE)),
        ("10:00", datetime(2026, 11, 3, 10, 0, tzinfo=ZONE)),  # not yet today: yesterday's
        ("2026-11-03T03:10", datetime(2026, 11, 3, 3, 10, tzinfo=ZONE)),
        ("2026-11-03 03:10", datetime(2026, 11, 3, 3, 10, tzinfo=ZONE)),
        ("2026-11-03T03:10+00:00", datetime(2026, 11, 3, 3, 10, tzinfo=UTC)),
    ],
)
def test_when_reads_the_ways_people_say_it(text, expected) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    "text", ["tomorrow", "2026-11-05T03:00", "25:00", "13pm", "1999-01-01T00:00", "soon"]
)
def test_when_refuses_the_future_nonsense_and_the_long_ago(text) -> None:
    with pytest.raises(LogEntryError) as error:
        parse_when(text, NOW)
    assert "\n" not in str(error.value) and str(error.value).startswith("when:")


@pytest.mark.parametrize(
    ("field", "value"),
    [("leg", "middle"), ("site", "knee"), ("minutes", "0"), ("minutes", "lots"),
     ("pain", "11"), ("pain", "-1"), ("pain", "5.5"), ("note", "x" * 501)],
)  # fmt: skip
def test_each_bad_value_is_one_line_naming_its_field(field, value) -> None:
    with pytest.raises(LogEntryError) as error:
        cramp_entry(now=NOW, **{field: value})
    assert str(error.value).startswith(f"{field}:") and "\n" not in str(error.value)


def test_a_full_entry_and_its_description() -> None:
    entry = cramp_entry(
        when="2026-11-03T03:10", leg="L", site="arch", minutes="2,5", pain="6",
        note="after a\nlong walk", now=NOW,
    )  # fmt: skip
    assert entry == CrampEntry(
        datetime(2026, 11, 3, 3, 10, tzinfo=ZONE), "l", "sole", 2.5, 6, "after a long walk"
    )
    assert describe(entry) == (
        "a cramp on Tue 03 Nov at 03:10: left leg, sole/arch, about 2.5 min, pain 6/10"
    )


def test_entries_are_finished_rows_marked_entered_afterwards(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        cramp = cramp_entry(when="last night 3am", leg="right", minutes=3, pain=6, now=NOW)
        routine = RoutineEntry("nightly", NOW - timedelta(hours=11), seconds=600)
        cramp_id = save_entry(journal, cramp)
        routine_id = save_entry(journal, routine)
        got = journal.session(cramp_id)
        assert got.kind == "relief" and got.status == "completed" and got.entered_afterwards
        assert (got.leg, got.pain, got.release_seconds) == ("r", 6, 180.0)
        assert got.ended - got.started == timedelta(minutes=3)
        done = journal.session(routine_id)
        assert done.kind == "prevention" and done.status == "completed"
        assert done.entered_afterwards and done.duration_seconds == 600
        assert [w.cramps for w in journal.weekly_counts(1, NOW)] == [1]
        assert journal.nightly_streak(NOW.date()) == 1


def test_the_check_answers_land_on_the_logged_row(tmp_path: Path) -> None:
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        recorder = EntryRecorder(journal, cramp_entry(when="1h ago", now=NOW))
        recorder.leg("left")
        recorder.warnings({"E1": False, "D6": True}, "days")
        session_id = recorder.session_id
        row = journal.session(session_id)
        assert row.leg == "l" and row.warning_tier == "days"
        assert row.warning_answers == {"E1": False, "D6": True}


def test_a_version_1_journal_migrates_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    conn = sqlite3.connect(path)
    for statement in migrations.statements(migrations.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc, leg)"
        " VALUES ('cramp-now', 'relief', 'completed', '2026-11-01T03:00:00Z',"
        " '2026-11-01T03:05:00Z', 'l')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    # Read-only (the export) an older file reads as it is (issue 22: in a folder that cannot be
    # written it would never be updated), the newer columns empty; nothing is changed.
    before = path.read_bytes()
    read = Journal.open_read_only(path)
    assert read.readable and [(r.leg, r.pain) for r in read.iter_sessions()] == [("l", None)]
    read.close()
    assert path.read_bytes() == before
    with Journal.open(path, now=NOW) as journal:
        assert journal.recording, journal.problem
        old = journal.sessions()[0]
        assert (old.routine_id, old.leg, old.pain, old.entered_afterwards) == (
            "cramp-now", "l", None, False,
        )  # fmt: skip
        save_entry(journal, cramp_entry(pain=4, now=NOW))
    read = Journal.open_read_only(path)
    assert read.readable and [r.pain for r in read.iter_sessions()] == [None, 4]
    read.close()


def test_a_journal_left_at_version_1_still_reads(tmp_path: Path, monkeypatch) -> None:
    """A file whose migration cannot run (a read-only folder) still shows its history."""
    path = tmp_path / FILE_NAME
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    with Journal.open(path, now=NOW) as journal:
        save_entry(journal, RoutineEntry("nightly", NOW))  # no such columns: not written
    monkeypatch.undo()
    journal = Journal(path)
    journal._opened.set()
    journal._conn = sqlite3.connect(path, check_same_thread=False)
    journal._conn.execute(
        "INSERT INTO sessions (routine_id, kind, started_utc, updated_utc)"
        " VALUES ('cramp-now', 'relief', '2026-11-01T03:00:00Z', '2026-11-01T03:00:00Z')"
    )
    assert [r.routine_id for r in journal.sessions()] == ["cramp-now"]
    journal.close()


def test_logged_cramps_count_in_the_checks_frequency_facts(tmp_path: Path) -> None:
    from coach.core.guidance.observations import observed_facts

    with Journal.open(tmp_path / FILE_NAME, now=NOW) as journal:
        for days in (1, 2, 4):
            save_entry(journal, cramp_entry(when=f"{days * 24}h ago", now=NOW))
        facts = observed_facts(journal, NOW)
    assert facts["D6"] == "Your journal shows 3 cramps in the last 7 days."


# Odd but plausible values (issue 22): one line each, never a traceback.
@pytest.mark.parametrize("pain", ["²", "①", "٣", "11", "-1", "5.5"])
def test_pain_takes_only_ascii_whole_numbers(pain: str) -> None:
    with pytest.raises(LogEntryError, match="pain: expected a whole number from 0 to 10"):
        parse_pain(pain)


@pytest.mark.parametrize(
    ("when", "says"),
    [("0001-01-01", "more than two years ago"), ("9999-12-31T23:59", "in the future")],
)
def test_a_date_far_out_is_a_clear_error(when: str, says: str) -> None:
    with pytest.raises(LogEntryError, match=says):
        parse_when(when, NOW_FOR_ODD)


def test_tonight_is_the_night_we_are_in() -> None:
    evening = datetime(2026, 12, 7, 23, 30, tzinfo=UTC)
    assert parse_when("tonight 11pm", evening) == datetime(2026, 12, 7, 23, 0, tzinfo=UTC)
    small_hours = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)
    assert parse_when("tonight 11pm", small_hours).date().isoformat() == "2026-12-07"
    assert parse_when("tonight 2am", small_hours) == datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
    with pytest.raises(LogEntryError, match="in the future"):  # it was yesterday's 11pm before
        parse_when("tonight 11pm", datetime(2026, 12, 7, 22, 0, tzinfo=UTC))


def test_a_cramp_cannot_end_in_the_future() -> None:
    with pytest.raises(LogEntryError, match="would not be over yet"):
        cramp_entry(when="2h ago", minutes="1440", now=NOW_FOR_ODD)
    assert cramp_entry(when="2h ago", minutes="30", now=NOW_FOR_ODD).minutes == 30


NOW_FOR_ODD = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_a_time_the_clocks_skipped_is_refused_not_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    import time as time_module

    monkeypatch.setenv("TZ", "Europe/London")
    time_module.tzset()
    try:
        now = datetime(2026, 3, 29, 12, 0).astimezone()  # the clocks went 01:00 -> 02:00 today
        with pytest.raises(LogEntryError, match="did not happen here"):
            parse_when("2026-03-29 01:30", now)
        assert parse_when("2026-03-29 02:30", now).hour == 2
    finally:
        monkeypatch.undo()
        time_module.tzset()
