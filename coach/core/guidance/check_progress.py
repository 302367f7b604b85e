"""A warning-sign check left unfinished, and finishing it: the one rule, for home's offer
(ui/screens/home.py) and the check screen that writes its progress (ui/check/record.py).

The check runs after the session's row is already completed, so a reloaded page, a phone gone
to sleep or a closed terminal used to lose it whole. While it runs, the session's `position`
column (schema 6) holds its progress instead of the player's position, as JSON: the answers
in the order given (and how many each step answered, so `back` still undoes one step), what
was known before asking, the legs given, and when it was last written. A finished check, or
one the user quit with q, writes NULL there: nothing is offered.

Which: the newest session in the journal, not running, with progress, last written at most
CHECK_WITHIN ago. 30 minutes: the check asks about now (a cramp over 10 minutes, a leg that is
swollen or red, chest pain); someone who lost the page to a phone gone to sleep is back within
minutes, still with the cramp that just ended in mind. After half an hour the answers would be
about another moment, and the check is offered again at the end of the next relief anyway.
A newer session (one started since) hides it: that session has its own check.

Kept: only what still matches the checklist. The answers are replayed from the first; at the
first one that no longer matches the question asked then (a changed warning-signs file), the
replay stops and the check goes on from there.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta

from coach.core.guidance.check import WarningCheck
from coach.core.guidance.checklist import Checklist
from coach.core.journal.schema import SessionRecord

# One rule for a clock set back, and one reading of the journal, for both offers.
from coach.core.session.resume import CLOCK_SLACK
from coach.core.session.resume import SessionsWithPositions as SessionsWithProgress

CHECK_WITHIN = timedelta(minutes=30)


@dataclass(frozen=True)
class CheckProgress:
    check: int  # the format's version: tells it from a player's position in the same column
    answers: list[tuple[str, bool]]  # (question id, yes) in the order given
    steps: list[int]  # how many answers each step gave (1, or a "none of these" list)
    observed: dict[str, str]  # what was known before asking (the journal's facts too)
    known_no: list[str]
    after_relief: bool
    routine_ran: bool
    leg: str | None  # the cramped leg given ("" skipped, None not asked yet)
    swollen: str | None  # the leg said to be swollen, red or warm
    saved_wall: float  # seconds since the epoch: when this was written

    def to_text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: object) -> CheckProgress | None:
        """The progress stored as `text`; None for anything else (a player's position, an
        older app's, a hand-edited file)."""
        if not isinstance(text, str):
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or set(data) != {f.name for f in fields(cls)}:
            return None
        if data["check"] != 1 or not _pairs(data["answers"]):
            return None
        data["answers"] = [(str(q), bool(a)) for q, a in data["answers"]]
        progress = cls(**data)
        return progress if progress.well_formed() else None

    def well_formed(self) -> bool:
        texts = self.observed.values() if isinstance(self.observed, dict) else [None]
        return (
            isinstance(self.steps, list)
            and all(_count(n) and n > 0 for n in self.steps)
            and sum(self.steps) == len(self.answers)
            and all(isinstance(k, str) for k in texts)
            and isinstance(self.known_no, list)
            and all(isinstance(k, str) for k in self.known_no)
            and isinstance(self.after_relief, bool)
            and isinstance(self.routine_ran, bool)
            and all(v is None or isinstance(v, str) for v in (self.leg, self.swollen))
            and isinstance(self.saved_wall, int | float)
            and not isinstance(self.saved_wall, bool)
            and math.isfinite(self.saved_wall)
        )


def _pairs(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], bool)
        for p in value
    )


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def progress_of(
    check: WarningCheck, leg: str | None, swollen: str | None, wall_now: float
) -> CheckProgress:
    """Where `check` is now, to write; `wall_now` in seconds since the epoch."""
    asked, steps = check.answer_steps
    return CheckProgress(
        check=1,
        answers=[(q, check.answers[q]) for q in asked],
        steps=list(steps),
        observed=dict(check.observed),
        known_no=sorted(check.known_no),
        after_relief=check.after_relief,
        routine_ran=check.routine_ran,
        leg=leg,
        swollen=swollen,
        saved_wall=round(wall_now, 3),
    )


def restore_check(checklist: Checklist, progress: CheckProgress) -> WarningCheck:
    """The check as it was left, its answers replayed while they match the checklist."""
    check = WarningCheck(
        checklist,
        observed=progress.observed,
        after_relief=progress.after_relief,
        known_no=progress.known_no,
        routine_ran=progress.routine_ran,
    )
    given = iter(progress.answers)
    for count in progress.steps:
        step = [next(given) for _ in range(count)]
        if not _replays(check, step):
            break
    return check


def _replays(check: WarningCheck, step: Sequence[tuple[str, bool]]) -> bool:
    """Give `check` one step's answers if they are what it asks next; whether it took them."""
    ids = [q for q, _ in step]
    if len(step) == 1:
        current = check.current
        if current is None or current.id != ids[0]:
            return False
        check.answer(step[0][1])
        return True
    listed = [q.id for q in check.rest_of_group[: len(step)]]
    if listed != ids or any(yes for _, yes in step):
        return False
    check.answer_rest_of_group_no(len(step))
    return True


@dataclass(frozen=True)
class UnfinishedCheck:
    record: SessionRecord
    progress: CheckProgress


def may_finish(record: SessionRecord, progress: CheckProgress | None, wall_now: float) -> bool:
    """Whether the check of `record` (the newest session) may be offered at `wall_now`."""
    if progress is None or record.status == "running":
        return False
    age = wall_now - progress.saved_wall
    return -CLOCK_SLACK.total_seconds() <= age <= CHECK_WITHIN.total_seconds()


def find_unfinished_check(
    journal: SessionsWithProgress, wall_now: datetime
) -> UnfinishedCheck | None:
    """The check home may offer to finish, or None (reads the journal: not on the loop)."""
    records = journal.sessions(limit=1)
    if not records:
        return None
    progress = CheckProgress.from_text(journal.position(records[0].id))
    if not may_finish(records[0], progress, wall_now.timestamp()):
        return None
    assert progress is not None
    return UnfinishedCheck(records[0], progress)


def offer_words(progress: CheckProgress) -> str:
    """Home's line offering to finish the check."""
    given = len(progress.answers)
    if not given:
        return "Finish the warning-sign check: it starts again from its first question"
    kept = "your answer so far is kept" if given == 1 else f"your {given} answers so far are kept"
    return f"Finish the warning-sign check: {kept}"
