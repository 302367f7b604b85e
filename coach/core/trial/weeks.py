"""Which weeks were routine weeks, and how many cramps each had, from the journal's sessions.

A week is seven nights. A night runs from noon to noon, so a cramp at 03:00 belongs to the night
before, with that evening's routine (as the warning-sign check counts nights). A week counts as a
routine week when a prevention routine was done on most of its nights: at least 4 of 7 (done:
completed with at least half its hold seconds, SessionRecord.routine_done; an old row or a
`coach log --routine` entry without the figure counts when completed, as before).
What was planned does not decide it; what was done does (the plan is shown beside it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.core.journal.episodes import cramps_by
from coach.core.journal.schema import SessionRecord
from coach.core.trial.plan import TrialPlan

MOST_NIGHTS = 4  # of 7
NIGHT_TURNS_AT = timedelta(hours=12)


@dataclass(frozen=True)
class WeekTally:
    start: date  # the week's first night
    cramps: int
    routine_nights: int
    planned_routine: bool | None = None  # None without a plan

    @property
    def routine(self) -> bool:
        return self.routine_nights >= MOST_NIGHTS


def night_of(moment: datetime) -> date:
    """The night a moment belongs to, by its local date: 01:30 on the 10th is the 9th's night."""
    return (moment - NIGHT_TURNS_AT).date()


def tally(records: Iterable[SessionRecord], starts: list[date]) -> list[WeekTally]:
    """Cramps (episodes, as history and the exports count them: journal/episodes.py) and nights
    with a routine done, for weeks beginning on each of `starts` (seven nights each); `records`
    oldest first."""
    records = list(records)
    nights: dict[date, set[date]] = {start: set() for start in starts}
    first = {start + timedelta(days=n): start for start in starts for n in range(7)}
    cramps = cramps_by(records, lambda episode: first.get(night_of(episode.started)))
    for record in records:
        week = first.get(night_of(record.started))
        if week is not None and record.routine_done:
            nights[week].add(night_of(record.started))
    return [WeekTally(start, cramps[start], len(nights[start])) for start in starts]


def plan_weeks(records: Iterable[SessionRecord], plan: TrialPlan, today: date) -> list[WeekTally]:
    """The plan's weeks that are over by `today`, each with what was planned."""
    starts = [plan.week_start(n) for n in range(1, plan.weeks_done(today) + 1)]
    return [
        WeekTally(w.start, w.cramps, w.routine_nights, plan.routine_week(n))
        for n, w in enumerate(tally(records, starts), start=1)
    ]


def observed_weeks(records: list[SessionRecord], today: date, most: int = 26) -> list[WeekTally]:
    """Without a plan: Monday-to-Sunday weeks that are over, from the first week the journal has
    anything in, at most the last `most` of them."""
    if not records:
        return []
    this_monday = today - timedelta(days=today.weekday())
    first_night = min(night_of(r.started) for r in records)
    first_monday = first_night - timedelta(days=first_night.weekday())
    count = min(most, max(0, (this_monday - first_monday).days // 7))
    starts = [this_monday - timedelta(weeks=n) for n in range(count, 0, -1)]
    return tally(records, starts)
