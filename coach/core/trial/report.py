"""The trial's report in words that never claim more than the data.

    report = build_report(journal, today)      # with the standing plan, or observational
    report.lines()                             # what `coach trial`, history and the export show

Verdicts: too early (a plan not finished, or fewer than MIN_EACH weeks of either kind);
"Clearly fewer/more" only when the 95% interval of the rate ratio (stats.py, widened for cramps
that cluster) excludes 1; otherwise "fewer/more, but the difference could be chance", said
together with what that does not mean. LIMITS say plainly what a one-person trial cannot do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from coach.core.trial.plan import LONG_BLOCK, TrialPlan, block_words, status_line
from coach.core.trial.stats import RateRatio, dispersion, rate_ratio
from coach.core.trial.weeks import MOST_NIGHTS, WeekTally, observed_weeks, plan_weeks

if TYPE_CHECKING:
    from coach.core.journal.store import Journal

MIN_EACH = 2  # weeks of each kind before any comparison
OBSERVED_WEEKS = 26
NOT_ADVICE = (
    "Your own record, not medical advice. If a clinician told you to stretch, keep stretching: "
    "do not pause it for a trial."
)
MEDICINES = (
    "Keep your medicines as they are during a trial: a change would blur the comparison. "
    "Any change is for your prescriber to decide, trial or not."
)
PLAN_NOTE = (
    "Skipping the routine in the ordinary blocks is the point: that is what makes the "
    "comparison fair. If a clinician has told you to stretch, do not pause it; this trial is "
    "not for you. " + MEDICINES
)
# What a trial of one person cannot do, said with every report (the clinician reading).
CHANCE = (
    '"Could be chance" does not mean "does not work": a trial this small can miss a real '
    "but modest effect."
)
LIMITS = (
    "Cramps come in clusters (a bad week often follows a bad week), so the interval allows "
    "for weeks that vary more than chance alone would.",
    "Stretching may take weeks to help (the trial that found a benefit measured it after 6 "
    "weeks) and may linger after you stop: short blocks can hide a real effect.",
    "Nothing here is blinded: you know which weeks are routine weeks, and expecting a change "
    "can change what you notice and log.",
)


@dataclass(frozen=True)
class TrialReport:
    weeks: tuple[WeekTally, ...]
    plan: TrialPlan | None
    today: date

    @property
    def routine_weeks(self) -> list[WeekTally]:
        return [w for w in self.weeks if w.routine]

    @property
    def ordinary_weeks(self) -> list[WeekTally]:
        return [w for w in self.weeks if not w.routine]

    @property
    def too_early(self) -> bool:
        if self.plan is not None and not self.plan.finished(self.today):
            return True
        return len(self.routine_weeks) < MIN_EACH or len(self.ordinary_weeks) < MIN_EACH

    @property
    def ratio(self) -> RateRatio | None:
        routine, ordinary = self.routine_weeks, self.ordinary_weeks
        if not routine or not ordinary:
            return None
        a, b = sum(w.cramps for w in routine), sum(w.cramps for w in ordinary)
        spread = dispersion([w.cramps for w in routine], [w.cramps for w in ordinary])
        return rate_ratio(a, len(routine), b, len(ordinary), spread)

    def verdict(self) -> str:
        if self.too_early:
            if self.plan is not None and not self.plan.finished(self.today):
                done = self.plan.weeks_done(self.today)
                return f"Too early to tell ({done} of {self.plan.weeks} weeks)."
            return (
                f"Too early to tell ({len(self.weeks)} week{'s' if len(self.weeks) != 1 else ''}"
                f" so far; it takes at least {MIN_EACH} routine and {MIN_EACH} ordinary weeks)."
            )
        ratio = self.ratio
        assert ratio is not None
        if sum(w.cramps for w in self.weeks) == 0:
            return "No cramps in either kind of week: nothing to compare."
        if ratio.clearly_lower:
            return "Clearly fewer cramps in routine weeks: unlikely to be chance alone."
        if ratio.clearly_higher:
            return "Clearly more cramps in routine weeks: unlikely to be chance alone."
        if ratio.ratio < 1:
            return f"Fewer cramps in routine weeks, but the difference could be chance. {CHANCE}"
        if ratio.ratio > 1:
            return f"More cramps in routine weeks, but the difference could be chance. {CHANCE}"
        return "The same number of cramps a week in both kinds of week."

    def lines(self) -> list[str]:
        out = [self._heading()]
        if self.plan is None:
            out.append(
                "Observational: weeks as they happened, not a planned trial; other things may "
                "have changed too. `coach trial start` plans a fair comparison."
            )
        for label, weeks in (("Routine weeks", self.routine_weeks),
                             ("Ordinary weeks", self.ordinary_weeks)):  # fmt: skip
            cramps = sum(w.cramps for w in weeks)
            rate = f"about {cramps / len(weeks):.1f} a week" if weeks else "-"
            out.append(f"{label + ':':<16}{_n(len(weeks), 'week')}, {_n(cramps, 'cramp')}, {rate}")
        ratio = self.ratio
        if ratio is not None:
            out.append(
                f"Ratio (routine / ordinary): {ratio.ratio:.2f}, "
                f"95% interval {ratio.low:.2f} to {ratio.high:.2f}"
                + (" (0.5 added to both counts, as one is 0)" if ratio.corrected else "")
            )
        out.append(self.verdict())
        out += self._off_plan()
        out.append(
            f"A routine week is one with the routine done on at least {MOST_NIGHTS} of its 7 "
            "nights."
        )
        if not self.too_early:  # what a comparison cannot say, once there is one to read
            out += LIMITS
        if self.plan is not None and self.plan.block < LONG_BLOCK:
            out.append(
                f"Your blocks are {_n(self.plan.block, 'week')} long; blocks of "
                f"{LONG_BLOCK} weeks or more give the routine time to work."
            )
        if self.plan is not None:
            out.append(MEDICINES)
        out.append(NOT_ADVICE)
        return out

    def _heading(self) -> str:
        if self.plan is None:
            whole = _n(len(self.weeks), "whole week")
            return f"Routine weeks and ordinary weeks as they happened ({whole})"
        plan = self.plan
        blocks = block_words(plan, True).split(" ", 1)[1]
        return (
            f"Your own trial: {plan.weeks_done(self.today)} of {plan.weeks} weeks done, from "
            f"{plan.start:%a %d %b %Y} ({blocks}s and ordinary ones in turn)"
        )

    def _off_plan(self) -> list[str]:
        lines = []
        for n, week in enumerate(self.weeks, start=1):
            if week.planned_routine is None or week.planned_routine == week.routine:
                continue
            planned = "routine" if week.planned_routine else "ordinary"
            counted = "routine" if week.routine else "ordinary"
            lines.append(
                f"Week {n} was planned as {planned}, the routine was done on "
                f"{week.routine_nights} nights: counted as {counted}."
            )
        return lines


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def current_plan(journal: Journal) -> TrialPlan | None:
    stored = journal.trial_plan()
    if stored is None:
        return None
    try:
        return TrialPlan(*stored)
    except ValueError:
        return None  # a hand-edited row


def build_report(journal: Journal, today: date | None = None) -> TrialReport:
    today = today or datetime.now().astimezone().date()
    plan = current_plan(journal)
    first = plan.start if plan is not None else today - timedelta(weeks=OBSERVED_WEEKS + 1)
    since = datetime.combine(first - timedelta(days=1), time(0)).astimezone()
    until = datetime.combine(today + timedelta(days=2), time(0)).astimezone()
    records = journal.sessions_between(since, until)
    if plan is not None:
        weeks = plan_weeks(records, plan, today)
    else:
        weeks = observed_weeks(records, today, OBSERVED_WEEKS)
    return TrialReport(tuple(weeks), plan, today)


def home_line(journal: Journal, today: date | None = None) -> str:
    """ "Trial week 3 of 8: a routine fortnight (...)", or "" without a plan."""
    plan = current_plan(journal)
    if plan is None:
        return ""
    return status_line(plan, today or datetime.now().astimezone().date())
