"""Cramps counted as episodes, not sessions, so the counts that raise a warning mean something.

- A relief session quit within OPENED_SECONDS with no step done was "opened", not a cramp.
- Restarts of the same cramp (a session ended without "let go", the next one started within
  SAME_CRAMP_GAP_SECONDS, coach/core/session/episode.py) are one episode.
- A cramp entered afterwards (`coach log`) is a cramp: one episode of its own.

This is the one home of counting cramps: history's weekly bars, the warning-sign check, the
trial's weeks, both exports (the CSV's `cramp` column numbers them) count through it.

    episodes(records) -> list[Episode]     # records oldest first, any kinds
    count_cramps(records) -> int
    cramps_by(records, bucket) -> Counter  # cramps per week, per night...
    cramp_numbers(records)                 # each record with its episode's number (or None)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol, TypeVar

from coach.core.journal.schema import SessionRecord
from coach.core.routines.kind import RoutineKind
from coach.core.session.episode import SAME_CRAMP_GAP_SECONDS

OPENED_SECONDS = 20


class SessionSource(Protocol):
    """What weekly_cramps reads of a journal (JournalQueries has it; named here, not imported:
    queries.py imports this module)."""

    def sessions_between(
        self, since: datetime, until: datetime, newest: int | None = None
    ) -> list[SessionRecord]: ...


@dataclass(frozen=True)
class Episode:
    sessions: tuple[SessionRecord, ...]  # oldest first

    @property
    def first(self) -> SessionRecord:
        return self.sessions[0]

    @property
    def last(self) -> SessionRecord:
        return self.sessions[-1]

    @property
    def started(self) -> datetime:
        return self.first.started

    @property
    def local_date(self) -> date:
        return self.first.local_date


def opened_only(record: SessionRecord) -> bool:
    """A relief session quit within OPENED_SECONDS with no step done: opened, not a cramp."""
    if record.kind != RoutineKind.RELIEF or record.entered_afterwards or record.steps_done:
        return False
    if record.status in ("completed", "running") or record.release_seconds is not None:
        return False
    seconds = record.duration_seconds
    return seconds is not None and seconds < OPENED_SECONDS


def episodes(records: Iterable[SessionRecord]) -> list[Episode]:
    """The cramp episodes among `records` (oldest first), each with its sessions."""
    return list(iter_episodes(records))


def iter_episodes(records: Iterable[SessionRecord]) -> Iterator[Episode]:
    """episodes() one at a time, holding one episode's sessions: the exports stream a journal
    of any length through this."""
    group: list[SessionRecord] = []
    current = None
    for record, number in cramp_numbers(records):
        if number is None:
            continue
        if group and number != current:
            yield Episode(tuple(group))
            group = []
        current = number
        group.append(record)
    if group:
        yield Episode(tuple(group))


def cramp_numbers(
    records: Iterable[SessionRecord],
) -> Iterator[tuple[SessionRecord, int | None]]:
    """Each of `records` (oldest first, any kinds) with the number of the cramp episode it
    belongs to, 1 for the first: a restart carries its cramp's number. None for a session
    that is no cramp (a routine, or a relief session only opened)."""
    number, last = 0, None
    for record in records:
        if record.kind != RoutineKind.RELIEF or opened_only(record):
            yield record, None
            continue
        if last is None or not _same_cramp(last, record):
            number += 1
        last = record
        yield record, number


def count_cramps(records: Iterable[SessionRecord]) -> int:
    """How many cramps `records` (oldest first) hold: restarts of one cramp count once."""
    return sum(1 for _ in iter_episodes(records))


Bucket = TypeVar("Bucket", bound=Hashable)


def cramps_by(
    records: Iterable[SessionRecord], bucket: Callable[[Episode], Bucket]
) -> Counter[Bucket]:
    """Cramps per bucket (a week, a night...): each episode counted once, in the bucket of
    `bucket(episode)`, which is usually read from `episode.started`."""
    return Counter(bucket(episode) for episode in iter_episodes(records))


def _same_cramp(before: SessionRecord, after: SessionRecord) -> bool:
    if before.entered_afterwards or after.entered_afterwards:
        return False
    if before.release_seconds is not None or before.ended is None:
        return False
    gap = (after.started - before.ended).total_seconds()
    return 0 <= gap <= SAME_CRAMP_GAP_SECONDS


def episode_starts(records: Iterable[SessionRecord]) -> list[datetime]:
    return [episode.started for episode in episodes(records)]


def weekly_cramps(journal: SessionSource, weeks: int, now: datetime) -> dict[date, int]:
    """Cramp episodes per local week (Monday -> count) for the last `weeks` weeks."""
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    mondays = [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(mondays, 0)
    if not mondays:
        return counts
    since = datetime.combine(mondays[0] - timedelta(days=1), datetime.min.time(), now.tzinfo)
    # A restart within minutes of the window's start belongs to a cramp begun before it.
    records = journal.sessions_between(since - timedelta(hours=1), now + timedelta(days=8))
    per_monday = cramps_by(records, lambda e: e.local_date - timedelta(days=e.local_date.weekday()))
    return {monday: per_monday[monday] for monday in counts}
