"""Night or day: which theme `theme: auto` means at a moment, from the `night` window."""

from __future__ import annotations

from datetime import time

from coach.core.bedside.time_of_day import clock


def in_window(now: time, start: str, end: str) -> bool:
    """Is `now` inside start-end (local clock)? A window may cross midnight (21:00-07:00);
    start == end is an empty window."""
    first, last = clock(start), clock(end)
    if first <= last:
        return first <= now < last
    return now >= first or now < last


def theme_for(setting: str, now: time, window: tuple[str, str]) -> str:
    """'night' or 'day' for the `theme` setting (night, day, auto) at `now`."""
    if setting in ("night", "day"):
        return setting
    return "night" if in_window(now, *window) else "day"


def toggled(theme: str) -> str:
    return "day" if theme == "night" else "night"
