"""`coach remind --ics`: the inputs (a time, a set of weekdays) and the iCalendar file."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from coach.core.bedside.time_of_day import clock

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
_FULL_NAMES = {
    name: index
    for index, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
SUMMARY = "Nightly stretch"


class ReminderInputError(ValueError):
    """A time or day list that cannot be read; str() is one line for the user."""


def parse_time(text: str) -> time:
    """'22:30' or '7:05' (24-hour clock: coach/core/bedside/time_of_day.py)."""
    try:
        return clock(text)
    except ValueError as error:
        raise ReminderInputError(str(error)) from None


def parse_days(text: str | None) -> tuple[int, ...]:
    """'mon-fri', 'mon,wed,fri', 'fri-mon' (wraps), 'daily' -> weekday numbers (Monday 0)."""
    if text is None or text.strip().lower() in ("", "daily"):
        return tuple(range(7))
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        start = _day(first, text)
        end = _day(last, text) if dash else start
        days.add(start)
        while start != end:
            start = (start + 1) % 7
            days.add(start)
    return tuple(sorted(days))


def _day(name: str, text: str) -> int:
    for full, index in _FULL_NAMES.items():
        if name in (full, full[:3]):
            return index
    raise ReminderInputError(f"expected days like mon-fri or mon,wed,fri, got {text[:40]!r}")


def first_date(today: date, days: tuple[int, ...]) -> date:
    """The first day on or after today that is one of `days`."""
    for ahead in range(7):
        candidate = today + timedelta(days=ahead)
        if candidate.weekday() in days:
            return candidate
    raise ReminderInputError("expected at least one day")


def build_ics(at: time, days: tuple[int, ...], now: datetime, minutes: int = 10) -> bytes:
    """A calendar with one repeating event at `at` (floating local time, so it stays at 22:30
    wherever the phone is) and an alarm at its start. Daily when every day is given."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Cramp Coach//coach remind//EN")
    calendar.add("version", "2.0")
    event = Event()
    start = datetime.combine(first_date(now.date(), days), at)
    event.add("uid", f"{uuid.uuid4()}@cramp-coach")
    event.add("dtstamp", now.astimezone().replace(microsecond=0))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("summary", SUMMARY)
    event.add("description", "A few minutes of calf and foot stretches before bed: coach run.")
    if len(days) == 7:
        event.add("rrule", {"freq": "daily"})
    else:
        event.add("rrule", {"freq": "weekly", "byday": [DAYS[d].upper() for d in days]})
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", SUMMARY)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
