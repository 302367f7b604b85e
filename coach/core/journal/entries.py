"""Rows entered afterwards (`coach log`): one finished session each, marked entered_afterwards.

JournalEntries is mixed into Journal (store.py). Like every write, these run on the journal's
writer thread when the caller uses `save_entry` (the CLI and the log screen do):

    session_id = save_entry(journal, cramp_entry(when="last night 3am", leg="left"))
"""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from typing import Any

from coach.core.journal.access import JournalAccess
from coach.core.journal.log_entry import CrampEntry, RoutineEntry
from coach.core.journal.schema import storable
from coach.core.journal.times import aware, offset_minutes, utc_text
from coach.core.routines.kind import RoutineKind

LOGGED_CRAMP_ID = "logged"  # the routine_id of a cramp entered afterwards (no routine was run)
SAVE_WAIT_S = 5.0

_INSERT = (
    "INSERT INTO sessions (routine_id, kind, status, started_utc, started_offset_min, ended_utc,"
    " ended_offset_min, updated_utc, leg, site, release_seconds, pain, note, entered_afterwards)"
    " VALUES (?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
)


class JournalEntries(JournalAccess):
    def add_cramp_entry(self, entry: CrampEntry) -> int | None:
        """One finished relief row for a cramp that is already over; its id, or None."""
        seconds = None if entry.minutes is None else round(entry.minutes * 60, 1)
        ended = entry.when + timedelta(seconds=seconds or 0)
        note = None if entry.note is None else storable(entry.note)
        row = (
            LOGGED_CRAMP_ID,
            RoutineKind.RELIEF,
            *_times(entry.when, ended),
            entry.leg,
            entry.site,
        )
        cursor = self._write(_INSERT, (*row, seconds, entry.pain, note))
        return cursor.lastrowid if cursor is not None else None

    def add_routine_entry(self, entry: RoutineEntry) -> int | None:
        """One completed prevention row for a routine done without the app; its id, or None."""
        ended = entry.when + timedelta(seconds=entry.seconds or 0)
        row = (
            storable(entry.routine_id),
            RoutineKind.PREVENTION,
            *_times(entry.when, ended),
            "unknown",
        )
        cursor = self._write(_INSERT, (*row, None, None, None, None))
        return cursor.lastrowid if cursor is not None else None

    # --- the trial plan (coach/core/trial/plan.py reads the values) ------------------------

    def start_trial(self, start: date, weeks: int, block: int) -> int | None:
        """Store a plan; its id, or None when not recording."""
        cursor = self._write(
            "INSERT INTO trial_plans (start_date, weeks, block_weeks, created_utc)"
            " VALUES (?, ?, ?, ?)",
            (start.isoformat(), int(weeks), int(block), utc_text(aware(None))),
        )
        return cursor.lastrowid if cursor is not None else None

    def stop_trial(self) -> int:
        """End every standing plan; how many there were."""
        cursor = self._write(
            "UPDATE trial_plans SET stopped_utc = ? WHERE stopped_utc IS NULL",
            (utc_text(aware(None)),),
        )
        return cursor.rowcount if cursor is not None else 0

    def trial_plan(self) -> tuple[date, int, int] | None:
        """The standing plan as (first night, weeks, block weeks), or None."""
        version = self._read("PRAGMA user_version")
        if not version or int(version[0][0]) < 3:
            return None  # a file the app could not update yet has no plans
        try:
            rows = self._read(
                "SELECT start_date, weeks, block_weeks FROM trial_plans"
                " WHERE stopped_utc IS NULL ORDER BY id DESC LIMIT 1"
            )
            if rows:
                start, weeks, block = rows[0]
                return date.fromisoformat(str(start)), int(weeks), int(block)
        except (ValueError, TypeError):  # a hand-edited row: as if there were no plan
            pass
        return None


def _times(started: datetime, ended: datetime) -> tuple[str, int, str, int, str]:
    return (
        utc_text(started),
        offset_minutes(started),
        utc_text(ended),
        offset_minutes(ended),
        utc_text(aware(None)),
    )


def save_entry(
    journal: JournalEntries, entry: CrampEntry | RoutineEntry, wait: float = SAVE_WAIT_S
) -> int | None:
    """Write `entry` on the journal's writer thread and wait (bounded) for its id."""
    box: list[int | None] = [None]
    done = threading.Event()

    def write() -> None:
        try:
            if isinstance(entry, CrampEntry):
                box[0] = journal.add_cramp_entry(entry)
            else:
                box[0] = journal.add_routine_entry(entry)
        finally:
            done.set()

    journal.later(write)
    done.wait(wait)
    return box[0]


class EntryRecorder:
    """The warning-sign check's recorder for a row entered afterwards (as SessionRecorder is for
    a coached session): every write is enqueued on the journal's writer thread, the row first."""

    # journal: a Journal (store.py; it is built on this module, so it is not named here)
    def __init__(
        self,
        journal: Any,
        entry: CrampEntry | None = None,
        session_id: int | None = None,
    ) -> None:
        self.journal = journal
        self._id = session_id
        if entry is not None:
            journal.later(lambda: self._insert(entry))

    def _insert(self, entry: CrampEntry) -> None:
        self._id = self.journal.add_cramp_entry(entry)

    @property
    def session_id(self) -> int | None:
        self.flush(SAVE_WAIT_S)
        return self._id

    def leg(self, side: str) -> None:
        self.journal.later(lambda: self.journal.update_session(self._id, leg=side or "unknown"))

    def warnings(self, answers: dict[str, bool], tier: str | None) -> None:
        answers = dict(answers)
        self.journal.later(lambda: self.journal.record_warnings(self._id, answers, tier))

    def check_progress(self, text: str | None) -> None:
        """Where the check is (guidance/check_progress.py); None once it is finished."""
        self.journal.later(lambda: self.journal.update_session(self._id, position=text))

    def end(self, status: str) -> None:
        """The row was finished when it was written."""

    def flush(self, timeout: float = 3.0) -> bool:
        return bool(self.journal.flush(timeout))
