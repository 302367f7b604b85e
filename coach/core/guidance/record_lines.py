"""What `coach history` says about the safety record, and how to clear it (plain Python)."""

from __future__ import annotations

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
        lines.append(f"Heat is left out of every routine: {heat_reason(record)} is on record.")
    if lines:
        lines.append("Seen by a clinician and told it is fine? Press x to clear this record.")
    return lines
