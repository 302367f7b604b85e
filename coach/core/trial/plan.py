"""The trial's calendar: alternating blocks of routine weeks and ordinary weeks.

A plan starts on a local date (the first night is that evening) and runs `weeks` weeks of seven
nights; blocks of `block` weeks alternate, the first block being the routine. Everything is by
calendar date, never by elapsed seconds, so a change of daylight saving (a 23- or 25-hour day)
moves nothing, and a week the user never opened the app still passes: the calendar does not wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Stretching's benefit may build over weeks (Hallegraeff 2012 measured it at 6 weeks) and fade
# slowly after stopping, so short blocks dilute it: by default four-week blocks, two of each kind.
LONG_BLOCK = 4
DEFAULT_WEEKS, DEFAULT_BLOCK = 16, LONG_BLOCK
MAX_WEEKS = 52
# A plan's first night, from the day it is made: a past trial can be entered afterwards as far
# back as a cramp can be logged (two years), and one may be planned up to two months ahead;
# anything further is a typo (9999-12-25 made every later report overflow).
EARLIEST_START, LATEST_START = timedelta(days=366 * 2), timedelta(days=62)


@dataclass(frozen=True)
class TrialPlan:
    start: date
    weeks: int = DEFAULT_WEEKS
    block: int = DEFAULT_BLOCK

    def __post_init__(self) -> None:
        if not 2 <= self.weeks <= MAX_WEEKS:
            raise ValueError(f"weeks: expected 2 to {MAX_WEEKS}, got {self.weeks}")
        if not 1 <= self.block <= self.weeks // 2:
            raise ValueError(
                f"block: expected 1 to {self.weeks // 2} weeks (two blocks at least), "
                f"got {self.block}"
            )
        if not date(1900, 1, 1) <= self.start <= date(9000, 1, 1):  # a hand-edited row
            raise ValueError(f"start: not a date a trial can start on: {self.start}")

    @property
    def end(self) -> date:
        """The first date after the plan."""
        return self.start + timedelta(weeks=self.weeks)

    def week_start(self, week: int) -> date:
        """The first night of week `week` (1-based)."""
        return self.start + timedelta(weeks=week - 1)

    def week_of(self, night: date) -> int | None:
        """Which week (1-based) a night falls in; None before the start or after the end."""
        if night < self.start or night >= self.end:
            return None
        return (night - self.start).days // 7 + 1

    def routine_week(self, week: int) -> bool:
        """Planned as a routine week: blocks alternate, the first is the routine."""
        return ((week - 1) // self.block) % 2 == 0

    def weeks_done(self, today: date) -> int:
        """Whole weeks over by `today` (a week is over once its seventh night has passed)."""
        return max(0, min(self.weeks, (today - self.start).days // 7))

    def finished(self, today: date) -> bool:
        return today >= self.end


def block_words(plan: TrialPlan, routine: bool) -> str:
    """ "a routine fortnight", "an ordinary week", "a routine block (3 weeks)"."""
    kind = "routine" if routine else "ordinary"
    article = "a" if routine else "an"
    if plan.block == 1:
        return f"{article} {kind} week"
    if plan.block == 2:
        return f"{article} {kind} fortnight"
    return f"{article} {kind} block ({plan.block} weeks)"


def status_line(plan: TrialPlan, today: date) -> str:
    """Home's line: "Trial week 3 of 8: a routine fortnight", or that it is over."""
    week = plan.week_of(today)
    if week is None:
        if today < plan.start:
            return f"Trial starts {plan.start:%a %d %b}"
        return "Trial finished: the command coach trial shows the result"
    what = block_words(plan, plan.routine_week(week))
    tonight = "do the routine tonight" if plan.routine_week(week) else "no routine this block"
    return f"Trial week {week} of {plan.weeks}: {what} ({tonight})"


def checked_start(start: date, today: date) -> date:
    """The first night of a new plan, or ValueError saying the bounds."""
    if not today - EARLIEST_START <= start <= today + LATEST_START:
        raise ValueError(
            f"start: expected a date from {today - EARLIEST_START} to {today + LATEST_START}, "
            f"got {start}"
        )
    return start
