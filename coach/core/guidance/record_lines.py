"""What `coach history` says about the safety record, and how to clear it (plain Python)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from coach.core.guidance.coaching import heat_reason
from coach.core.guidance.safety_record import SafetyRecord, active_leg_warning, leg_words


def record_lines(record: SafetyRecord, now: datetime, days: int) -> list[str]:
    """The record in a few lines, and how to clear it; [] when empty."""
    lines = []
    since = active_leg_warning(record, now, days)
    if since is not None:
        words = leg_words(record)
        said = "Both legs were" if words == "both legs" else f"Your {words} was"
        lines.append(
            f"{said} swollen, red or warm on {since:%d %b}: until "
            f"{since + timedelta(days=days):%d %b}, every routine warns you before it coaches "
            "that leg, and leaves out what would stretch, rub or warm it."
        )
    if record.no_heat:
        lines.append(
            f"Heat and ice are left out of every routine: {heat_reason(record)} is on record."
        )
    if lines:
        lines.append("Seen by a clinician and told it is fine? Press x to clear a part of it.")
    return lines


# The parts of the record, each cleared on its own: ruling out a clot says nothing about numb
# skin, so clearing the leg warning must not turn heat back on.
LEG, NUMB = "leg", "numb"


def clear_choices(record: SafetyRecord, now: datetime, days: int) -> list[tuple[str, str, str]]:
    """(key, label, part) for each part of the record that can be cleared now."""
    choices = []
    if active_leg_warning(record, now, days) is not None:
        choices.append(("l", "the leg warning: a clinician ruled out a clot", LEG))
    if record.no_heat:
        choices.append(("h", "no heat or ice: a clinician said my feeling is normal", NUMB))
    return choices


def cleared(record: SafetyRecord, part: str) -> SafetyRecord:
    """The record without one part (LEG or NUMB); the other part stays as it was."""
    if part == LEG:
        return replace(record, leg=None, leg_since="", leg_check="")
    if part == NUMB:
        return replace(record, no_heat=(), heat_check="")
    raise ValueError(f"no such part of the safety record: {part!r}")
