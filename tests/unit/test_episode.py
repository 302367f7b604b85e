"""Which earlier relief sessions are the same cramp (coach/core/session/episode.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.journal.schema import SessionRecord
from coach.core.session.episode import (
    SAME_CRAMP_GAP_SECONDS,
    carry_earlier_cramp,
    cramp_began,
    same_cramp_notice,
)

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


def record(
    id_: int,
    started_min_ago: float,
    ended_min_ago: float | None,
    *,
    kind: str = "relief",
    released: float | None = None,
) -> SessionRecord:
    ended = None if ended_min_ago is None else NOW - timedelta(minutes=ended_min_ago)
    return SessionRecord(
        id=id_,
        routine_id="cramp-now" if kind == "relief" else "nightly",
        kind=kind,
        status="stopped" if ended is not None else "running",
        started=NOW - timedelta(minutes=started_min_ago),
        ended=ended,
        release_seconds=released,
    )


def test_no_earlier_session_is_a_new_cramp() -> None:
    assert cramp_began([], NOW) is None
    assert cramp_began([record(9, 0, None)], NOW, this_session=9) is None  # only this one


def test_a_session_quit_minutes_ago_before_it_let_go_is_the_same_cramp() -> None:
    earlier = record(1, started_min_ago=7, ended_min_ago=2)
    assert cramp_began([record(2, 0, None), earlier], NOW, this_session=2) == earlier.started


def test_a_chain_of_restarts_counts_from_the_first() -> None:
    first = record(1, started_min_ago=12, ended_min_ago=9)
    second = record(2, started_min_ago=6, ended_min_ago=3)
    assert cramp_began([second, first], NOW) == first.started


def test_a_cramp_that_let_go_ends_the_chain() -> None:
    first = record(1, started_min_ago=12, ended_min_ago=9)
    second = record(2, started_min_ago=6, ended_min_ago=3, released=90.0)
    assert cramp_began([second, first], NOW) is None
    third = record(3, started_min_ago=2, ended_min_ago=1)
    assert cramp_began([third, second, first], NOW) == third.started


def test_a_gap_longer_than_the_window_is_a_new_cramp() -> None:
    just_in = SAME_CRAMP_GAP_SECONDS / 60
    assert cramp_began([record(1, just_in + 3, just_in)], NOW) is not None
    assert cramp_began([record(1, just_in + 3, just_in + 0.1)], NOW) is None


def test_prevention_routines_are_skipped_and_a_running_session_stops_the_search() -> None:
    nightly = record(2, started_min_ago=4, ended_min_ago=3, kind="prevention")
    relief = record(1, started_min_ago=6, ended_min_ago=4)
    assert cramp_began([nightly, relief], NOW) == relief.started
    running_elsewhere = record(3, started_min_ago=1, ended_min_ago=None)
    assert cramp_began([running_elsewhere, relief], NOW) is None


def test_times_that_run_backwards_are_not_guessed_at() -> None:
    ended_in_the_future = record(1, started_min_ago=3, ended_min_ago=-2)
    assert cramp_began([ended_in_the_future], NOW) is None
    ends_before_it_starts = record(1, started_min_ago=1, ended_min_ago=2)
    assert cramp_began([ends_before_it_starts], NOW) is None


class FakeJournal:
    def __init__(self, records: list[SessionRecord]) -> None:
        self.records = records

    def sessions(self, limit: int = 50, offset: int = 0) -> list[SessionRecord]:
        return self.records[offset : offset + limit]


def test_carry_earlier_cramp_gives_the_session_the_time_before_it() -> None:
    from coach.core.routines.routine import Routine, Step
    from coach.core.session.clock import FakeClock
    from coach.core.session.machine import Session

    clock = FakeClock(100.0)
    routine = Routine(id="r", name="R", kind="relief", steps=(Step("S", hold=30),))
    session = Session(routine, clock())
    clock.advance(20)  # this session began 20 s ago, with the wall clock at NOW - 20 s
    journal = FakeJournal([record(2, 0, None), record(1, started_min_ago=6, ended_min_ago=1)])
    carried = carry_earlier_cramp(session, journal, 2, clock(), wall_now=NOW)
    assert carried == 6 * 60 - 20 and session.carried_seconds == carried
    assert session.elapsed(clock()) == 6 * 60
    assert carry_earlier_cramp(session, FakeJournal([]), 2, clock(), wall_now=NOW) == 0.0
    assert carry_earlier_cramp(session, journal, None, clock(), wall_now=NOW) == 0.0


def test_the_notice_says_when_the_cramp_began() -> None:
    assert "it began 9 min ago" in same_cramp_notice(9 * 60 - 5)
    assert "it began under a minute ago" in same_cramp_notice(20)
