"""Cramps counted as episodes, not sessions, so the counts that raise a warning mean something.

- A relief session quit within OPENED_SECONDS with no step done was "opened", not a cramp.
- Restarts of the same cramp (a session ended without "let go", the next one started within
  SAME_CRAMP_GAP_SECONDS, coach/core/session/episode.py) are one episode.
- A cramp entered afterwards (`coach log`) is a cramp: one episode of its own.

    episodes(records) -> list[Episode]     # records oldest first, any kinds
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.core.journal.schema import SessionRecord
from coach.core.session.episode import SAME_CRAMP_GAP_SECONDS

if TYPE_CHECKING:
    from coach.core.journal.store import Journal

OPENED_SECONDS = 20


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
    if record.kind != "relief" or record.entered_afterwards or record.steps_done:
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
    for record in records:
        if record.kind != "relief" or opened_only(record):
            continue
        if group and _same_cramp(group[-1], record):
            group.append(record)
            continue
        if group:
            yield Episode(tuple(group))
        group = [record]
    if group:
        yield Episode(tuple(group))


def _same_cramp(before: SessionRecord, after: SessionRecord) -> bool:
    if before.entered_afterwards or after.entered_afterwards:
        return False
    if before.release_seconds is not None or before.ended is None:
        return False
    gap = (after.started - before.ended).total_seconds()
    return 0 <= gap <= SAME_CRAMP_GAP_SECONDS


def episode_starts(records: Iterable[SessionRecord]) -> list[datetime]:
    return [episode.started for episode in episodes(records)]


def weekly_cramps(journal: Journal, weeks: int, now: datetime) -> dict[date, int]:
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
    for episode in episodes(records):
        day = episode.local_date
        monday = day - timedelta(days=day.weekday())
        if monday in counts:
            counts[monday] += 1
    return counts
