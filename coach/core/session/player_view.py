"""What the player shows at a moment, as plain values: the screen only copies them into widgets.

Keeping this out of the Textual layer lets tests check every wording with a fake clock, and lets
the screen redraw only the parts whose text actually changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coach.core.legs import Leg
from coach.core.routines.durations import format_clock
from coach.core.routines.kind import RoutineKind
from coach.core.routines.routine import Step
from coach.core.routines.timeline import Segment, SegmentKind
from coach.core.session.progress import routine_progress, shows_routine_bar
from coach.core.session.step_title import step_title

# A cramp not easing after 10 minutes is itself a warning sign (warning-signs.yaml, T1); the
# warning check imports this figure from here.
RELIEF_OVERTIME_SECONDS = 10 * 60

_PHASES = {
    SegmentKind.LEAD_IN: "Get ready",
    SegmentKind.HOLD: "Hold",
    SegmentKind.REST: "Rest",
    SegmentKind.SWITCH: "Switch sides",
    SegmentKind.REPS: "Your pace",
    SegmentKind.NOTE: "Read this",
    SegmentKind.RELEASED_QUESTION: "Has it let go?",
    SegmentKind.READY: "Get ready",
}

if TYPE_CHECKING:
    from coach.core.session.machine import Session


@dataclass(frozen=True)
class PlayerView:
    title: str
    instructions: str
    phase: str
    clock: str  # what the big digits show; "" when the segment is not timed
    where: str  # "Left leg · set 2 of 3"
    next_up: str
    prompt: str  # the one decision the user can make now, in words
    caution: str
    step_progress: float  # 0..1
    routine_progress: float | None  # 0..1 of time planned (session/progress.py); None: no bar
    overtime: bool
    can_skip: bool
    finished: bool
    paused: bool = False


def describe(session: Session, now: float, *, relief: bool) -> PlayerView:
    kind = RoutineKind.RELIEF if relief else RoutineKind.PREVENTION
    segment: Segment | None = session.current
    # Once the user has said the cramp let go, a long heat or ice step is not a warning sign.
    overtime = (
        relief
        and session.release_seconds is None
        and session.elapsed(now) >= RELIEF_OVERTIME_SECONDS
    )
    if segment is None:
        return PlayerView(
            "Done", "", "Finished", "", "", "", "", "", 1.0, 1.0, overtime, False, True
        )
    step = segment.step
    remaining = session.remaining(now)
    timed = segment.duration is not None
    phase = _phase(segment)
    if segment.kind is SegmentKind.SWITCH and segment.side:
        phase = f"Switch to the {segment.side} leg"
    if session.paused:
        phase = paused_phase(phase, timed=timed)
    return PlayerView(
        title=_title(session, segment),
        instructions=step.instructions.strip(),
        phase=phase,
        clock=format_clock(math.ceil(remaining - 1e-9)) if timed else "",
        where=_where(segment, session),
        next_up=_next_up(session.next_segment, segment),
        prompt=_prompt(segment, getattr(session, "no_moves_on", False) and session.repeats == 0),
        caution=step.caution.strip(),
        step_progress=session.segment_progress(now),
        routine_progress=routine_progress(session, now) if shows_routine_bar(kind) else None,
        overtime=overtime,
        can_skip=step.optional,
        finished=False,
        paused=session.paused,
    )


PAUSED = "Paused · space to go on"


def paused_phase(phase: str, *, timed: bool) -> str:
    """The phase line while paused says so and names the key that goes on; at a part that waits
    for an answer ("Has it let go?") the question stays, so the user still knows what is asked."""
    return PAUSED if timed else f"{phase} · paused (space)"


def _phase(segment: Segment) -> str:
    step = segment.step
    if segment.kind is SegmentKind.HOLD and not _is_stretch(step):
        return "Time left"  # massage, walking, heat: nothing to "hold"
    return _PHASES[segment.kind]


def _is_stretch(step: Step) -> bool:
    return step.until_released or step.sets > 1 or step.sides != "none"


def _title(session: Session, segment: Segment) -> str:
    return step_title(segment.step.name, segment.step_index, len(session.routine.steps))


def _where(segment: Segment, session: Session) -> str:
    parts = []
    leg = Leg.parse(segment.side)
    if leg is not None:
        parts.append(leg.words.capitalize())  # "Left leg"
    if segment.kind is SegmentKind.READY and segment.step.hold:
        parts.append(f"the {format_clock(segment.step.hold)} timer starts on Enter")
    elif segment.kind is SegmentKind.REPS and segment.step.reps:
        parts.append(f"{segment.step.reps} times, then Enter")
    elif segment.step.sets > 1 and segment.kind in (SegmentKind.HOLD, SegmentKind.REST):
        parts.append(f"set {segment.set_number} of {segment.step.sets}")
    repeats = getattr(session, "repeats", 0)
    if segment.step.until_released and repeats and segment.kind is SegmentKind.HOLD:
        parts.append(f"stretch {repeats + 1}")
    return "  ·  ".join(parts)


def _next_up(upcoming: Segment | None, segment: Segment) -> str:
    if segment.kind is SegmentKind.RELEASED_QUESTION:
        return ""
    if upcoming is None:
        return "Next: finish"
    if upcoming.step_index != segment.step_index:
        return f"Next: {upcoming.step.name}"
    if upcoming.side and upcoming.side != segment.side:
        return f"Next: {upcoming.side} leg"
    if upcoming.kind is SegmentKind.HOLD and not _is_stretch(upcoming.step):
        return "Next: start"  # a walk or massage: there is nothing to "hold"
    return f"Next: {_PHASES[upcoming.kind].lower()}"


def _prompt(segment: Segment, no_moves_on: bool = False) -> str:
    if segment.kind is SegmentKind.RELEASED_QUESTION:
        # Adapted (guidance/what_works.py): the first "no" goes on to the next step (massage).
        return (
            "y  yes     n  no, on to massage" if no_moves_on else "y  yes     n  no, stretch again"
        )
    if segment.kind is SegmentKind.REPS:
        return "Press Enter when done"
    if segment.kind is SegmentKind.NOTE:
        return "Press Enter when you have read it"
    if segment.kind is SegmentKind.READY:
        return segment.step.ready_first  # "Get ... ready, then press Enter."
    if segment.step.optional:
        return "Press s to skip this step"
    return ""
