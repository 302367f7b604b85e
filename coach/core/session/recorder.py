"""Keeps the journal in step with one session on screen, so the screens say what happened and
never how it is stored. Every method is safe with no journal (not yet open, or not recording)."""

from __future__ import annotations

from coach.core.routines.routine import Routine

# Where a relief routine's cramp is, by routine id; a user's own relief routine says "other".
_SITE_BY_ROUTINE = {"cramp-now": "calf", "cramp-foot": "sole"}
_LEG_CODES = {"left": "l", "right": "r", "both": "both"}


class SessionRecorder:
    def __init__(self, journal, routine: Routine) -> None:  # type: ignore[no-untyped-def]
        self.journal = journal
        self.routine = routine
        self.session_id: int | None = None
        self.ended = False
        self._done: list[str] = []
        self._skipped: list[str] = []

    def start(self) -> None:
        if self.journal is None:
            return
        self.session_id = self.journal.start_session(self.routine.id, self.routine.kind)
        if self.routine.kind == "relief":
            site = _SITE_BY_ROUTINE.get(self.routine.id, "other")
            self.journal.update_session(self.session_id, site=site)

    def step_finished(self, step_index: int, skipped: bool) -> None:
        name = self.routine.steps[step_index].name
        (self._skipped if skipped else self._done).append(name)
        self._update(steps_done=list(self._done), steps_skipped=list(self._skipped))

    def leg(self, side: str) -> None:
        self._update(leg=_LEG_CODES.get(side, "unknown"))

    def released(self, seconds: float | None) -> None:
        if seconds is not None:
            self._update(release_seconds=round(seconds, 1))

    def warnings(self, answers: dict[str, bool], tier: str | None) -> None:
        if self.journal is not None:
            self.journal.record_warnings(self.session_id, answers, tier)

    def end(self, status: str) -> None:
        """Close the row once; later calls (an exit hook after a normal finish) do nothing."""
        if self.ended or self.journal is None:
            return
        self.ended = True
        self.journal.end_session(self.session_id, status)

    def _update(self, **fields: object) -> None:
        if self.journal is not None:
            self.journal.update_session(self.session_id, **fields)
