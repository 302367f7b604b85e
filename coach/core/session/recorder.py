"""Keeps the journal in step with one session on screen, so the screens say what happened and
never how it is stored. Every method is safe with no journal (not yet open, or not recording).

The screens only enqueue: each write runs on the journal's writer thread (Journal.later), in the
order given, so a slow disk, another program's lock or a hostile file never freezes the session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from coach.core.legs import Leg
from coach.core.routines.routine import Routine
from coach.core.session.reading import SessionReading
from coach.core.session.summary import SessionSummary

if TYPE_CHECKING:
    from coach.core.journal.schema import SessionRecord

# Where a relief routine's cramp is, by routine id; a user's own relief routine says "other".
_SITE_BY_ROUTINE = {"cramp-now": "calf", "cramp-foot": "sole"}
# session_id waits this long for the row's insert (the same-cramp rule needs the id at once;
# past it the rule is skipped rather than the screen held).
ID_WAIT_S = 0.5


class SessionRecorder:
    # journal: a Journal, None (not recording) or a test's stand-in without a writer thread
    def __init__(self, journal: Any, routine: Routine) -> None:
        self.journal = journal
        self.routine = routine
        self.ended = False
        self._id: int | None = None
        self._started: threading.Event | None = None
        self._done: list[str] = []
        self._skipped: list[str] = []
        self.leg_noted: str | None = None  # for the summary: the last leg the user gave
        self.summary: SessionSummary | None = None  # set when the routine ends

    @property
    def session_id(self) -> int | None:
        """The journal row's id once written (waiting at most ID_WAIT_S); None without one."""
        if self._started is not None:
            self._started.wait(ID_WAIT_S)
        return self._id

    def start(self) -> None:
        if self.journal is None:
            return
        started = self._started = threading.Event()
        journal, routine = self.journal, self.routine

        def insert() -> None:
            try:
                self._id = journal.start_session(routine.id, routine.kind)
                if routine.relief:
                    site = _SITE_BY_ROUTINE.get(routine.id, "other")
                    journal.update_session(self._id, site=site)
            finally:
                started.set()

        self._later(insert)

    def resume(self, record: SessionRecord) -> None:
        """Carry on `record`'s row (an interrupted session picked up, core/session/resume.py)
        instead of starting one: running again, its steps kept, so the cramp counts once. If
        another window picked it up first, a new row is started instead, as start() does."""
        if self.journal is None:
            return
        self._done, self._skipped = list(record.steps_done), list(record.steps_skipped)
        started = self._started = threading.Event()
        journal = self.journal

        def reopen() -> None:
            try:
                if journal.reopen_session(record.id):
                    self._id = record.id
                else:
                    self._id = journal.start_session(self.routine.id, self.routine.kind)
            finally:
                started.set()

        self._later(reopen)

    def position(self, text: str) -> None:
        """Where the session is now (core/session/position.py), for picking it up later."""
        self._update(position=text)

    def step_finished(
        self,
        step_index: int,
        skipped: bool,
        name: str | None = None,
        work: tuple[float, int] | None = None,
    ) -> None:
        """A step ended: its name (step_name: a swapped step says so) goes in the done or skipped
        list; `work` is the session's (hold seconds done, planned) so far, written with it."""
        name = self.routine.steps[step_index].name if name is None else name
        (self._skipped if skipped else self._done).append(name)
        fields: dict[str, object] = {"steps_done": list(self._done)}
        fields["steps_skipped"] = list(self._skipped)
        if work is not None:
            fields.update(timed_done_s=work[0], timed_planned_s=work[1])
        self._update(**fields)

    def timed_work(self, done: float, planned: int) -> None:
        """Hold seconds done and planned, e.g. when the session stops between steps."""
        self._update(timed_done_s=done, timed_planned_s=planned)

    def leg(self, side: str) -> None:
        self.leg_noted = side
        if self.summary is not None:
            self.summary = replace(self.summary, leg=side)
        leg = Leg.parse(side)
        self._update(leg=leg.code if leg is not None else "unknown")

    def released(self, seconds: float | None, step: str | None = None) -> None:
        """When the cramp let go, and the technique running then (release_step.py)."""
        if seconds is not None:
            fields: dict[str, object] = {"release_seconds": round(seconds, 1)}
            if step is not None:
                fields["release_step"] = step
            self._update(**fields)

    def warnings(self, answers: dict[str, bool], tier: str | None) -> None:
        answers = dict(answers)
        self._later(lambda: self.journal.record_warnings(self._id, answers, tier))

    def check_progress(self, text: str | None) -> None:
        """Where the warning-sign check is (guidance/check_progress.py), in the position column
        the player no longer needs; None once it is finished."""
        self._update(position=text)

    def end(self, status: str) -> None:
        """Close the row once; later calls (an exit hook after a normal finish) do nothing."""
        if self.ended or self.journal is None:
            return
        self.ended = True
        self._later(lambda: self.journal.end_session(self._id, status))

    def flush(self, timeout: float = 3.0) -> bool:
        """Wait (bounded) until every write given so far has run; whether they all did."""
        flush = getattr(self.journal, "flush", None)
        return True if flush is None else bool(flush(timeout))

    def _update(self, **fields: object) -> None:
        self._later(lambda: self.journal.update_session(self._id, **fields))

    def _later(self, job: Callable[[], object]) -> None:
        if self.journal is None:
            return
        later = getattr(self.journal, "later", None)
        if later is None:  # a journal without a writer thread (a test's stand-in): at once
            job()
        else:
            later(job)


def step_name(session: SessionReading, step_index: int) -> str:
    """The name the journal keeps for a step: a step swapped for its alternative names both
    ("Seated towel stretch (instead of Standing hamstring stretch)")."""
    name = session.routine.steps[step_index].name
    original = session.swapped.get(step_index)
    return name if original is None else f"{name} (instead of {original.name})"


def work_of(session: SessionReading, now: float) -> tuple[float, int]:
    """(hold seconds done, hold seconds planned) of a session at `now`."""
    planned = session.hold_seconds_planned
    return min(session.hold_seconds_so_far(now), float(planned)), planned  # `+` may add more
