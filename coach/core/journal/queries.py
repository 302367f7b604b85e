"""The journal read back: pages of history, ranges, weekly counts and the nightly streak.

JournalQueries is mixed into Journal (store.py), which supplies `_read(sql, params) -> rows`
(never raising: [] when the file cannot be read).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from coach.core.journal.episodes import weekly_cramps
from coach.core.journal.migrations import SCHEMA_VERSION
from coach.core.journal.schema import (
    ROUTINE_COUNTS,
    ROUTINE_COUNTS_OLD,
    SELECT_SESSIONS,
    SELECT_SESSIONS_V1,
    SELECT_SESSIONS_V2,
    SELECT_SESSIONS_V4,
    SessionRecord,
    record_from_row,
)
from coach.core.journal.times import EPOCH, aware, from_stored, local_date, utc_text
from coach.core.routines.kind import RoutineKind

_ONLY = {
    "": "",
    RoutineKind.RELIEF: f" AND s.kind = '{RoutineKind.RELIEF}'",
    "answered": " AND EXISTS (SELECT 1 FROM warning_answers a WHERE a.session_id = s.id)",
}


class Starts(NamedTuple):
    started: datetime  # aware, in the local offset of the time
    kind: str
    status: str
    sessions: int  # how many sessions started then, of this kind and status


class WeekCount(NamedTuple):
    week_start: date  # a Monday, local date
    cramps: int  # cramp episodes begun that week (journal/episodes.py: a restart is no new one)
    nightly_done: int  # prevention sessions done that week (schema.ROUTINE_COUNTS)


class JournalQueries:
    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _file_version(self) -> int:
        """The file's schema version (a file that could not migrate reads as it is); the
        current one once seen, since a version only goes up."""
        if getattr(self, "_is_current", False):
            return SCHEMA_VERSION
        rows = self._read("PRAGMA user_version")
        version = int(rows[0][0]) if rows else SCHEMA_VERSION
        self._is_current = version >= SCHEMA_VERSION
        return version

    def _select(self) -> str:
        """The sessions select for this file: an older one lacks the newer columns."""
        version = self._file_version()
        if version >= 5:
            return SELECT_SESSIONS
        if version == 4:
            return SELECT_SESSIONS_V4
        return SELECT_SESSIONS_V2 if version >= 2 else SELECT_SESSIONS_V1

    def _routine_counts(self) -> str:
        """The SQL test for a prevention row that counts as a routine done."""
        return ROUTINE_COUNTS if self._file_version() >= 4 else ROUTINE_COUNTS_OLD

    def sessions(self, limit: int = 50, offset: int = 0) -> list[SessionRecord]:
        """A page of history, newest first."""
        rows = self._read(
            self._select() + " ORDER BY s.started_utc DESC, s.id DESC LIMIT ? OFFSET ?",
            (int(limit), int(offset)),
        )
        return [record_from_row(row) for row in rows]

    def session(self, session_id: int) -> SessionRecord | None:
        rows = self._read(self._select() + " WHERE s.id = ?", (session_id,))
        return record_from_row(rows[0]) if rows else None

    def position(self, session_id: int) -> str | None:
        """Where the session was, as stored (core/session/position.py reads it); None before
        schema 6, or when nothing was stored."""
        if self._file_version() < 6:
            return None
        rows = self._read("SELECT position FROM sessions WHERE id = ?", (session_id,))
        value = rows[0][0] if rows else None
        return value if isinstance(value, str) else None

    def count(self) -> int:
        rows = self._read("SELECT count(*) FROM sessions")
        return int(rows[0][0]) if rows else 0

    def sessions_between(
        self, since: datetime, until: datetime, newest: int | None = None
    ) -> list[SessionRecord]:
        """Sessions started in [since, until), oldest first; only the `newest` ones if given
        (bounded work for a window that a synthetic or runaway journal could fill)."""
        where = " WHERE s.started_utc >= ? AND s.started_utc < ?"
        params: tuple[int, ...]
        if newest is None:
            sql, params = where + " ORDER BY s.started_utc, s.id", ()
        else:
            sql, params = where + " ORDER BY s.started_utc DESC, s.id DESC LIMIT ?", (newest,)
        rows = self._read(self._select() + sql, (utc_text(since), utc_text(until), *params))
        records = [record_from_row(row) for row in rows]
        return records if newest is None else records[::-1]

    def starts_between(self, since: datetime, until: datetime) -> list[Starts]:
        """Sessions started in [since, until), oldest first, counted by SQLite per start time,
        kind and status: the rows are bounded by the distinct times, not by the sessions."""
        rows = self._read(
            "SELECT started_utc, started_offset_min, kind, status, count(*) FROM sessions"
            " WHERE started_utc >= ? AND started_utc < ?"
            " GROUP BY started_utc, started_offset_min, kind, status ORDER BY started_utc",
            (utc_text(since), utc_text(until)),
        )
        return [
            Starts(from_stored(started, offset) or EPOCH, str(kind), str(status), int(n))
            for started, offset, kind, status, n in rows
        ]

    def iter_sessions(self, page: int = 1000, *, only: str = "") -> Iterator[SessionRecord]:
        """Every session, oldest first, a page at a time, so memory stays flat however long the
        journal (the exports stream a million rows). `only` narrows it: "relief" (the cramps)
        or "answered" (sessions with warning-sign answers)."""
        where = _ONLY[only]
        after: tuple[str, int] = ("", 0)
        while True:
            rows = self._read(
                self._select()
                + " WHERE (s.started_utc, s.id) > (?, ?)"
                + where
                + " ORDER BY s.started_utc, s.id LIMIT ?",
                (*after, page),
            )
            yield from (record_from_row(row) for row in rows)
            if len(rows) < page:
                return
            after = (rows[-1][4], rows[-1][0])

    def first_and_last(self) -> tuple[SessionRecord, SessionRecord] | None:
        """The oldest and the newest session (by start), or None for an empty journal."""
        ends = [
            self._read(self._select() + f" ORDER BY s.started_utc {way}, s.id {way} LIMIT 1")
            for way in ("ASC", "DESC")
        ]
        if not ends[0] or not ends[1]:
            return None
        return record_from_row(ends[0][0]), record_from_row(ends[1][0])

    def tallies(self) -> list[tuple[str, str, str, str | None, int]]:
        """(kind, status, leg, site, sessions) for every combination the journal holds: the
        export's summary is counted by SQLite in one pass, never by holding the rows."""
        rows = self._read(
            "SELECT kind, status, leg, site, count(*) FROM sessions"
            " GROUP BY kind, status, leg, site ORDER BY min(started_utc), min(id)"
        )
        return [
            (str(kind), str(status), str(leg), None if site is None else str(site), int(n))
            for kind, status, leg, site, n in rows
        ]

    def routines_done(self) -> int:
        """Prevention sessions that count as a routine done (schema.ROUTINE_COUNTS: completed,
        with at least half of their planned hold seconds), counted by SQLite."""
        rows = self._read(f"SELECT count(*) FROM sessions WHERE {self._routine_counts()}")
        return int(rows[0][0]) if rows else 0

    def weekly_counts(self, weeks: int = 12, now: datetime | None = None) -> list[WeekCount]:
        """Cramps (episodes: journal/episodes.py) and nightly routines done per local week
        (Monday first), oldest first."""
        today = aware(now).date()
        this_monday = today - timedelta(days=today.weekday())
        mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
        if not mondays:
            return []
        # A day's margin each side covers any UTC offset; local dates decide below.
        since = datetime.combine(mondays[0] - timedelta(days=1), datetime.min.time())
        until = datetime.combine(this_monday + timedelta(days=8), datetime.min.time())
        # Counted by SQLite, a row per UTC hour (minute, for an offset like +05:30) and offset:
        # a few hundred rows however many sessions the weeks hold. Local dates are worked out
        # here, as everywhere else.
        rows = self._read(
            "SELECT substr(started_utc, 1, CASE WHEN started_offset_min % 60 = 0 THEN 13"
            " ELSE 16 END) AS hour, started_offset_min,"
            f" sum({self._routine_counts()})"
            " FROM sessions WHERE started_utc >= ? AND started_utc < ?"
            " GROUP BY hour, started_offset_min",
            (utc_text(since), utc_text(until)),
        )
        cramps = weekly_cramps(self, weeks, aware(now))  # the one count of cramps
        nightly = dict.fromkeys(mondays, 0)
        for hour, offset, done in rows:
            day = local_date(f"{hour}:00:00"[:19], offset)
            monday = day - timedelta(days=day.weekday())
            if monday in nightly:
                nightly[monday] += int(done or 0)
        return [WeekCount(m, cramps[m], nightly[m]) for m in mondays]

    def nightly_streak(self, today: date | None = None) -> int:
        """Days in a row with a prevention routine done (schema.ROUTINE_COUNTS: completed, with
        at least half its hold seconds), ending today or, if today has none yet, yesterday (the
        evening's routine is still to come)."""
        today = today or aware(None).date()
        until = utc_text(datetime.combine(today + timedelta(days=2), datetime.min.time()))
        expected: date | None = None
        streak = 0
        for day in self._routine_days_backwards(until):
            if day > today or (expected is not None and day > expected):
                continue  # a clock set ahead, or a second routine the same day
            if expected is None:
                if day < today - timedelta(days=1):
                    return 0
                expected = day
            if day < expected:
                break
            streak += 1
            expected = day - timedelta(days=1)
        return streak

    def _routine_days_backwards(self, until: str) -> Iterator[date]:
        # Paged by key (a short streak costs one small query; a ten-year one never rescans rows
        # it has passed), pages growing, and served by the covering index sessions_nightly.
        after: tuple[str, int] = (until, 0)
        counts = self._routine_counts()
        page = 64
        while True:
            rows = self._read(
                "SELECT started_utc, started_offset_min, id FROM sessions"
                f" WHERE (started_utc, id) < (?, ?) AND {counts}"
                " ORDER BY started_utc DESC, id DESC LIMIT ?",
                (*after, page),
            )
            yield from (local_date(started, minutes) for started, minutes, _ in rows)
            if len(rows) < page:
                return
            after = (rows[-1][0], rows[-1][2])
            page = min(page * 4, 4096)
