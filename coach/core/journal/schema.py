"""What the journal stores and how a row reads back: the allowed values, SessionRecord.

Times are stored as UTC text ("2026-05-09T21:14:03Z", sortable, so the index on started_utc serves
every range query) plus the local offset in minutes, so a session keeps the wall-clock time the
user lived it, even after a move across time zones or a change of daylight saving (times.py).
The tables themselves and their versions are in migrations.py.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from coach.core.journal import routine_done
from coach.core.journal.times import EPOCH, from_stored
from coach.core.routines.kind import KINDS
from coach.core.session.release_step import TECHNIQUES

__all__ = ["KINDS", "ROUTINE_COUNTS", "ROUTINE_COUNTS_OLD", "SessionRecord"]
from coach.core.legs import Leg

STATUSES = ("running", "completed", "stopped", "interrupted")
LEGS = ("l", "r", "both", "unknown")
SITES = ("calf", "sole", "toes", "other")  # sole = sole or arch of the foot
SITE_LABELS = {"calf": "calf", "sole": "sole/arch", "toes": "toes", "other": "other"}
LEG_LABELS = {**{leg.code: leg.value for leg in Leg}, "unknown": "unknown"}

# Words for "no leg noted"; left/right/both in any spelling are Leg's (coach/core/legs.py).
LEG_ALIASES = {"none": "unknown", "": "unknown"}
SITE_ALIASES = {"arch": "sole", "sole/arch": "sole", "foot": "sole", "toe": "toes"}
UPDATABLE = (
    "leg",
    "site",
    "steps_done",
    "steps_skipped",
    "release_seconds",
    "status",
    "timed_done_s",
    "timed_planned_s",
    "release_step",
    "position",  # where the session is, as core/session/position.py writes it (schema 6)
)

# When a prevention session counts as a routine done: journal/routine_done.py, the one home.
ROUTINE_COUNTS = routine_done.COUNTS_SQL
ROUTINE_COUNTS_OLD = routine_done.COUNTS_SQL_OLD  # a file still below schema 4

# --- values ---


def storable(text: object) -> str:
    """Text SQLite can store: a file name's undecodable bytes (lone surrogates, as Python keeps
    them) become visible escapes ("caf\\xe9") instead of a UnicodeEncodeError on the write."""
    value = str(text)
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is not an undecodable byte
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


def check_value(name: str, value: object, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")


def encode_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validated column values for Journal.update_session (unknown names raise ValueError)."""
    unknown = sorted(set(fields) - set(UPDATABLE))
    if unknown:
        raise ValueError(f"cannot update {', '.join(unknown)}; fields: {', '.join(UPDATABLE)}")
    columns: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "leg":
            leg, text = Leg.parse(str(value or "")), str(value or "").lower()
            value = leg.code if leg is not None else LEG_ALIASES.get(text, text)
            check_value("leg", value, LEGS)
        elif name == "site" and value is not None:
            value = SITE_ALIASES.get(str(value).lower(), str(value).lower())
            check_value("site", value, SITES)
        elif name in ("steps_done", "steps_skipped"):
            value = json.dumps([storable(step) for step in value or ()], ensure_ascii=False)
        elif name == "release_seconds" and value is not None:
            value = float(value)
        elif name == "status":
            check_value("status", value, STATUSES)
        elif name in ("timed_done_s", "timed_planned_s") and value is not None:
            value = max(0, round(float(value)))
        elif name == "release_step" and value is not None:
            check_value("release_step", value, TECHNIQUES)
        elif name == "position" and value is not None and not isinstance(value, str):
            raise ValueError(f"position must be text (JSON) or None, got {value!r}")
        columns[name] = value
    return columns


# --- records -------------------------------------------------------------------------------

# Every query reads sessions through this select, so the column order below matches one place.
# Warning answers ride along as "D5<RS>1<US>D6<RS>0" (ASCII record/unit separators, which no
# question id contains), one subquery on the answers' primary key per session.
_SELECT = """
SELECT s.id, s.routine_id, s.kind, s.status, s.started_utc, s.started_offset_min,
       s.ended_utc, s.ended_offset_min, s.leg, s.site, s.steps_done, s.steps_skipped,
       s.release_seconds, s.warning_tier, s.pid,
       (SELECT group_concat(w.question_id || char(30) || w.answer, char(31))
          FROM warning_answers w WHERE w.session_id = s.id) AS answers,
       {logged}, {timed}, {release}
  FROM sessions s
"""
_LOGGED, _TIMED = "s.pain, s.note, s.entered_afterwards", "s.timed_done_s, s.timed_planned_s"
SELECT_SESSIONS = _SELECT.format(logged=_LOGGED, timed=_TIMED, release="s.release_step")
SELECT_SESSIONS_V4 = _SELECT.format(logged=_LOGGED, timed=_TIMED, release="NULL")
# A file still at an older schema (its migration could not run: a read-only folder) reads the
# same, with NULL for the columns it does not have yet.
SELECT_SESSIONS_V2 = _SELECT.format(logged=_LOGGED, timed="NULL, NULL", release="NULL")
SELECT_SESSIONS_V1 = _SELECT.format(logged="NULL, NULL, 0", timed="NULL, NULL", release="NULL")


@dataclass(frozen=True)
class SessionRecord:
    """One journal row as the history screen and the exports see it."""

    id: int
    routine_id: str
    kind: str
    status: str
    started: datetime  # aware, in the local offset of the time
    ended: datetime | None
    leg: str = "unknown"
    site: str | None = None
    steps_done: tuple[str, ...] = ()
    steps_skipped: tuple[str, ...] = ()
    release_seconds: float | None = None
    warning_tier: str | None = None
    warning_answers: Mapping[str, bool] = field(default_factory=dict)
    pid: int | None = None
    pain: int | None = None  # 0-10, when the user rated it (`coach log`)
    note: str | None = None
    entered_afterwards: bool = False  # logged with `coach log`, not coached live
    timed_done: int | None = None  # hold seconds done; None: not recorded (before schema 4)
    timed_planned: int | None = None  # hold seconds the routine planned
    release_step: str | None = None  # the technique running when it let go (release_step.py)

    @property
    def routine_done(self) -> bool:
        """A prevention routine that counts as done (journal/routine_done.py)."""
        return routine_done.counts_as_done(
            self.kind, self.status, self.timed_done, self.timed_planned
        )

    @property
    def duration_seconds(self) -> float | None:
        """Seconds from start to end; None while running or when the clock went backwards."""
        if self.ended is None:
            return None
        seconds = (self.ended - self.started).total_seconds()
        return seconds if seconds >= 0 else None

    @property
    def local_date(self) -> date:
        return self.started.date()


def record_from_row(row: tuple) -> SessionRecord:
    (id_, routine_id, kind, status, started, started_off, ended, ended_off, leg, site,
     steps_done, steps_skipped, release, tier, pid, answers,
     pain, note, afterwards, timed_done, timed_planned, release_step) = row  # fmt: skip
    return SessionRecord(
        id=int(id_),
        routine_id=str(routine_id),
        kind=str(kind),
        status=str(status),
        started=from_stored(started, started_off) or EPOCH,
        ended=from_stored(ended, ended_off),
        leg=str(leg),
        site=_text(site),
        steps_done=_names(steps_done),
        steps_skipped=_names(steps_skipped),
        release_seconds=_seconds(release),
        warning_tier=_text(tier),
        warning_answers=_answers(answers),
        pid=pid if isinstance(pid, int) else None,
        pain=pain if isinstance(pain, int) and 0 <= pain <= 10 else None,
        note=_text(note),
        entered_afterwards=afterwards == 1,
        timed_done=_whole(timed_done),
        timed_planned=_whole(timed_planned),
        release_step=release_step if release_step in TECHNIQUES else None,
    )


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def _text(value: object) -> str | None:
    # A hand-edited file may hold a number or a blob where text belongs: read it as text.
    return None if value is None else str(value)


def _seconds(value: object) -> float | None:
    # A hand-edited or damaged file may hold inf or text here: read it as "not known".
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _names(text: object) -> tuple[str, ...]:
    if text == "[]":
        return ()  # most lists are empty: skip the JSON parser (exports read 20,000 rows)
    try:
        value = json.loads(str(text))
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _answers(text: str | None) -> dict[str, bool]:
    answers: dict[str, bool] = {}
    for pair in (text or "").split("\x1f"):
        question, _, answer = pair.partition("\x1e")
        if question:
            answers[question] = answer == "1"
    return answers
