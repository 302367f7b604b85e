"""Stored times: UTC text plus the local offset in minutes, and how they read back."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta, timezone

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # shown for a time the file holds but we cannot read
# A stored time outside these years is damaged: at the edges of datetime's range (year 1 or
# 9999) a change of offset or a day's arithmetic overflows, so such a time never leaves here.
FIRST_YEAR, LAST_YEAR = 2, 9998


def aware(moment: datetime | None) -> datetime:
    """`moment` with a UTC offset: now when None; a naive time is taken as local wall-clock time."""
    if moment is None:
        return datetime.now().astimezone()
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.astimezone()
    return moment


def utc_text(moment: datetime) -> str:
    return aware(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_minutes(moment: datetime) -> int:
    offset = aware(moment).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def from_stored(text: str | None, offset_min: int | None) -> datetime | None:
    """Read back a stored time in the offset it was lived in; a damaged value reads as EPOCH."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            return EPOCH
        return moment.astimezone(_zone(_minutes(offset_min)))
    except (ValueError, OverflowError):
        return EPOCH


def local_date(text: str, offset_min: int | None) -> date:
    """The local calendar date of a stored time; the streak walk calls this thousands of times,
    so it does naive arithmetic instead of building time zones."""
    try:
        moment = datetime.fromisoformat(str(text)[:19])
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            return EPOCH.date()
        return (moment + timedelta(minutes=_minutes(offset_min))).date()
    except (ValueError, OverflowError):
        return EPOCH.date()


def _minutes(offset_min: object) -> int:
    return offset_min if isinstance(offset_min, int) and abs(offset_min) < 24 * 60 else 0


@functools.lru_cache(maxsize=64)
def _zone(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))
