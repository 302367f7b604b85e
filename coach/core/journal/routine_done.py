"""When a nightly (prevention) routine counts as done: the one home of that rule.

It counts when it was completed, is a real dose (it plans at least DOSE_SECONDS of holds: a
27-second two-step routine is not, issue 23) and at least half of its planned hold seconds were
done (issue 9: `n` through nightly-quick in 39 s counted). A row without the figures (written
before schema 4, or a `coach log --routine` entry, done away from the app) counts as before:
completed is done.

The streak, the weekly bars, the trial's nights, the check's "routine done", the Markdown
export, the end-of-session summary and `coach remind` all decide by this module: in Python by
counts_as_done() / enough_holds(), in SQL by COUNTS_SQL, both built from HOLDS_NEEDED.
It imports nothing heavy: `coach remind` runs at every shell start.
"""

from __future__ import annotations

from coach.core.routines.kind import RoutineKind

# The share of the planned hold seconds that must be done, as (parts, of): 1 of 2, half. Whole
# numbers, so SQLite's integer columns compare exactly, without a float in between.
HOLDS_NEEDED = (1, 2)
# A real dose: the smallest a trial tested (Hallegraeff 2012, medical.md 3.1: calf and hamstring,
# 10 s three times on each leg) is two minutes of holds. A routine planning less is a warm-up; one
# of counted work only (no holds) has nothing to measure and counts when completed.
DOSE_SECONDS = 120
# The rule in the words the export and the session summary use.
WORDS = (
    "one counts when it plans at least 2 minutes of stretching holds (the smallest dose a"
    " trial tested) and at least half of that time was done"
)
SHORT_DOSE = (
    "This routine plans under 2 minutes of stretching holds, the smallest dose a trial tested,"
    " so it does not count for the nightly streak."
)
TOO_LITTLE_DONE = "Under half of the holds were done, so this one does not count for the streak."

_PARTS, _OF = HOLDS_NEEDED
_COMPLETED = f"kind = '{RoutineKind.PREVENTION}' AND status = 'completed'"

# The SQL test of a row of `sessions` (columns unqualified) that counts as a routine done.
COUNTS_SQL = (
    f"{_COMPLETED} AND (timed_planned_s IS NULL OR timed_done_s IS NULL"
    f" OR ((timed_planned_s = 0 OR timed_planned_s >= {DOSE_SECONDS})"
    f" AND timed_done_s * {_OF} >= timed_planned_s * {_PARTS}))"
)
# The same for a file still below schema 4 (no figures: a read-only folder kept it from
# migrating), where completed is done.
COUNTS_SQL_OLD = _COMPLETED


def enough_holds(done: float | None, planned: float | None) -> bool:
    """A real dose, and enough of its planned hold seconds done? Without the figures: yes."""
    return why_not_counted(done, planned) is None


def why_not_counted(done: float | None, planned: float | None) -> str | None:
    """Why a completed nightly routine does not count for the streak, in a sentence; None when
    it counts (or without the figures, see above)."""
    if done is None or planned is None:
        return None
    if 0 < planned < DOSE_SECONDS:  # no holds at all (counted work only): nothing to measure
        return SHORT_DOSE
    return None if done * _OF >= planned * _PARTS else TOO_LITTLE_DONE


def counts_as_done(kind: str, status: str, done: float | None, planned: float | None) -> bool:
    """Does a session of `kind` that ended as `status`, with `done` of `planned` hold seconds,
    count as a nightly routine done?"""
    return kind == RoutineKind.PREVENTION and status == "completed" and enough_holds(done, planned)
