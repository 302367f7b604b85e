"""When a nightly (prevention) routine counts as done: the one home of that rule.

It counts when it was completed and at least half of its planned hold seconds were done (issue 9:
`n` through nightly-quick in 39 s counted). A row without the figures (written before schema 4,
or a `coach log --routine` entry, done away from the app) counts as before: completed is done.

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
# The rule in the words the export prints beside its count.
WORDS = "one counts when at least half of its planned hold time was done"

_PARTS, _OF = HOLDS_NEEDED
_COMPLETED = f"kind = '{RoutineKind.PREVENTION}' AND status = 'completed'"

# The SQL test of a row of `sessions` (columns unqualified) that counts as a routine done.
COUNTS_SQL = (
    f"{_COMPLETED} AND (timed_planned_s IS NULL OR timed_done_s IS NULL"
    f" OR timed_done_s * {_OF} >= timed_planned_s * {_PARTS})"
)
# The same for a file still below schema 4 (no figures: a read-only folder kept it from
# migrating), where completed is done.
COUNTS_SQL_OLD = _COMPLETED


def enough_holds(done: float | None, planned: float | None) -> bool:
    """Were enough of the planned hold seconds done? Without the figures: yes (see above)."""
    if done is None or planned is None:
        return True
    return done * _OF >= planned * _PARTS


def counts_as_done(kind: str, status: str, done: float | None, planned: float | None) -> bool:
    """Does a session of `kind` that ended as `status`, with `done` of `planned` hold seconds,
    count as a nightly routine done?"""
    return kind == RoutineKind.PREVENTION and status == "completed" and enough_holds(done, planned)
