"""The player's small decisions, as plain functions: which cue to play, which keys mean
something now, when the screen next needs to wake. The Textual screen only asks."""

from __future__ import annotations

import math

from coach.core.routines.timeline import Segment, SegmentKind
from coach.core.session.events import Countdown, Event, Finished, SegmentStarted, SwitchSides
from coach.core.session.machine import Session
from coach.core.session.player_view import RELIEF_OVERTIME_SECONDS

FIRST_FRAME_GRACE = 1.0  # seconds: a first frame later than this is not "the start" any more

# After a stall several events arrive at once; one cue, the most telling, is all an ear can use.
CUE_PRIORITY = ("done", "switch", "step", "tick")
_STEP_CUE_KINDS = (
    SegmentKind.HOLD,
    SegmentKind.REPS,
    SegmentKind.NOTE,
    SegmentKind.RELEASED_QUESTION,
)


def cue_for(event: Event) -> str | None:
    if isinstance(event, Countdown):
        return "tick"
    if isinstance(event, SwitchSides):
        return "switch"
    if isinstance(event, SegmentStarted) and event.segment.kind in _STEP_CUE_KINDS:
        return "step"
    if isinstance(event, Finished):
        return "done"
    return None


def cue_for_events(events: list[Event]) -> str | None:
    cues = {cue_for(event) for event in events}
    return next((cue for cue in CUE_PRIORITY if cue in cues), None)


# The player keys whose use depends on the segment; every other key always works.
GATED_ACTIONS: tuple[str, ...] = ("pause", "resume", "yes", "no", "next_or_no", "extend", "skip")
GATED_ACTIONS += ("done", "alternative")


def key_available(action: str, segment: Segment | None, paused: bool = False) -> bool:
    """Whether a player key does anything at this segment (the footer hides it when not).
    Space reads "Pause" on a running countdown and "Go on" while paused; a part that waits for
    the user has nothing to pause."""
    if action == "resume":
        return paused
    if segment is None:
        return action != "pause" or not paused
    question = segment.kind is SegmentKind.RELEASED_QUESTION
    waiting = segment.duration is None
    if action == "pause":
        return not paused and not waiting
    if action in ("yes", "no"):
        return question
    if action == "next_or_no":
        return not question
    if action == "extend":
        return not waiting  # nothing to add to a part that waits for you
    if action == "skip":
        return segment.step.optional
    if action == "done":
        return waiting and not question
    if action == "alternative":  # a step with another exercise to take instead
        return segment.step.alternative is not None and not paused
    return True


def seconds_until_change(
    session: Session, now: float, *, relief: bool, overtime_shown: bool
) -> float | None:
    """When what the player shows next changes on its own; None when only a key can change it."""
    delays = []
    segment = session.current
    if segment is not None and segment.duration is not None and not session.paused:
        remaining = session.remaining(now)
        # The digits show ceil(remaining): they change when remaining crosses a whole second.
        delays.append(remaining - (math.ceil(remaining - 1e-9) - 1))
    # The 10-minute mark matters only while the cramp has not let go (see player_view.describe).
    if relief and not overtime_shown and not session.paused and session.release_seconds is None:
        delays.append(RELIEF_OVERTIME_SECONDS - session.elapsed(now))
    return min(delays) if delays else None


FOOT_ROUTINES = ("cramp-foot",)  # relief for an arch or toe cramp: ask about the foot


def limb(routine_id: str) -> str:
    """What the user is asked to name: "foot" after a foot cramp, else "leg"."""
    return "foot" if routine_id in FOOT_ROUTINES else "leg"


def leg_hint(relief: bool, leg: str | None, released: bool, limb: str = "leg") -> str:
    if not relief:
        return ""
    if leg:
        return f"{leg.capitalize()} {limb} noted  (l / r to change)"
    if released:
        return f"Which {limb} was it?  l left  r right"
    return f"l / r: which {limb}"


def restart_at_first_frame(session: Session, shown_at: float, now: float) -> Session | None:
    """The session again, started when its first frame was shown, or None to keep it.

    The first frame goes out tens of milliseconds after the screen is built, and every deadline
    chains from the start: the countdown should start when the user can see it. Not when the
    user has already acted (their clock is the real one), nor for a frame that was not this
    session's first (a routine started from Home)."""
    if session.index != 0 or session.paused or session.finished or session.resumed:
        return None  # (a session picked up again keeps the time it had)
    if not 0 <= shown_at - session.started_at <= FIRST_FRAME_GRACE:
        return None
    fresh = Session(session.routine, now=shown_at)
    fresh.tick(now)  # its "started" events were already played and shown
    return fresh
