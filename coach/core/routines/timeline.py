"""A routine flattened into the segments the session steps through, and its text plan.

Expanding steps once, up front, keeps the session a simple walk over a tuple: every "what comes
next", progress figure and plan line reads the same sequence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coach.core.routines.durations import format_clock, format_duration
from coach.core.routines.routine import Routine, Step

MIN_SWITCH = 3  # seconds; time to change legs even when the routine has no rest or lead-in


class SegmentKind(StrEnum):
    LEAD_IN = "lead_in"  # get into position before the first hold of a side
    HOLD = "hold"
    REST = "rest"  # between sets of the same side
    SWITCH = "switch"  # change to the other side (replaces the lead-in of the second side)
    REPS = "reps"  # counted work; waits for the user
    NOTE = "note"  # read-and-continue; waits for the user
    RELEASED_QUESTION = "released_question"  # "has it let go?"; waits for yes / no
    READY = "ready"  # before a `ready_first` step's timer: waits for Enter


WAITING_KINDS = frozenset(
    {SegmentKind.REPS, SegmentKind.NOTE, SegmentKind.RELEASED_QUESTION, SegmentKind.READY}
)


@dataclass(frozen=True)
class Segment:
    """One stretch of the routine.

    `set_number` is 1-based: the set a HOLD is, the set a LEAD_IN / SWITCH leads into, and the
    set a REST follows. `duration` is None for segments that wait for the user.
    """

    kind: SegmentKind
    step_index: int
    step: Step
    side: str | None
    set_number: int
    duration: int | None

    @property
    def timed(self) -> bool:
        return self.duration is not None


Timeline = tuple[Segment, ...]


def build_timeline(routine: Routine) -> Timeline:
    """Expand every step of `routine` in order (see docs/ARCHITECTURE.md, "Timeline")."""
    segments: list[Segment] = []
    for index, step in enumerate(routine.steps):
        segments.extend(_expand_step(index, step, routine.lead_in))
    return tuple(segments)


def _expand_step(index: int, step: Step, lead_in: int) -> list[Segment]:
    if step.hold is not None:
        ready = [Segment(SegmentKind.READY, index, step, None, 1, None)] if step.ready_first else []
        return ready + _timed_step(index, step, step.hold, lead_in)
    if step.reps is not None:
        # Counted work has no timer, so no lead-in or switch: the user sets their own pace.
        return [Segment(SegmentKind.REPS, index, step, side, 1, None) for side in step.side_list]
    # A note is read once, whatever sides it names.
    return [Segment(SegmentKind.NOTE, index, step, None, 1, None)]


def _timed_step(index: int, step: Step, hold: int, lead_in: int) -> list[Segment]:
    out: list[Segment] = []
    for side_number, side in enumerate(step.side_list):
        if side_number == 0:
            if lead_in > 0:
                out.append(Segment(SegmentKind.LEAD_IN, index, step, side, 1, lead_in))
        else:
            switch = max(step.rest, lead_in, MIN_SWITCH)
            out.append(Segment(SegmentKind.SWITCH, index, step, side, 1, switch))
        for set_number in range(1, step.sets + 1):
            out.append(Segment(SegmentKind.HOLD, index, step, side, set_number, hold))
            if set_number < step.sets and step.rest > 0:
                out.append(Segment(SegmentKind.REST, index, step, side, set_number, step.rest))
        # Asked per side: a cramp lets go in one leg, and "no" repeats that side's hold.
        if step.until_released:
            out.append(Segment(SegmentKind.RELEASED_QUESTION, index, step, side, step.sets, None))
    return out


def step_size(step: Step, lead_in: int) -> tuple[int, int]:
    """(segments, timed seconds) that _expand_step would give, by arithmetic: the loader refuses
    a routine too big to expand before anything is expanded (tests compare the two)."""
    sides = len(step.side_list)
    if step.hold is None:
        return (sides if step.reps is not None else 1), 0
    per_side = step.sets + (step.sets - 1 if step.rest > 0 else 0) + int(step.until_released)
    seconds_per_side = step.sets * step.hold + (step.sets - 1) * step.rest
    segments = sides * per_side + (1 if lead_in > 0 else 0) + (sides - 1) + bool(step.ready_first)
    seconds = sides * seconds_per_side + lead_in + (sides - 1) * max(step.rest, lead_in, MIN_SWITCH)
    return segments, seconds


def swap_step(
    timeline: Timeline, step_index: int, step: Step, lead_in: int
) -> tuple[Timeline, int]:
    """The timeline with step `step_index`'s segments replaced by `step`'s; and the index of
    the new step's first segment (the rest of the timeline is unchanged)."""
    first = next(i for i, s in enumerate(timeline) if s.step_index == step_index)
    end = first
    while end < len(timeline) and timeline[end].step_index == step_index:
        end += 1
    middle = tuple(_expand_step(step_index, step, lead_in))
    return timeline[:first] + middle + timeline[end:], first


def hold_seconds(timeline: Timeline) -> int:
    """The timed work planned: seconds of holds (rests, lead-ins and switches left out)."""
    return sum(s.duration or 0 for s in timeline if s.kind is SegmentKind.HOLD)


def total_seconds(timeline: Timeline) -> int:
    """Seconds of the timed segments; waiting segments take as long as the user needs."""
    return sum(segment.duration or 0 for segment in timeline)


# Rough user time for untimed work, so a listed length is honest about counted reps and notes.
SECONDS_PER_REP = 1.5
SECONDS_PER_NOTE = 15


def estimated_seconds(timeline: Timeline, *, optional: bool = True) -> int:
    """Timed seconds plus an estimate for reps and notes; `optional=False` leaves out skippable
    steps (heat, ice), which most people do not need."""
    total = 0.0
    for segment in timeline:
        if segment.step.optional and not optional:
            continue
        total += segment_estimate(segment)
    return round(total)


def segment_estimate(segment: Segment) -> float:
    """A segment's seconds: its timer, or a rough guess for reps and notes (0 for a question)."""
    if segment.duration is not None:
        return segment.duration
    if segment.kind is SegmentKind.REPS:
        return (segment.step.reps or 1) * SECONDS_PER_REP
    if segment.kind is SegmentKind.NOTE:
        return SECONDS_PER_NOTE
    return 0.0


def length_text(timeline: Timeline) -> str:
    """ "about 10 min", or "about 4 min (+15 min optional)" when some steps can be skipped."""
    core = estimated_seconds(timeline, optional=False)
    extra = estimated_seconds(timeline) - core
    text = f"about {_minutes(core)} min"
    return f"{text} (+{_minutes(extra)} min optional)" if extra else text


def _minutes(seconds: int) -> int:
    return max(1, round(seconds / 60))


# --- the `coach plan` text ---------------------------------------------------------------------

_NAME_WIDTH_MAX = 36


def plan_lines(routine: Routine) -> list[str]:
    """One line per segment (start m:ss, step, side, set, duration), then a total line.

    Start times count timed seconds only, since waiting segments have no fixed length.
    """
    timeline = build_timeline(routine)
    width = min(_NAME_WIDTH_MAX, max((len(s.step.name) for s in timeline), default=4))
    width = max(width, len("step"))
    lines = [_row("start", "step", "side", "set", "time", width)]
    start = 0
    for segment in timeline:
        lines.append(
            _row(
                format_clock(start),
                _fit(segment.step.name, width),
                segment.side or "",
                _set_label(segment),
                _what(segment),
                width,
            )
        )
        start += segment.duration or 0
    lines.append(_total_line(timeline))
    return lines


def _row(start: str, name: str, side: str, set_label: str, what: str, width: int) -> str:
    return f"{start:>6}  {name:<{width}}  {side:<5}  {set_label:>5}  {what}".rstrip()


def _fit(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _set_label(segment: Segment) -> str:
    if segment.kind is SegmentKind.HOLD:
        return f"{segment.set_number}/{segment.step.sets}"
    return ""


def _what(segment: Segment) -> str:
    kind, duration = segment.kind, format_duration(segment.duration or 0)
    if kind is SegmentKind.HOLD:
        return duration
    if kind is SegmentKind.LEAD_IN:
        return f"get ready {duration}"
    if kind is SegmentKind.REST:
        return f"rest {duration}"
    if kind is SegmentKind.SWITCH:
        return f"switch sides {duration}"
    if kind is SegmentKind.REPS:
        return f"{segment.step.reps} reps"
    if kind is SegmentKind.NOTE:
        return "note"
    if kind is SegmentKind.READY:
        return "get ready, then Enter"
    return "has it let go?"


def _total_line(timeline: Timeline) -> str:
    line = f"total {format_clock(total_seconds(timeline))}"
    waiting = waiting_text(timeline)
    if waiting:
        line += f" plus {waiting} at your own pace"
    return line


_WAITING_NAMES = {
    SegmentKind.REPS: ("counted set", "counted sets"),
    SegmentKind.NOTE: ("note", "notes"),
    SegmentKind.RELEASED_QUESTION: ("question", "questions"),
    SegmentKind.READY: ("wait to get ready", "waits to get ready"),
}


def waiting_text(timeline: Timeline) -> str:
    """The parts with no timer, by what they are: "5 counted sets and 1 note" ("" for none)."""
    parts = []
    for kind, (one, many) in _WAITING_NAMES.items():
        count = sum(1 for segment in timeline if segment.kind is kind)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return "".join(parts)
