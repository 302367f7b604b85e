"""Observed facts for the warning-sign check, from a real journal file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.guidance.observations import (
    COMPARE_MIN_CRAMPS,
    FREQUENT_MIN_CRAMPS,
    HISTORY_ROWS,
    NIGHT_MIN_NIGHTS,
    ROUTINE_MIN_DAYS_DONE,
    observed_facts,
)
from coach.core.journal.store import FILE_NAME, Journal

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 5, 13, 20, 0, tzinfo=TZ)
TODAY = NOW.date()


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    yield j
    j.close()


def at(day: date, hour: int, minute: int = 0, tz: timezone = TZ) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def cramp(j: Journal, started: datetime) -> None:
    sid = j.start_session("relief-calf", "relief", started=started)
    j.end_session(sid, "completed", ended=started + timedelta(minutes=4))


def routine(j: Journal, day: date, status: str = "completed") -> None:
    sid = j.start_session("nightly", "prevention", started=at(day, 21, 30))
    j.end_session(sid, status, ended=at(day, 21, 40))


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_an_empty_or_unreadable_journal_observes_nothing(journal, tmp_path) -> None:
    assert observed_facts(journal, NOW) == {}
    (tmp_path / "file").write_text("")
    assert observed_facts(Journal.open(tmp_path / "file" / FILE_NAME), NOW) == {}


# --- D6: several times a week ----------------------------------------------------------------


def test_d6_needs_three_cramps_in_the_last_seven_days(journal) -> None:
    assert FREQUENT_MIN_CRAMPS == 3
    cramp(journal, at(days_ago(8), 15))  # too old
    routine(journal, days_ago(1))  # not a cramp
    cramp(journal, at(days_ago(6), 15))
    cramp(journal, at(days_ago(2), 15))
    assert "D6" not in observed_facts(journal, NOW)
    cramp(journal, at(TODAY, 9))
    assert observed_facts(journal, NOW)["D6"] == "Your journal shows 3 cramps in the last 7 days."


def test_cramps_after_now_are_not_counted(journal) -> None:
    for hours in (1, 2, 3):
        cramp(journal, NOW + timedelta(hours=hours))
    assert observed_facts(journal, NOW) == {}


# --- D5: at night ----------------------------------------------------------------------------


def test_d5_counts_different_nights_between_22_and_6_local(journal) -> None:
    assert NIGHT_MIN_NIGHTS == 4  # "most nights": more than half of seven
    cramp(journal, at(days_ago(2), 23, 10))
    cramp(journal, at(days_ago(1), 2, 30))  # after midnight: the same night as 23:10 before
    cramp(journal, at(days_ago(4), 14, 0))  # daytime
    cramp(journal, at(days_ago(5), 5, 59))
    # 21:30 UTC is 22:30 for someone at +01:00: the session's own offset decides.
    cramp(journal, at(days_ago(3), 21, 30, tz=UTC).astimezone(TZ))
    assert "D5" not in observed_facts(journal, NOW)  # three nights of seven is not most nights
    cramp(journal, at(days_ago(7), 23, 30))  # a fourth night, still inside the week
    assert observed_facts(journal, NOW)["D5"] == (
        "Your journal shows cramps at night (between 22:00 and 06:00) on 4 different nights "
        "in the last 7 days."
    )


def test_d5_ignores_nights_older_than_a_week(journal) -> None:
    for n in (8, 9, 10, 1):
        cramp(journal, at(days_ago(n), 3))
    assert "D5" not in observed_facts(journal, NOW)


# --- D7: not better after weeks of the routine -----------------------------------------------


def nightly_for(j: Journal, first: int, last: int = 1, skip: int = 0) -> None:
    """The routine done every evening from `first` days ago to `last` days ago (by default up to
    yesterday: tonight's is still to come at NOW), skipping every `skip`-th evening."""
    for n in range(first, last - 1, -1):
        if skip and n % skip == 0:
            continue
        routine(j, days_ago(n))


def test_d7_cramps_no_fewer_than_before_the_routine(journal) -> None:
    for n in (40, 45):  # the 14 days before the routine began 35 days ago
        cramp(journal, at(days_ago(n), 3))
    nightly_for(journal, 35)
    for n in (2, 6, 9, 11):  # the last 14 days
        cramp(journal, at(days_ago(n), 15))
    assert observed_facts(journal, NOW)["D7"] == (
        "You have done the nightly routine on 35 of the last 42 days, and your journal shows "
        "4 cramps in the last 14 days, more than the 2 in the 14 days before you started it."
    )


@pytest.mark.parametrize(("recent", "fact"), [(1, False), (3, False), (4, True)])
def test_d7_needs_several_cramps_before_it_says_no_better(journal, recent, fact) -> None:
    """1 cramp against 0 before is chance, not a reason to book an appointment."""
    assert COMPARE_MIN_CRAMPS == 4
    routine(journal, days_ago(80), status="stopped")  # the app was in use: a known 0 before
    nightly_for(journal, 35)
    for n in range(1, recent + 1):
        cramp(journal, at(days_ago(n), 15))
    assert ("D7" in observed_facts(journal, NOW)) is fact


def test_d7_silent_when_the_routine_helps(journal) -> None:
    for n in (37, 40, 42, 45, 48):
        cramp(journal, at(days_ago(n), 3))
    nightly_for(journal, 35)
    cramp(journal, at(days_ago(20), 15))
    cramp(journal, at(days_ago(5), 15))
    assert "D7" not in observed_facts(journal, NOW)


def test_d7_increasing_when_nothing_is_known_from_before(journal) -> None:
    nightly_for(journal, 30)  # the journal begins with the routine: no baseline
    cramp(journal, at(days_ago(20), 15))
    for n in (1, 3, 5, 7):
        cramp(journal, at(days_ago(n), 15))
    assert observed_facts(journal, NOW)["D7"] == (
        "You have done the nightly routine on 30 of the last 42 days, and your journal shows "
        "4 cramps in the last 14 days, up from 1 in the 14 days before that."
    )


def test_d7_no_baseline_and_steady_is_not_a_fact(journal) -> None:
    nightly_for(journal, 30)
    cramp(journal, at(days_ago(20), 15))
    cramp(journal, at(days_ago(5), 15))
    assert "D7" not in observed_facts(journal, NOW)


def test_d7_a_quiet_baseline_counts_when_the_journal_was_in_use(journal) -> None:
    routine(journal, days_ago(80), status="stopped")  # the app was in use before
    nightly_for(journal, 30)
    for n in (3, 5, 7, 9):
        cramp(journal, at(days_ago(n), 15))
    assert "the same as" not in observed_facts(journal, NOW)["D7"]
    assert "more than the 0" in observed_facts(journal, NOW)["D7"]


@pytest.mark.parametrize(
    "build",
    [
        lambda j: nightly_for(j, 20),  # only three weeks of routine
        lambda j: nightly_for(j, 35, skip=2),  # done on every other day: 18 of 42
        lambda j: nightly_for(j, 45, last=10),  # stopped ten days ago
    ],
)
def test_d7_needs_weeks_of_regular_routine(journal, build) -> None:
    for n in (40, 41, 50):
        cramp(journal, at(days_ago(n), 3))
    build(journal)
    for n in (1, 2, 3, 4):
        cramp(journal, at(days_ago(n), 15))
    facts = observed_facts(journal, NOW)
    assert "D7" not in facts and "D6" in facts


@pytest.mark.parametrize(("evenings", "fact"), [(19, False), (20, True)])
def test_d7_threshold_is_twenty_days(journal, evenings, fact) -> None:
    assert ROUTINE_MIN_DAYS_DONE == 20
    cramp(journal, at(days_ago(40), 3))
    # Began 30 days ago; every other evening since, then the odd ones, never a week's gap.
    order = [*range(30, 0, -2), *range(1, 30, 2)]
    for n in order[:evenings]:
        routine(journal, days_ago(n))
    for n in (3, 5, 7, 9):
        cramp(journal, at(days_ago(n), 15))
    assert ("D7" in observed_facts(journal, NOW)) is fact
    if fact:
        assert "on 20 of the last 42 days" in observed_facts(journal, NOW)["D7"]


def test_tonights_routine_after_now_is_not_counted_yet(journal) -> None:
    nightly_for(journal, 30, last=0)  # tonight's at 21:30, after NOW
    cramp(journal, at(days_ago(20), 15))
    for n in (1, 3, 5, 7):
        cramp(journal, at(days_ago(n), 15))
    assert "on 30 of the last 42 days" in observed_facts(journal, NOW)["D7"]


def test_d7_a_new_run_after_a_break_starts_the_count_again(journal) -> None:
    for n in (70, 72):
        cramp(journal, at(days_ago(n), 3))
    nightly_for(journal, 60, last=40)  # an old run
    nightly_for(journal, 25)  # a fortnight's break, then only 25 days: too soon to judge
    for n in (1, 2, 3):
        cramp(journal, at(days_ago(n), 15))
    assert "D7" not in observed_facts(journal, NOW)


def test_a_journal_of_copies_is_read_only_up_to_the_newest_rows(journal) -> None:
    """A million sessions copied from one (how a big journal is built for a benchmark) must not
    make the check read a million rows: it reads at most HISTORY_ROWS of the window."""
    cramp(journal, at(days_ago(1), 23, 15))
    conn = sqlite3.connect(journal.path, isolation_level=None)
    for _ in range(12):  # 4,096 copies of the one cramp, at the same moment (none ended)
        conn.execute(
            "INSERT INTO sessions (routine_id, kind, status, started_utc, started_offset_min,"
            " updated_utc) SELECT routine_id, kind, status, started_utc, started_offset_min,"
            " updated_utc FROM sessions"
        )
    conn.close()
    rows_read: list[int] = []
    read = journal._read

    def counting_read(sql, params=()):  # type: ignore[no-untyped-def]
        rows = read(sql, params)
        rows_read.append(len(rows))
        return rows

    journal._read = counting_read  # type: ignore[method-assign]
    facts = observed_facts(journal, NOW)
    shown = HISTORY_ROWS  # each copy is a cramp of its own (none ended), cut at the newest rows
    assert facts["D6"] == f"Your journal shows {shown} cramps in the last 7 days."
    assert "D5" not in facts  # one night, however many cramps in it
    assert sum(rows_read) <= HISTORY_ROWS + 10
