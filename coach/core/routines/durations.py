"""Durations as people write them in routine files: 45, 45s, 1m, 1m30s, 90 s, 2 min, 1h.

Whole seconds only: a stretch coach never needs finer, and it keeps parse(format(x)) == x exact.
"""

from __future__ import annotations

import re

EXPECTED = "a duration like 30s or 1m30s"

_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
_UNIT_NAMES = {
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "m": ("m", "min", "mins", "minute", "minutes"),
    "s": ("s", "sec", "secs", "second", "seconds"),
}
_WORD_TO_UNIT = {word: unit for unit, words in _UNIT_NAMES.items() for word in words}
_PART = re.compile(r"\s*(\d+)\s*([a-z]+)\s*", re.ASCII)  # ASCII: "٣٠s" is not 30s
_BARE = re.compile(r"\s*(\d+)\s*", re.ASCII)
_CLOCK = re.compile(r"\s*(\d+):([0-5]\d)\s*", re.ASCII)  # "1:30", as a countdown shows it


class DurationError(ValueError):
    """The text is not a duration; the message says what was expected."""


def parse_duration(value: object) -> int:
    """Return whole seconds for a YAML value (int or text); raise DurationError otherwise."""
    if isinstance(value, bool) or value is None:
        raise DurationError(f"expected {EXPECTED}, got {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise DurationError(f"expected {EXPECTED}, got a negative number {value}")
        return value
    if isinstance(value, float):
        if value.is_integer() and value >= 0:
            return int(value)
        raise DurationError(f"expected whole seconds ({EXPECTED}), got {value!r}")
    if not isinstance(value, str):
        raise DurationError(f"expected {EXPECTED}, got a {type(value).__name__}")
    text = value.strip().lower()
    bare = _BARE.fullmatch(text)
    if bare:
        return int(bare.group(1))
    clock = _CLOCK.fullmatch(text)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    total, pos = 0, 0
    seen: list[str] = []
    while pos < len(text):
        match = _PART.match(text, pos)
        unit = _WORD_TO_UNIT.get(match.group(2)) if match else None
        if (
            match is None
            or unit is None
            or unit in seen
            or (seen and _order(unit) <= _order(seen[-1]))
        ):
            raise DurationError(f"expected {EXPECTED}, got {value!r}")
        seen.append(unit)
        total += int(match.group(1)) * _UNIT_SECONDS[unit]
        pos = match.end()
    if not seen:
        raise DurationError(f"expected {EXPECTED}, got {value!r}")
    return total


def _order(unit: str) -> int:
    return "hms".index(unit)


def format_duration(seconds: float) -> str:
    """The shortest file form of whole seconds: 0s, 45s, 1m, 1m30s, 1h2m."""
    total = int(round(seconds))
    if total <= 0:
        return "0s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h"] if hours else []
    if minutes:
        parts.append(f"{minutes}m")
    if secs:
        parts.append(f"{secs}s")
    return "".join(parts)


def format_clock(seconds: float) -> str:
    """A countdown as people read it: 0:45, 2:05, 1:02:03 (never negative)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
