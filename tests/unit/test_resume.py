"""A session cut short carries on where it was: the machine starts at a segment with its time
left (Session.resume_at), the position it keeps (position.py), and the rule of which session may
be picked up and where (resume.py), with the time worked out from the wall clock."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.journal.schema import SessionRecord
from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import SegmentKind
from coach.core.session.clock import FakeClock
from coach.core.session.events import Countdown, Finished, SegmentStarted, StepDone
from coach.core.session.machine import Session
from coach.core.session.position import Position, position_key, position_of
from coach.core.session.resume import (
    Resumable,
    carry_on,
    may_resume,
    offer_words,
    resume_point,
)

K = SegmentKind
WALL = 1_800_000_000.0  # the wall clock (seconds since the epoch) at the session's start
NOW = datetime.fromtimestamp(WALL, UTC)


def relief() -> Routine:
    return Routine(
        id="cramp-now",
        name="Cramping now",
        kind="relief",
        lead_in=0,
        steps=(
            Step("Pull your toes", hold=30, until_released=True),
            Step("Rub the muscle", hold=60),
            Step("Afterwards"),
        ),
    )


def nightly() -> Routine:
    seated = Step("Seated towel stretch", hold=20, sides="both")
    return Routine(
        id="nightly",
        name="Nightly",
        kind="prevention",
        lead_in=5,
        steps=(
            Step("Calf", hold=20, sets=2, rest=5, sides="both"),
            Step("Hamstring", hold=20, sides="both", alternative=seated),
            Step("Foot", reps=10),
        ),
    )


def kinds(events: list[object]) -> list[str]:
    return [e.segment.kind.value for e in events if isinstance(e, SegmentStarted)]


# --- the machine starts where it is told ---------------------------------------------------------


def test_resume_at_starts_the_segment_with_the_time_left_and_counts_down_from_there() -> None:
    clock = FakeClock(100.0)
    session = Session(nightly(), now=clock())
    session.resume_at(clock(), 3, remaining=4.5, active_before=40.0, hold_seconds_done=20.0)
    events = session.tick(clock())
    assert [(e.segment.kind, e.segment.side, e.segment.set_number) for e in events] == [
        (K.HOLD, "left", 2)
    ]  # only where it is now: nothing of the start is played again
    assert session.resumed and session.remaining(clock()) == 4.5
    clock.advance(4.5)
    after = session.tick(clock())
    assert [e.seconds_left for e in after if isinstance(e, Countdown)] == [3, 2, 1]
    assert kinds(after) == ["switch"]
    assert session.hold_seconds_done == 20.0 + 20.0  # the hold counts whole: its part before too
    assert session.active_seconds(clock()) == pytest.approx(40.0 + 15.5 + 4.5)


def test_resume_at_with_the_time_run_out_goes_on_at_once_with_the_next_part_whole() -> None:
    clock = FakeClock(50.0)
    session = Session(relief(), now=clock())
    session.resume_at(clock(), 0, remaining=0.0)
    events = session.tick(clock())
    assert kinds(events) == ["released_question"]  # not the stretch again
    assert session.current is not None and session.current.kind is K.RELEASED_QUESTION
    session.answer_released(clock(), yes=False)
    assert session.current.kind is K.HOLD and session.remaining(clock()) == 30.0

    other = Session(relief(), now=clock())
    other.resume_at(clock(), 2, remaining=0.0)  # the rubbing ran out: on to "Afterwards"
    events = other.tick(clock())
    assert [e for e in events if isinstance(e, StepDone)] == [StepDone(1)]
    assert kinds(events) == ["note"] and 1 in other.completed_steps


def test_resume_at_paused_keeps_what_was_left_until_go_on() -> None:
    clock = FakeClock(10.0)
    session = Session(relief(), now=clock())
    session.resume_at(clock(), 2, remaining=42.0, paused=True)
    clock.advance(300)
    assert session.paused and session.remaining(clock()) == 42.0
    session.resume(clock())
    clock.advance(41)
    assert session.remaining(clock()) == pytest.approx(1.0)


def test_resume_at_keeps_seconds_that_were_added() -> None:
    clock = FakeClock()
    session = Session(relief(), now=clock())
    session.resume_at(clock(), 0, remaining=40.0, length=45.0)  # 30 s + 15 added, 5 done
    assert session.remaining(clock()) == 40.0 and session.segment_length == 45.0
    assert session.segment_progress(clock()) == pytest.approx(5 / 45)


def test_resume_at_a_part_that_waits_and_a_wrong_index() -> None:
    clock = FakeClock()
    session = Session(relief(), now=clock())
    session.resume_at(clock(), 1)
    assert session.current is not None and session.current.kind is K.RELEASED_QUESTION
    with pytest.raises(ValueError):
        session.resume_at(clock(), 99)


def test_the_last_part_run_out_finishes_the_session() -> None:
    clock = FakeClock()
    only = Routine(id="x", name="X", kind="prevention", steps=(Step("A", hold=9),), lead_in=0)
    session = Session(only, now=clock())
    session.resume_at(clock(), 0, remaining=0.0)
    assert isinstance(session.tick(clock())[-1], Finished) and session.finished


# --- the position the journal keeps ----------------------------------------------------------


def test_a_position_is_written_in_wall_time_and_read_back() -> None:
    clock = FakeClock(500.0)
    session = Session(nightly(), now=clock())
    clock.advance(5 + 12)  # lead-in, then 12 s into the first hold
    session.tick(clock())
    session.pause(clock())
    clock.advance(60)
    position = position_of(session, clock(), WALL + 77)
    assert position is not None
    assert (position.segment, position.step_name, position.side, position.kind) == (
        1,
        "Calf",
        "left",
        "hold",
    )
    assert position.started_wall == WALL + 5 and position.paused_wall == WALL + 17
    assert position.length == 20 and position.active_before == 5 and position.holds_done == 0
    assert Position.from_text(position.to_text()) == position


@pytest.mark.parametrize(
    "text",
    [None, "", "not json", "[]", '{"segment": 1}', 7],
)
def test_anything_that_is_not_a_whole_position_reads_as_none(text: object) -> None:
    assert Position.from_text(text) is None


@pytest.mark.parametrize(
    "change",
    [
        {"segment": -1},
        {"segment": True},
        {"kind": "dance"},
        {"started_wall": float("nan")},
        {"length": -5.0},
        {"paused_wall": "soon"},
        {"step_name": 3},
    ],
)
def test_a_damaged_position_reads_as_none(change: dict[str, object]) -> None:
    good = Position(1, 0, "Calf", "left", 1, "hold", WALL, 20.0, None, 5.0, 0.0)
    assert Position.from_text(good.to_text()) == good
    assert Position.from_text(replace(good, **change).to_text()) is None  # type: ignore[arg-type]


def test_the_position_key_changes_with_a_new_part_or_a_pause_not_with_a_tick() -> None:
    clock = FakeClock()
    session = Session(relief(), now=clock())
    first = position_key(session)
    clock.advance(10)
    session.tick(clock())
    assert position_key(session) == first
    session.pause(clock())
    paused = position_key(session)
    assert paused != first
    clock.advance(30)
    session.resume(clock())
    assert position_key(session) not in (first, paused)  # the part's start moved on


# --- which session may be picked up ----------------------------------------------------------


def record(kind: str = "relief", status: str = "interrupted", ended_ago: float = 60, **kw):  # type: ignore[no-untyped-def]
    started = NOW - timedelta(seconds=ended_ago + 90)
    ended = NOW - timedelta(seconds=ended_ago)
    return SessionRecord(1, "cramp-now", kind, status, started, ended, **kw)


POSITION = Position(0, 0, "Pull your toes", None, 1, "hold", WALL - 80, 30.0, None, 0.0, 0.0)


@pytest.mark.parametrize(
    ("kwargs", "offered"),
    [
        ({}, True),
        ({"ended_ago": 9.9 * 60}, True),
        ({"ended_ago": 10.1 * 60}, False),  # relief: 10 minutes
        ({"kind": "prevention", "ended_ago": 14.9 * 60}, True),  # a routine: 15
        ({"kind": "prevention", "ended_ago": 15.1 * 60}, False),
        ({"status": "stopped"}, False),  # q, y: the user ended it
        ({"status": "completed"}, False),
        ({"status": "running"}, False),
        ({"entered_afterwards": True}, False),
        ({"ended_ago": -30}, True),  # a clock set back a little (network time)
        ({"ended_ago": -5 * 60}, False),  # set back more: how long ago is unknown
    ],
)
def test_which_interrupted_session_may_be_picked_up(kwargs: dict, offered: bool) -> None:
    assert may_resume(record(**kwargs), POSITION, NOW) is offered


def test_without_a_position_nothing_is_offered() -> None:
    assert not may_resume(record(), None, NOW)


# --- where it carries on ---------------------------------------------------------------------


def at(**change: object) -> Position:
    return replace(POSITION, **change)  # type: ignore[arg-type]


def test_the_time_left_is_what_real_time_left() -> None:
    point = resume_point(at(started_wall=WALL - 20), relief(), WALL)
    assert point is not None and (point.segment, point.remaining) == (0, 10.0)


def test_a_paused_session_keeps_what_was_left_at_the_pause() -> None:
    paused = at(started_wall=WALL - 600, paused_wall=WALL - 590)
    point = resume_point(paused, relief(), WALL)
    assert point is not None and point.paused and point.remaining == 20.0


def test_a_clock_gone_back_starts_the_part_again_whole() -> None:
    point = resume_point(at(started_wall=WALL + 3600), relief(), WALL)
    assert point is not None and point.remaining is None


def test_a_part_whose_time_ran_out_leaves_nothing() -> None:
    point = resume_point(at(started_wall=WALL - 300), relief(), WALL)
    assert point is not None and point.remaining == 0.0


def test_the_part_is_found_again_when_the_routine_changed() -> None:
    calf = at(segment=1, step=0, step_name="Calf", side="right", kind="hold", length=20.0)
    calf = replace(calf, started_wall=WALL - 5)
    moved = replace(nightly(), steps=(Step("Breathe"), *nightly().steps))
    point = resume_point(calf, moved, WALL)
    assert point is not None
    segment = Session(moved).timeline[point.segment]
    assert (segment.step.name, segment.side, segment.kind) == ("Calf", "right", K.HOLD)
    assert point.remaining == 15.0
    one_side = replace(nightly(), steps=(replace(nightly().steps[0], sides="left"),))
    point = resume_point(calf, one_side, WALL)  # the right side left out: that step's start
    assert point is not None and point.segment == 0 and point.remaining is None
    gone = replace(nightly(), steps=nightly().steps[1:])
    assert resume_point(calf, gone, WALL) is None


def test_a_step_swapped_for_its_alternative_comes_back_swapped() -> None:
    seated = at(step=1, step_name="Seated towel stretch", side="left", kind="hold", length=20.0)
    seated = replace(seated, segment=99, started_wall=WALL - 5)
    clock = FakeClock(7.0)
    session = Session(nightly(), now=clock())
    resumable = Resumable(record(kind="prevention"), seated, NOW)
    assert carry_on(session, resumable, NOW, clock())
    assert session.current is not None
    assert session.current.step.name == "Seated towel stretch" and session.current.side == "left"
    assert session.remaining(clock()) == 15.0 and 1 in session.swapped


def test_carrying_on_a_cramp_keeps_its_whole_time_and_what_was_done() -> None:
    """Relief cut short 2 min into the cramp, picked up 3 min later in the rubbing, 20 s of
    its minute done: the 10-minute rule counts the whole 5 minutes, the summary the work."""
    began = NOW - timedelta(minutes=5)
    rub = at(segment=2, step=1, step_name="Rub the muscle", length=60.0)
    rub = replace(rub, started_wall=WALL - 20, active_before=45.0, holds_done=30.0)
    done = ("Pull your toes",)
    interrupted = record(steps_done=done, release_seconds=40.0, release_step="stretch")
    clock = FakeClock(3.0)
    session = Session(relief(), now=clock())
    assert carry_on(session, Resumable(interrupted, rub, began), NOW, clock())
    assert session.index == 2 and session.remaining(clock()) == 40.0
    assert session.elapsed(clock()) == pytest.approx(300.0)
    assert session.active_seconds(clock()) == pytest.approx(65.0)
    assert session.cramp_release_seconds == pytest.approx(40.0)  # it had let go: kept
    assert session.release_step == "stretch"
    assert session.completed_steps == [0]


def test_the_offer_says_where_and_how_long_in_calm_words() -> None:
    words = offer_words(relief(), at(started_wall=WALL - 20), WALL)
    assert words == (
        "Pick up your cramp relief where you left off: Pull your toes, step 1 of 3, 0:10 left"
    )
    ran_out = offer_words(relief(), at(started_wall=WALL - 300), WALL)
    assert ran_out is not None and ran_out.endswith("Pull your toes, step 1 of 3, has it let go?")
    paused = offer_words(relief(), at(started_wall=WALL - 300, paused_wall=WALL - 290), WALL)
    assert paused is not None and paused.endswith("0:20 left, paused")
    calf = at(segment=1, step=0, step_name="Calf", side="left", length=20.0, started_wall=WALL)
    assert offer_words(nightly(), calf, WALL) == (
        "Pick up Nightly where you left off: Calf, left side, step 1 of 3, 0:20 left"
    )


def test_the_no_answers_to_has_it_let_go_are_kept_and_come_back() -> None:
    """Two "no"s, cut short in the third stretch: picked up, it is "stretch 3", and when it
    lets go the technique is the stretch done again."""
    clock = FakeClock(10.0)
    session = Session(relief(), now=clock())
    for _ in range(2):
        clock.advance(30)
        session.tick(clock())
        session.answer_released(clock(), yes=False)
    clock.advance(4)
    session.tick(clock())
    position = position_of(session, clock(), WALL)
    assert position is not None and position.repeats == 2 and position.kind == "hold"
    back = Position.from_text(position.to_text())
    assert back == position
    again = Session(relief(), now=clock())
    assert carry_on(again, Resumable(record(), position, NOW), NOW, clock())
    assert again.repeats == 2
    clock.advance(30)
    again.tick(clock())
    again.answer_released(clock(), yes=True)
    assert again.release_step == "stretch-again"


def test_a_position_kept_before_the_no_answers_were_reads_with_none() -> None:
    good = Position(1, 0, "Calf", "left", 1, "hold", WALL, 20.0, None, 5.0, 0.0, repeats=3)
    older = json.loads(good.to_text())
    del older["repeats"]
    assert Position.from_text(json.dumps(older)) == replace(good, repeats=0)
    assert Position.from_text(replace(good, repeats=-1).to_text()) is None
