"""The trial calendar (across a DST change, a missed week) and which weeks were routine weeks."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach.core.journal.schema import SessionRecord
from coach.core.trial.plan import TrialPlan, block_words, status_line
from coach.core.trial.weeks import night_of, observed_weeks, plan_weeks, tally

WINTER, SUMMER = timezone(timedelta(hours=0)), timezone(timedelta(hours=1))  # London


def record(kind: str, moment: datetime, n: int = 1) -> SessionRecord:
    return SessionRecord(n, "x", kind, "completed", moment, moment)


def test_blocks_alternate_routine_first() -> None:
    plan = TrialPlan(date(2026, 3, 16), weeks=8, block=2)
    assert [plan.routine_week(w) for w in range(1, 9)] == [True, True, False, False] * 2
    weekly = TrialPlan(date(2026, 3, 16), weeks=4, block=1)
    assert [weekly.routine_week(w) for w in range(1, 5)] == [True, False, True, False]
    assert plan.end == date(2026, 5, 11)


def test_weeks_are_calendar_weeks_across_the_clock_change() -> None:
    # Clocks go forward in London on Sun 29 Mar 2026: that day has 23 hours; nothing moves.
    plan = TrialPlan(date(2026, 3, 23), weeks=4, block=1)
    assert plan.week_of(date(2026, 3, 29)) == 1
    assert plan.week_of(date(2026, 3, 30)) == 2
    assert plan.week_of(date(2026, 3, 22)) is None and plan.week_of(date(2026, 4, 20)) is None
    assert plan.weeks_done(date(2026, 3, 29)) == 0 and plan.weeks_done(date(2026, 3, 30)) == 1
    # 03:00 summer time on the 30th belongs to the night of the 29th (week 1)...
    late = record("relief", datetime(2026, 3, 30, 3, 0, tzinfo=SUMMER))
    # ...and 23:30 winter time on the 28th to the night of the 28th.
    evening = record("prevention", datetime(2026, 3, 28, 23, 30, tzinfo=WINTER))
    assert night_of(late.started) == date(2026, 3, 29)
    (week1, week2) = plan_weeks([late, evening], plan, date(2026, 4, 6))
    assert (week1.cramps, week1.routine_nights, week2.cramps) == (1, 1, 0)


def test_a_missed_week_still_passes_and_counts_as_ordinary() -> None:
    plan = TrialPlan(date(2026, 10, 5), weeks=4, block=1)
    evenings = [
        record("prevention", datetime(2026, 10, 5 + d, 22, 0, tzinfo=WINTER)) for d in range(5)
    ]
    # Week 3 (a planned routine week) has nothing in the journal at all.
    weeks = plan_weeks(evenings, plan, date(2026, 11, 2))
    assert [w.start for w in weeks] == [date(2026, 10, 5) + timedelta(weeks=n) for n in range(4)]
    assert [w.routine for w in weeks] == [True, False, False, False]
    assert [w.planned_routine for w in weeks] == [True, False, True, False]
    assert weeks[2].cramps == 0


def test_most_nights_means_four_of_seven_and_one_night_counts_once() -> None:
    start = date(2026, 10, 5)
    three = [record("prevention", datetime(2026, 10, 5 + d, 22, tzinfo=WINTER)) for d in range(3)]
    twice = [record("prevention", datetime(2026, 10, 8, 21, tzinfo=WINTER))] * 2
    assert not tally(three, [start])[0].routine
    assert tally(three + twice, [start])[0].routine_nights == 4
    stopped = SessionRecord(
        9, "x", "prevention", "stopped", datetime(2026, 10, 9, 22, tzinfo=WINTER), None
    )
    assert tally(three + [stopped], [start])[0].routine_nights == 3


def test_observed_weeks_are_whole_monday_weeks_since_the_first_record() -> None:
    first = record("relief", datetime(2026, 10, 8, 3, 0, tzinfo=WINTER))  # a Thursday
    weeks = observed_weeks([first], date(2026, 10, 28))
    assert [w.start for w in weeks] == [date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19)]
    assert [w.cramps for w in weeks] == [1, 0, 0]


def test_the_line_on_home() -> None:
    plan = TrialPlan(date(2026, 11, 2), weeks=8, block=2)
    assert status_line(plan, date(2026, 11, 4)).startswith("Trial week 1 of 8: a routine fortnight")
    assert status_line(plan, date(2026, 11, 16)).startswith(
        "Trial week 3 of 8: an ordinary fortnight"
    )
    assert status_line(plan, date(2026, 12, 28)).startswith("Trial finished")
    assert block_words(TrialPlan(date(2026, 1, 1), 6, 3), True) == "a routine block (3 weeks)"


@pytest.mark.parametrize(("weeks", "block"), [(1, 1), (53, 2), (8, 0), (8, 5)])
def test_impossible_plans_are_refused(weeks, block) -> None:
    with pytest.raises(ValueError):
        TrialPlan(date(2026, 1, 1), weeks, block)


def test_the_command_s_defaults_are_the_plan_s_long_blocks() -> None:
    """Four-week blocks by default: an effect that builds over weeks is not diluted away."""
    import argparse

    from coach.commands import trial
    from coach.core.trial.plan import DEFAULT_BLOCK, DEFAULT_WEEKS, LONG_BLOCK

    parser = argparse.ArgumentParser()
    trial.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["trial", "start"])
    assert (args.weeks, args.block) == (DEFAULT_WEEKS, DEFAULT_BLOCK) == (16, LONG_BLOCK)


def test_a_new_plan_starts_within_sensible_bounds() -> None:
    from coach.core.trial.plan import checked_start

    today = date(2026, 12, 7)
    assert checked_start(date(2026, 10, 12), today) == date(2026, 10, 12)  # entered afterwards
    for far in (date(9999, 12, 25), date(1, 1, 1), date(2027, 3, 1), date(2024, 1, 1)):
        with pytest.raises(
            ValueError, match="start: expected a date from 2024-12-05 to 2027-02-07"
        ):
            checked_start(far, today)
