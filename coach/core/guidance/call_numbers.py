"""The number to call for help, when the user has not set one: their region's ambulance number
from routines/emergency-numbers.json (each entry with its source; libphonenumber agrees with every
number, tests/unit/test_emergency_numbers.py), and where the region came from, so a wrong guess
is easy to see and to change. Read lazily by the urgent screen and the warning-sign check, never
before the cramp path's first paint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.guidance.region import Region
from coach.core.settings import DEFAULT_EMERGENCY_NUMBER

GENERIC_ADVICE = "a health advice line"
UNKNOWN_REGION_NOTE = (
    "No emergency number is set and your region is unknown. In many countries 112 works from "
    "a mobile phone. Set `emergency_number` (or `region`) in settings.yaml to name yours."
)


@dataclass(frozen=True)
class RegionNumbers:
    code: str
    name: str  # "the UK"
    call: tuple[str, ...]  # the ambulance number first, then others that reach one
    advice: str = ""  # a well-known health advice line: "111"
    source: str = ""


@dataclass(frozen=True)
class CallAdvice:
    number: str  # what fills {emergency_number}: "999", the user's own, or the generic words
    advice_line: str  # what fills {advice_line}: "a health advice line, 111 in the UK"
    notes: tuple[str, ...] = field(default=())  # where the number came from; a doubt about it


def table_path() -> Path:
    from coach.core.paths import builtin_dir

    return builtin_dir("routines") / "emergency-numbers.json"


def load_table(path: Path | None = None) -> dict[str, RegionNumbers]:
    """The table by region code; an unreadable table is an empty one (the generic words stay)."""
    import json

    try:
        data: Any = json.loads((path or table_path()).read_text(encoding="utf-8"))
        regions = data["regions"]
        return {
            code: RegionNumbers(
                code=code,
                name=str(entry["name"]),
                call=tuple(str(n) for n in entry["call"]),
                advice=str(entry.get("advice", "")),
                source=str(entry.get("source", "")),
            )
            for code, entry in regions.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def advice_line(numbers: RegionNumbers | None) -> str:
    if numbers is None or not numbers.advice:
        return GENERIC_ADVICE
    return f"{GENERIC_ADVICE}, {numbers.advice} in {numbers.name}"


def call_advice(
    own_number: str | None, region: Region | None, table: Mapping[str, RegionNumbers]
) -> CallAdvice:
    """What to name: the user's number when set (with a note when the table does not know it
    as an emergency number of their region), else the region's ambulance number with where the
    region came from, else the generic words and 112."""
    numbers = table.get(region.code) if region else None
    advice = advice_line(numbers)
    own = (own_number or "").strip()
    if own and own != DEFAULT_EMERGENCY_NUMBER:
        notes: tuple[str, ...] = ()
        if numbers and _digits(own) not in {_digits(n) for n in numbers.call}:
            known = ", ".join(numbers.call)
            notes = (
                f"Your `emergency_number` {own} is not one we know for {numbers.name} "
                f"(we know {known}); check it.",
            )
        return CallAdvice(own, advice, notes)
    if region is None or numbers is None:
        return CallAdvice(DEFAULT_EMERGENCY_NUMBER, advice, (UNKNOWN_REGION_NOTE,))
    number = numbers.call[0]
    others = f" ({', '.join(numbers.call[1:])} also works)" if numbers.call[1:] else ""
    note = (
        f"{number}{others}: {region.how} says {numbers.name}; "
        "set `emergency_number` in settings.yaml to change it."
    )
    return CallAdvice(number, advice, (note,))


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def resolve(own_number: str | None, region_setting: str, env: Mapping[str, str]) -> CallAdvice:
    """call_advice() for this machine: the region from settings, locale or time zone."""
    from coach.core.guidance.region import find_region

    return call_advice(own_number, find_region(region_setting, env), load_table())
