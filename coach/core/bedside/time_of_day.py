"""A time of day as the user writes it: HH:MM on a 24-hour clock ("22:30", "7:05").

The one home of that format: the reminder's time in settings.yaml and on the command line
(`coach remind --ics 22:30`), and the night theme's window ("21:00-07:00"), are all read here.
`coach remind` imports this at every shell start, so it imports nothing but `re` and `datetime`.
"""

from __future__ import annotations

import re
from datetime import time

# The text of one time, for a pattern that holds one (the night window holds two).
CLOCK_PATTERN = r"(?:[01]?\d|2[0-3]):[0-5]\d"
EXPECTED = "a time like 22:30 (24-hour)"

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
# Compiled on first use (re caches it): `coach remind` never reads a window.
_WINDOW = rf"({CLOCK_PATTERN})\s*-\s*({CLOCK_PATTERN})"


def parse_clock(text: str) -> time | None:
    """'22:30' -> time(22, 30); None when it is not a 24-hour time (surrounding blanks allowed)."""
    match = _CLOCK.fullmatch(text.strip())
    return time(int(match[1]), int(match[2])) if match else None


def is_clock(text: str) -> bool:
    """Is `text`, exactly as written, a 24-hour time?"""
    return _CLOCK.fullmatch(text) is not None


def clock(text: str) -> time:
    """parse_clock for text already checked; ValueError naming what was expected otherwise."""
    found = parse_clock(text)
    if found is None:
        raise ValueError(f"expected {EXPECTED}, got {text[:40]!r}")
    return found


def parse_window(text: str) -> tuple[str, str] | None:
    """'21:00-07:00' -> ('21:00', '07:00'), the two times as written; None when it does not read."""
    match = re.fullmatch(_WINDOW, text.strip())
    return (match[1], match[2]) if match else None
