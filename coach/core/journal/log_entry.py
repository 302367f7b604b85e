"""A cramp or a routine entered afterwards (`coach log`): what the user typed, read and checked.

    parse_when("last night 3am", now)      -> the most recent 03:00 before now (local time)
    cramp_entry(when="2026-11-03T03:10", leg="left", minutes="3", pain="6", now=now)
    routine_entry("nightly", when="yesterday 22:30", now=now)

Everything here is plain values; a mistake raises LogEntryError, whose text is one line to show
as it is ("pain must be a whole number from 0 to 10, got '11'"). Writing is entries.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coach.core.journal.schema import LEG_ALIASES, LEGS, SITE_ALIASES, SITE_LABELS, SITES
from coach.core.journal.times import aware
from coach.core.legs import Leg

MAX_MINUTES = 24 * 60  # "about how long": a day is already far past any cramp
MAX_NOTE = 500
MAX_DAYS_BACK = 366 * 2  # an older date is more likely a typo than a record
WHEN_HELP = "now, 40 min ago, 2h ago, last night 3am, yesterday 22:30, 2026-11-03T03:10"

# The quick choices the log screen offers (the text is what parse_when reads).
WHEN_CHOICES = (
    ("now", "Just now"),
    ("30 min ago", "About half an hour ago"),
    ("last night 3am", "Last night, around 3 a.m."),
    ("last night 1am", "Last night, around 1 a.m."),
    ("last night 5am", "Early this morning, around 5 a.m."),
    ("yesterday 23:00", "Yesterday, late evening"),
)

_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_AGO = re.compile(r"^(\d{1,3})\s*(m|min|mins|minutes?|h|hr|hrs|hours?)\s+ago$")
# None: the most recent such time. "tonight" is the night we are in (see _tonight).
_DAYS = {"last night": None, "today": 0, "this morning": 0, "yesterday": 1}


class LogEntryError(ValueError):
    """One line saying what was wrong with a value the user gave."""


@dataclass(frozen=True)
class CrampEntry:
    when: datetime  # aware
    leg: str = "unknown"  # l, r, both, unknown (schema.LEGS)
    site: str | None = None  # schema.SITES
    minutes: float | None = None
    pain: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class RoutineEntry:
    routine_id: str
    when: datetime
    seconds: int | None = None  # how long the routine takes, when known


def parse_when(text: str | None, now: datetime | None = None) -> datetime:
    """A moment in the past, in local time; raises LogEntryError."""
    now = aware(now)
    words = " ".join((text or "now").lower().split())
    if words in ("", "now", "just now"):
        return now
    if words.startswith("tonight "):
        return _checked(_tonight(_clock(words[len("tonight ") :], text), now), now, text)
    ago = _AGO.match(words)
    if ago:
        amount = int(ago.group(1))
        unit = timedelta(hours=1) if ago.group(2).startswith("h") else timedelta(minutes=1)
        return _checked(now - amount * unit, now, text)
    for prefix, days_back in _DAYS.items():
        if words.startswith(prefix + " "):
            clock = _clock(words[len(prefix) + 1 :], text)
            if days_back is None:  # last night: the most recent such time
                return _checked(_latest(clock, now), now, text)
            day = now.date() - timedelta(days=days_back)
            return _checked(_local(day, clock, now), now, text)
    try:
        return _checked(_latest(_clock(words, text), now), now, text)
    except LogEntryError:
        pass
    try:
        moment = datetime.fromisoformat(words.upper().replace(" ", "T", 1))
    except ValueError:
        raise LogEntryError(f"when: expected a time like {WHEN_HELP}; got {text!r}") from None
    if abs(moment.date() - now.date()) > timedelta(days=MAX_DAYS_BACK):
        return _checked(moment.replace(tzinfo=now.tzinfo), now, text)  # says which way it is out
    if moment.tzinfo is None:
        moment = _local(moment.date(), moment.time(), now)
    return _checked(moment, now, text)


def _tonight(clock: time, now: datetime) -> datetime:
    """`tonight 11pm`: the night we are in, which began the evening of the day noon last passed
    on; a small-hours time belongs to the next morning. A time still to come is refused."""
    evening = (now - timedelta(hours=12)).date()
    day = evening if clock >= time(12) else evening + timedelta(days=1)
    return _local(day, clock, now)


def _clock(words: str, text: str | None) -> time:
    found = _TIME.match(words.replace(" ", "") if "m" in words else words)
    if not found:
        raise LogEntryError(f"when: expected a time of day like 3am or 22:30; got {text!r}")
    hour, minute, half = int(found.group(1)), int(found.group(2) or 0), found.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise LogEntryError(f"when: {hour} is not an hour on a 12-hour clock; got {text!r}")
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise LogEntryError(f"when: not a time of day: {text!r}")
    return time(hour, minute)


def _local(day: date, clock: time, now: datetime) -> datetime:
    # The local offset of that date and time (a DST change between then and now is respected).
    # `now` in this machine's zone: ask the system for that moment's offset; a fixed offset
    # (a test's, or an ISO time with one) is kept as it is.
    naive = datetime.combine(day, clock)
    if now.utcoffset() == now.astimezone().utcoffset():
        moment = naive.astimezone()
        if moment.replace(tzinfo=None) != naive:  # 02:30 on the night the clocks go forward
            raise LogEntryError(
                f"when: {naive:%Y-%m-%d %H:%M} did not happen here (the clocks went forward); "
                "give the time on the clock after the change"
            )
        return moment
    return naive.replace(tzinfo=now.tzinfo)


def _latest(clock: time, now: datetime) -> datetime:
    today = _local(now.date(), clock, now)
    return today if today <= now else _local(now.date() - timedelta(days=1), clock, now)


def _checked(moment: datetime, now: datetime, text: str | None) -> datetime:
    if moment > now + timedelta(minutes=1):
        raise LogEntryError(f"when: {text!r} is in the future; log what has already happened")
    if moment < now - timedelta(days=MAX_DAYS_BACK):
        raise LogEntryError(f"when: {text!r} is more than two years ago")
    return moment


def parse_leg(text: str | None) -> str:
    value = (text or "").strip().lower()
    leg = Leg.parse(value)  # l, r, left, right, 2, both
    value = leg.code if leg is not None else LEG_ALIASES.get(value, value)
    if value not in LEGS:
        raise LogEntryError(f"leg: expected left, right or both; got {text!r}")
    return value


def parse_site(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    value = text.strip().lower()
    value = SITE_ALIASES.get(value, value)
    if value not in SITES:
        raise LogEntryError(f"site: expected calf, sole (or arch), toes or other; got {text!r}")
    return value


def parse_minutes(text: str | float | None) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise LogEntryError(f"minutes: expected a number of minutes; got {text!r}") from None
    if not 0 < value <= MAX_MINUTES:
        raise LogEntryError(f"minutes: expected more than 0 and at most {MAX_MINUTES}; got {text}")
    return value


def parse_pain(text: str | int | None) -> int | None:
    if text is None or str(text).strip() == "":
        return None
    value = str(text).strip()
    # ASCII digits only: "²" and "①" are digits to str.isdigit() but not to int()
    if not re.fullmatch(r"[0-9]{1,2}", value) or not 0 <= int(value) <= 10:
        raise LogEntryError(f"pain: expected a whole number from 0 to 10; got {text!r}")
    return int(value)


def parse_note(text: str | None) -> str | None:
    note = " ".join((text or "").split())  # one line: newlines and tabs become spaces
    if len(note) > MAX_NOTE:
        raise LogEntryError(f"note: at most {MAX_NOTE} characters; got {len(note)}")
    return note or None


def cramp_entry(
    *,
    when: str | None = None,
    leg: str | None = None,
    site: str | None = None,
    minutes: str | float | None = None,
    pain: str | int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> CrampEntry:
    """A cramp from what the user gave (any may be missing but `when`, which defaults to now)."""
    started, lasted = parse_when(when, now), parse_minutes(minutes)
    if lasted is not None and started + timedelta(minutes=lasted) > aware(now) + timedelta(
        minutes=1
    ):
        raise LogEntryError(
            f"minutes: a cramp that began {started:%H:%M} and lasted {lasted:g} minutes "
            "would not be over yet; log it when it has ended"
        )
    return CrampEntry(
        when=started,
        leg=parse_leg(leg) if leg else "unknown",
        site=parse_site(site),
        minutes=lasted,
        pain=parse_pain(pain),
        note=parse_note(note),
    )


def routine_entry(
    routine_id: str,
    *,
    when: str | None = None,
    seconds: int | None = None,
    now: datetime | None = None,
) -> RoutineEntry:
    return RoutineEntry(routine_id=routine_id, when=parse_when(when, now), seconds=seconds)


def describe(entry: CrampEntry | RoutineEntry) -> str:
    """One line saying what was recorded: "a cramp on Tue 03 Nov at 03:10: left leg, calf, ..."""
    when = f"{entry.when:%a %d %b} at {entry.when:%H:%M}"
    if isinstance(entry, RoutineEntry):
        return f"the routine {entry.routine_id} on {when}"
    parts = []
    if entry.leg != "unknown":
        leg = Leg.parse(entry.leg)
        parts.append(leg.words if leg is not None else entry.leg)
    if entry.site:
        parts.append(SITE_LABELS[entry.site])
    if entry.minutes is not None:
        parts.append(f"about {entry.minutes:g} min")
    if entry.pain is not None:
        parts.append(f"pain {entry.pain}/10")
    return f"a cramp on {when}" + (f": {', '.join(parts)}" if parts else "")
