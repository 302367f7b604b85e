"""The safety record applied to a relief routine, before it runs (plain Python, no YAML).

notice = leg_notice(record, lines, now, emergency_number)  # None, or (title, text, keys)
routine = without_heat(routine, record, lines)             # heat replaced by a note saying why
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from coach.core.guidance.player_lines import PlayerLines
from coach.core.guidance.safety_record import SafetyRecord, active_leg_warning, leg_words
from coach.core.routines.routine import Routine, Step

# Why heat was left out, in the words of the line that says so (question ids of the file).
HEAT_REASONS = {
    "T4": "weakness or loss of feeling that stayed after a cramp",
    "D4": "numbness or tingling",
    "N1": "diabetes or a long-term illness that can damage nerves",
}
PLACEHOLDER = "{emergency_number}"


def leg_notice(
    record: SafetyRecord, lines: PlayerLines, now: datetime, emergency_number: str
) -> tuple[str, str, str] | None:
    """The 14-day leg warning `coach now` opens with, or None when there is none now."""
    since = active_leg_warning(record, now, lines.leg_warning_days)
    if since is None:
        return None
    title = lines.leg_warning_title.replace("{leg}", leg_words(record))
    title = title.replace("{date}", f"{since:%a} {since.day} {since:%b}")
    text = lines.leg_warning_text.replace(PLACEHOLDER, emergency_number)
    return title, text, lines.leg_warning_keys


def heat_reason(record: SafetyRecord) -> str:
    reasons = [HEAT_REASONS.get(q, q) for q in record.no_heat]
    return " and ".join(dict.fromkeys(reasons))


def without_heat(routine: Routine, record: SafetyRecord, lines: PlayerLines) -> Routine:
    """The relief routine with each heat step (the file's `activities.heat`) replaced by a note
    saying why, when numbness, nerve damage or diabetes is on record; else unchanged."""
    heat = set(lines.activities.get("heat", ()))
    if routine.kind != "relief" or not record.no_heat or not heat:
        return routine
    note = Step(
        name=lines.no_heat_name,
        instructions=lines.no_heat_text.replace("{why}", heat_reason(record)),
        source=lines.sources.get("no_heat", ""),
    )
    steps = tuple(note if step.exercise in heat else step for step in routine.steps)
    return routine if steps == routine.steps else replace(routine, steps=steps)


def record_lines(record: SafetyRecord, now: datetime, days: int) -> list[str]:
    """What `coach history` says about the safety record, and how to clear it; [] when empty."""
    lines = []
    since = active_leg_warning(record, now, days)
    if since is not None:
        lines.append(
            f"Your {leg_words(record)} was swollen, red or warm on {since:%d %b}: until "
            f"{since + timedelta(days=days):%d %b}, `coach now` warns you before coaching it."
        )
    if record.no_heat:
        lines.append(f"Heat is left out of cramp relief: {heat_reason(record)} is on record.")
    if lines:
        lines.append("Seen by a clinician and told it is fine? Press x to clear this record.")
    return lines
