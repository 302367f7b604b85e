from __future__ import annotations

import pytest

from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import SegmentKind, build_timeline
from coach.core.session.clock import FakeClock
from coach.core.session.events import Countdown, Finished, SegmentStarted, SwitchSides
from coach.core.session.machine import Session
from coach.core.session.player_rules import (
    cue_for_events,
    key_available,
    leg_hint,
    restart_at_first_frame,
    seconds_until_change,
)

RELIEF = Routine(
    id="r",
    name="Relief",
    kind="relief",
    lead_in=0,
    steps=(
        Step(name="Stretch", hold=30, until_released=True),
        Step(name="Heat", hold=300, optional=True),
        Step(name="Note"),
    ),
)
SEGMENTS: dict[SegmentKind, object] = {}
for _segment in build_timeline(RELIEF):
    SEGMENTS.setdefault(_segment.kind, _segment)  # the first of each kind: the stretch's hold


def test_one_cue_per_batch_the_most_telling_first() -> None:
    hold = SEGMENTS[SegmentKind.HOLD]
    assert cue_for_events([]) is None
    assert cue_for_events([Countdown(3), Countdown(2), Countdown(1)]) == "tick"
    assert cue_for_events([Countdown(1), SegmentStarted(hold)]) == "step"
    assert cue_for_events([SegmentStarted(hold), SwitchSides("right")]) == "switch"
    assert cue_for_events([Countdown(1), Finished()]) == "done"


@pytest.mark.parametrize(
    ("kind", "action", "expected"),
    [
        (SegmentKind.RELEASED_QUESTION, "yes", True),
        (SegmentKind.RELEASED_QUESTION, "no", True),
        (SegmentKind.RELEASED_QUESTION, "next_or_no", False),
        (SegmentKind.RELEASED_QUESTION, "extend", False),
        (SegmentKind.RELEASED_QUESTION, "done", False),
        (SegmentKind.HOLD, "yes", False),
        (SegmentKind.HOLD, "next_or_no", True),
        (SegmentKind.HOLD, "extend", True),
        (SegmentKind.HOLD, "skip", False),
        (SegmentKind.HOLD, "done", False),
        (SegmentKind.NOTE, "done", True),
        (SegmentKind.NOTE, "extend", False),
        (SegmentKind.HOLD, "pause", True),
    ],
)
def test_keys_that_do_nothing_now_are_not_offered(
    kind: SegmentKind, action: str, expected: bool
) -> None:
    assert key_available(action, SEGMENTS[kind]) is expected


def test_skip_is_offered_on_optional_steps_only() -> None:
    heat = next(s for s in build_timeline(RELIEF) if s.step.name == "Heat")
    assert key_available("skip", heat) is True


def test_the_screen_wakes_when_the_shown_second_changes() -> None:
    clock = FakeClock(100.0)
    session = Session(RELIEF, now=clock())
    session.tick(clock())
    assert seconds_until_change(session, clock(), relief=False, overtime_shown=False) == 1.0
    clock.advance(0.25)
    wait = seconds_until_change(session, clock(), relief=False, overtime_shown=False)
    assert wait == pytest.approx(0.75)
    session.pause(clock())
    assert seconds_until_change(session, clock(), relief=False, overtime_shown=False) is None


def test_relief_also_wakes_at_the_ten_minute_mark_until_the_cramp_lets_go() -> None:
    clock = FakeClock(0.0)
    session = Session(RELIEF, now=clock())
    clock.advance(30)
    session.tick(clock())  # now at "has it let go?": nothing timed on screen
    assert seconds_until_change(session, clock(), relief=True, overtime_shown=False) == 570
    assert seconds_until_change(session, clock(), relief=True, overtime_shown=True) is None
    session.answer_released(clock(), True)
    session.tick(clock())
    wait = seconds_until_change(session, clock(), relief=True, overtime_shown=False)
    assert wait == 1.0  # only the heat countdown now


def test_leg_hint() -> None:
    assert leg_hint(False, None, False) == ""
    assert leg_hint(True, None, False) == "l / r: which leg"
    assert leg_hint(True, None, True).startswith("Which leg was it?")
    assert leg_hint(True, "left", True) == "Left leg noted  (l / r to change)"


def test_the_countdown_restarts_from_the_first_frame_shown() -> None:
    session = Session(RELIEF, now=100.0)
    fresh = restart_at_first_frame(session, shown_at=100.05, now=100.2)
    assert fresh is not None and fresh.started_at == 100.05
    assert fresh.remaining(100.2) == pytest.approx(30 - 0.15)
    assert fresh.tick(100.2) == []  # its start was already shown and played


@pytest.mark.parametrize("act", ["pause", "next", "late"])
def test_a_session_the_user_has_acted_on_or_a_late_frame_keeps_its_clock(act: str) -> None:
    session = Session(RELIEF, now=100.0)
    shown_at = 100.05
    if act == "late":
        shown_at = 102.0  # a routine started from Home: not this session's first frame
    else:
        getattr(session, act)(100.01)
    assert restart_at_first_frame(session, shown_at=shown_at, now=102.1) is None


def test_after_a_foot_cramp_the_hint_asks_about_the_foot() -> None:
    from coach.core.session.player_rules import leg_hint, limb

    assert limb("cramp-foot") == "foot" and limb("cramp-now") == "leg"
    assert leg_hint(True, None, True, "foot") == "Which foot was it?  l left  r right"
    assert leg_hint(True, "left", True, "foot") == "Left foot noted  (l / r to change)"
    assert leg_hint(True, None, False) == "l / r: which leg"
