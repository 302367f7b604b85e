"""What may be coached, given the safety record: one rule for every routine (relief, nightly,
nightly-quick, a user's own), in the terminal and in the browser. The player asks before it starts.

    plan = coaching_for(routine, record, lines, now, emergency_number)
    if plan.warning:  # a swollen, red or warm leg on record, and this routine would touch it
        ...show it; the user picks one of plan.warning.answers...
        plan = coaching_for(routine, record, lines, now, emergency_number, answer)
    run plan.routine (on plan.leg, when it names one)

The rules (medical.md 2, T2 and the behaviour rules): within 14 days of a "yes" to a swollen, red or
warm leg, nothing stretches, rubs or warms that leg unless the user says a clinician checked it, and
even then rubbing and heat stay out. Numbness, nerve damage or diabetes on record: no heat and
no ice (Barnsley Hospital NHS: no ice pack with nerve damage or poor circulation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from coach.core.guidance.player_lines import PlayerLines
from coach.core.guidance.safety_record import SafetyRecord, active_leg_warning
from coach.core.legs import Leg
from coach.core.routines.routine import Routine, Step

TOUCHES = frozenset({"stretch", "massage", "heat"})  # what a swollen, red or warm leg must not get
AFTER_CHECK = frozenset({"massage", "heat"})  # what stays out once a clinician said it is fine
# Heat on numb skin: why it was left out, in the words of the note (question ids of the file).
HEAT_REASONS = {
    "T4": "weakness or loss of feeling that stayed after a cramp",
    "D4": "numbness or tingling",
    "N1": "diabetes or a long-term illness that can damage nerves",
}
BEFORE_YOU_START = "Before you start"  # the note that says `ask_first:` when a routine has none
# A step of the user's own words (no library id) is judged by them: a hold may be a stretch.
_WORDS = {
    "massage": ("rub", "massage", "knead"),
    "heat": ("heat", "warm", "hot "),
    "ice": (r"\bice\b", "cold pack", "frozen"),  # not "twice", "advice", "notice"
}  # searched as regular expressions in the step's lower-cased words


class Answer(StrEnum):
    OTHER = "other"  # only the other leg (relief: the cramp is in the other leg)
    WITHOUT = "without"  # go on, leaving out whatever stretches, rubs or warms that leg
    CHECKED = "checked"  # a clinician checked it and said it is fine: stretching only


@dataclass(frozen=True)
class LegWarning:
    title: str
    text: str
    keys: str  # one line per answer, then the urgent-help key
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Coaching:
    routine: Routine  # what may be coached; while `warning` is set, nothing may start yet
    warning: LegWarning | None = None
    leg: Leg | None = None  # a relief routine's leg, when the answer decided it


def coaching_for(
    routine: Routine,
    record: SafetyRecord,
    lines: PlayerLines,
    now: datetime,
    emergency_number: str,
    answer: Answer | None = None,
) -> Coaching:
    """What may be coached of `routine` now; with a leg warning, ask first and call again with the
    user's answer (None before they have given one)."""
    routine = without_heat(with_ask_first(routine), record, lines)
    since = active_leg_warning(record, now, lines.leg_warning_days)
    if since is None:
        return Coaching(routine)
    flagged = flagged_leg(record)
    relief = routine.relief
    if _left_out(routine.steps, flagged, _UNKNOWN, TOUCHES, lines) == routine.steps:
        return Coaching(routine)
    if answer is None:
        return Coaching(
            routine, warning=leg_warning(routine, record, lines, since, emergency_number)
        )
    leg = flagged.other if answer is Answer.OTHER and flagged.one_side else None
    on_leg = (leg or flagged) if relief else _UNKNOWN
    avoid = AFTER_CHECK if answer is Answer.CHECKED else TOUCHES
    steps = _left_out(routine.steps, flagged, on_leg, avoid, lines)
    if steps == routine.steps:
        return Coaching(routine, leg=leg)
    if answer is Answer.CHECKED:
        until = since + timedelta(days=lines.leg_warning_days)
        name = lines.checked_name
        text = lines.checked_text.replace("{until}", f"{until:%a} {until.day} {until:%b}")
    else:
        name, text = lines.left_out_name, lines.left_out_text.replace("{date}", _day(since))
    note = Step(
        name=name.replace("{leg}", flagged.words),
        instructions=text.replace("{leg}", flagged.words),
        source=lines.sources.get("leg_warning", ""),
    )
    return Coaching(replace(routine, steps=(note, *steps)), leg=leg)


def with_ask_first(routine: Routine) -> Routine:
    """The routine with its `ask_first:` (who should ask a clinician before starting) shown before
    the first stretch: atop its opening note ("How to stretch"), or as a note of its own."""
    if not routine.ask_first:
        return routine
    steps = list(routine.steps)
    first = steps[0] if steps else None
    if first is not None and not first.timed and first.reps is None:
        steps[0] = replace(first, instructions=f"{routine.ask_first}\n\n{first.instructions}")
    else:
        steps.insert(0, Step(name=BEFORE_YOU_START, instructions=routine.ask_first))
    return replace(routine, steps=tuple(steps))


def flagged_leg(record: SafetyRecord) -> Leg:
    """The leg on record; "not sure" (or a record from before the check asked) counts as both."""
    return Leg.parse(record.leg) or Leg.BOTH


def leg_warning(
    routine: Routine, record: SafetyRecord, lines: PlayerLines, since: datetime, number: str
) -> LegWarning:
    """The warning a routine opens with, with the answers that make sense for it."""
    flagged = flagged_leg(record)
    relief = routine.relief
    answers = [Answer.OTHER] if flagged.one_side else []
    if relief or not flagged.one_side:  # for nightly, "only the other leg" is already that
        answers.append(Answer.WITHOUT)
    answers.append(Answer.CHECKED)
    keys = lines.leg_warning_keys
    words = {
        Answer.OTHER: keys["other_relief" if relief else "other"],
        Answer.WITHOUT: keys["without"],
        Answer.CHECKED: keys["checked"],
    }
    shown = [words[a].replace("{other}", flagged.other.words) for a in answers]
    title = lines.leg_warning_title.replace("{Leg}", flagged.words.capitalize())
    title = title.replace("{leg}", flagged.words).replace("{date}", _day(since))
    text = lines.leg_warning_text.replace("{emergency_number}", number)
    text = text.replace("{leg}", flagged.words)
    return LegWarning(title, text, "\n".join([*shown, keys["urgent"]]), tuple(answers))


def heat_reason(record: SafetyRecord) -> str:
    reasons = [HEAT_REASONS.get(q, q) for q in record.no_heat]
    return " and ".join(dict.fromkeys(reasons))


NUMB_SKIN = ("heat", "ice")  # left out with numbness, nerve damage or diabetes on record


def without_heat(routine: Routine, record: SafetyRecord, lines: PlayerLines) -> Routine:
    """Any routine with each heat step and each ice step replaced by a note saying why, when
    numbness, nerve damage or diabetes is on record (skin that feels less may not warn of a burn
    or of cold damage); else unchanged."""
    if not record.no_heat:
        return routine

    def note(what: str) -> Step:
        def fill(text: str) -> str:
            text = text.replace("{what}", what).replace("{What}", what.capitalize())
            return text.replace("{why}", heat_reason(record))

        return Step(
            name=fill(lines.no_heat_name),
            instructions=fill(lines.no_heat_text),
            source=lines.sources.get("no_heat", ""),
        )

    def kept(step: Step) -> Step:
        done = activities(step, lines)
        return next((note(what) for what in NUMB_SKIN if what in done), step)

    steps = tuple(kept(step) for step in routine.steps)
    return routine if steps == routine.steps else replace(routine, steps=steps)


def activities(step: Step, lines: PlayerLines) -> frozenset[str]:
    """What a step does to a leg: "stretch", "massage", "heat" (the file's `activities`). A step
    in the user's own words is judged by them, and any hold or count may be a stretch."""
    if step.exercise is not None:
        return frozenset(a for a, ids in lines.activities.items() if step.exercise in ids)
    if not step.timed and step.reps is None:
        return frozenset()  # a note: read, then Enter
    words = f"{step.name} {step.instructions}".lower()
    found = {a for a, keys in _WORDS.items() if any(re.search(k, words) for k in keys)}
    return frozenset({"stretch", *found})


_UNKNOWN = None  # a step with no side, in a routine that does not name the leg: either leg


def _left_out(
    steps: tuple[Step, ...],
    flagged: Leg,
    on_leg: Leg | None,
    avoid: frozenset[str],
    lines: PlayerLines,
) -> tuple[Step, ...]:
    """The steps with whatever would `avoid` the flagged leg left out, or moved to the other."""
    kept = []
    for step in steps:
        new = _for_step(step, flagged, on_leg, avoid, lines)
        if new is not None:
            kept.append(new)
    return tuple(kept)


def _for_step(
    step: Step, flagged: Leg, on_leg: Leg | None, avoid: frozenset[str], lines: PlayerLines
) -> Step | None:
    if step.alternative is not None:
        alternative = _for_step(step.alternative, flagged, on_leg, avoid, lines)
        if alternative != step.alternative:
            step = replace(step, alternative=alternative)
    if not activities(step, lines) & avoid:
        return step
    if step.sides == "both":  # on each leg in turn: keep the other one, if one is free
        return replace(step, sides=flagged.other.value) if flagged.one_side else None
    side = Leg.parse(step.sides) or on_leg  # no side of its own: the routine's leg, if known
    if side is not None and side.one_side and flagged.one_side and side is not flagged:
        return step
    return None


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"
