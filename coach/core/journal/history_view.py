"""The history screen's content as plain values: weekly bars, the streak, recent episodes.

Bars are text so they read the same in any terminal, NO_COLOR included; the screen only shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coach.core.journal.episodes import episodes, opened_only
from coach.core.journal.schema import LEG_LABELS
from coach.core.routines.durations import format_clock
from coach.core.routines.kind import RoutineKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from coach.core.journal.queries import WeekCount
    from coach.core.journal.schema import SessionRecord
    from coach.core.journal.store import Journal

BAR_WIDTH = 12
_LEGS = {**LEG_LABELS, "unknown": "-"}


@dataclass(frozen=True)
class HistoryView:
    week_lines: tuple[str, ...]
    streak: int | None  # None: not counted (build_history(..., full=False))
    episodes: tuple[tuple[str, str, str, str, str], ...]  # when, leg, routine, let go, tier
    total_sessions: int | None  # None: not counted; `empty` is known either way
    empty: bool = False


def weekly_lines(weeks: Iterable[WeekCount]) -> list[str]:
    """One line a week: cramps as one bar, nightly routines as another, scaled to the busiest."""
    top = max([1] + [max(w.cramps, w.nightly_done) for w in weeks])
    lines = [f"{'week of':<10}  {'cramps':<{BAR_WIDTH + 4}}  nightly routines"]
    for week in weeks:
        cramps = _bar(week.cramps, top, "█")
        nightly = _bar(week.nightly_done, top, "▒")
        start = f"{week.week_start:%d %b}"
        lines.append(f"{start:<10}  {cramps} {week.cramps:>2}  {nightly} {week.nightly_done:>2}")
    return lines


def _bar(value: int, top: int, glyph: str) -> str:
    length = round(value / top * BAR_WIDTH)
    if value and not length:
        length = 1  # one cramp must never look like none
    return (glyph * length).ljust(BAR_WIDTH)


# The warning check's result in words (the tiers of routines/warning-signs.yaml).
SIGNS_WORDS = {
    "emergency": "emergency: help now",
    "today": "get seen today",
    "days": "see a doctor soon",
    "next-visit": "mention next visit",
}


def signs_words(record: SessionRecord) -> str:
    """The "signs" column: what the check said, in words; "-" when it was not done."""
    if record.warning_tier:
        return SIGNS_WORDS.get(record.warning_tier, record.warning_tier)
    return "none reported" if record.warning_answers else "-"


def episode_row(record: SessionRecord) -> tuple[str, str, str, str, str]:
    when = record.started.strftime("%a %d %b %H:%M")
    let_go = format_clock(record.release_seconds) if record.release_seconds is not None else "-"
    if opened_only(record):
        let_go = "opened, not counted"
    elif record.status != "completed":
        let_go = f"{let_go} ({record.status})"
    return (
        when,
        _LEGS.get(record.leg, record.leg),
        "logged afterwards" if record.entered_afterwards else record.routine_id,
        let_go,
        signs_words(record),
    )


def weeks_by_episode(journal: Journal, weeks: int, now: datetime | None) -> list[WeekCount]:
    """journal.weekly_counts: cramps counted as episodes there (journal/episodes.py)."""
    return journal.weekly_counts(weeks, now)


def build_history(
    journal: Journal, now: datetime | None = None, episodes: int = 20, *, full: bool = True
) -> HistoryView:
    """What the history screen shows. With full=False only the last 200 sessions are read (one
    index lookup, whatever the journal's length): the screen paints from these, then counts the
    weeks (as many rows as the 12 weeks hold) and the streak (as long as the streak) on a thread:
    week_lines is then empty and streak and total_sessions None."""
    latest = journal.sessions(limit=200)
    recent = [r for r in latest if r.kind == RoutineKind.RELIEF][:episodes]
    return HistoryView(
        week_lines=week_lines_of(journal, now) if full else (),
        streak=streak_of(journal, now) if full else None,
        episodes=tuple(episode_row(r) for r in recent),
        total_sessions=journal.count() if full else None,
        empty=not latest,
    )


def week_lines_of(journal: Journal, now: datetime | None = None) -> tuple[str, ...]:
    return tuple(weekly_lines(weeks_by_episode(journal, 12, now)))


def what_worked_lines(journal: Journal) -> tuple[str, ...]:
    """ "What has worked for you": every relief session, streamed (journal/what_worked.py)."""
    from coach.core.journal.what_worked import what_worked

    return tuple(what_worked(journal.iter_sessions(only=RoutineKind.RELIEF)).lines())


def streak_of(journal: Journal, now: datetime | None = None) -> int:
    return int(journal.nightly_streak(now.date() if now else None))


def journal_line(journal: Journal, now: datetime | None = None) -> str:
    """Home's one line: when the last cramp was and the nightly streak; "" for a new journal.
    The streak takes as long as it is: the screen reads this off its event loop."""
    latest = journal.sessions(limit=200)
    if not latest:
        return ""
    cramps = episodes(reversed(latest))  # counted as everywhere: an opened session is none
    today = (now or datetime.now().astimezone()).date()
    parts = []
    if cramps:
        days = (today - cramps[-1].local_date).days
        when = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
        parts.append(f"Last cramp: {when}")
    streak = journal.nightly_streak(today)
    parts.append(f"nightly routine streak: {streak} day{'s' if streak != 1 else ''}")
    parts.append("h for history")
    line = "  ·  ".join(parts)
    return line[0].upper() + line[1:]
