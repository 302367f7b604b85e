"""The session state machine, driven by a FakeClock through every path the UI can take."""

from __future__ import annotations

import itertools

import pytest

from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import SegmentKind
from coach.core.session.clock import FakeClock
from coach.core.session.events import (
    Countdown,
    Event,
    Finished,
    SegmentStarted,
    StepDone,
    SwitchSides,
)
from coach.core.session.machine import Session
from coach.core.session.progress import routine_progress

K = SegmentKind


def routine(*steps: Step, lead_in: int = 0) -> Routine:
    return Routine(id="t", name="Test", kind="prevention", steps=steps, lead_in=lead_in)


def started(events: list[Event]) -> list[tuple[str, str | None, int]]:
    """(kind, side, set) of each SegmentStarted, to read a run's order at a glance."""
    return [
        (e.segment.kind.value, e.segment.side, e.segment.set_number)
        for e in events
        if isinstance(e, SegmentStarted)
    ]


def countdowns(events: list[Event]) -> list[int]:
    return [e.seconds_left for e in events if isinstance(e, Countdown)]


def run_ticks(session: Session, clock: FakeClock, until: float, every: float) -> list[Event]:
    events: list[Event] = []
    while clock() < until:
        clock.advance(every)
        events += session.tick(clock())
    return events


def ten_minutes() -> Routine:
    # 5 lead-in + 3 x 60 + 2 x 10 = 205 per side-less step; two steps + 190 s more = 600.
    return routine(
        Step("Calf", hold=60, sets=3, rest=10),
        Step("Hamstring", hold=60, sets=3, rest=10),
        Step("Foot", hold=90, sets=2, rest=5),
        lead_in=5,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


def test_ten_minute_routine_totals_six_hundred(clock: FakeClock) -> None:
    assert Session(ten_minutes(), clock()).total == 600


def test_first_tick_reports_the_first_segment(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10)), clock())
    assert session.current is not None and session.current.kind is K.HOLD
    assert started(session.tick(clock())) == [("hold", None, 1)]
    assert session.tick(clock()) == []


def test_full_run_ends_exactly_on_schedule(clock: FakeClock) -> None:
    session = Session(ten_minutes(), clock())
    events = run_ticks(session, clock, 1000.0 + 600, every=1.0)
    assert events[-1] == Finished() and events.count(Finished()) == 1
    assert session.finished and session.elapsed(clock() + 50) == 600.0
    assert session.completed_steps == [0, 1, 2]
    assert [e for e in events if isinstance(e, StepDone)] == [StepDone(0), StepDone(1), StepDone(2)]


def test_late_irregular_ticks_do_not_drift_the_end(clock: FakeClock) -> None:
    session = Session(ten_minutes(), clock())
    ends = list(itertools.accumulate(s.duration or 0 for s in session.timeline))
    session.tick(clock())
    pattern = [0.1, 0.35, 0.9, 0.35, 1.7, 0.2]  # a busy event loop: some ticks come late
    i = 0
    while not session.finished:
        clock.advance(pattern[i % len(pattern)])
        i += 1
        session.tick(clock())
        if not session.finished:
            # The segment ends on the chained schedule, whatever the tick times were.
            expected_left = 1000.0 + ends[session.index] - clock()
            assert session.remaining(clock()) == pytest.approx(expected_left)
    assert clock() - 1000.0 < 600 + max(pattern)
    assert session.elapsed(clock()) == 600.0  # the logical end, not the late tick


def test_remaining_follows_chained_deadlines_after_a_late_tick(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    session.tick(clock())
    clock.advance(10.35)  # the hold ended 350 ms before this tick
    assert started(session.tick(clock())) == [("rest", None, 1)]
    assert session.remaining(clock()) == pytest.approx(4.65)
    clock.advance(4.65)
    assert started(session.tick(clock())) == [("hold", None, 2)]
    assert session.remaining(clock()) == pytest.approx(10.0)


def test_big_time_jump_crosses_many_segments_with_all_events_in_order(clock: FakeClock) -> None:
    r = routine(Step("A", hold=10, sets=2, rest=5, sides="both"), Step("B", hold=4), lead_in=3)
    session = Session(r, clock())
    session.tick(clock())
    clock.advance(1000)
    events = session.tick(clock())
    left, right = "left", "right"
    cd = [Countdown(3), Countdown(2), Countdown(1)]  # every segment of 4 s or more
    assert events == [
        SegmentStarted(session.timeline[1]),  # lead-in (3 s: too short for a countdown) ended
        *cd,  # hold left 1
        SegmentStarted(session.timeline[2]),
        *cd,  # rest
        SegmentStarted(session.timeline[3]),
        *cd,  # hold left 2
        SegmentStarted(session.timeline[4]),
        SwitchSides(right),
        *cd,  # switch (5 s)
        SegmentStarted(session.timeline[5]),
        *cd,
        SegmentStarted(session.timeline[6]),
        *cd,
        SegmentStarted(session.timeline[7]),
        *cd,
        StepDone(0),
        SegmentStarted(session.timeline[8]),  # lead-in of B
        SegmentStarted(session.timeline[9]),  # hold B (4 s: just long enough)
        *cd,
        StepDone(1),
        Finished(),
    ]
    assert [s.side for s in session.timeline[1:8]] == [left, left, left, right, right, right, right]
    assert session.elapsed(clock()) == 3 + 25 + 5 + 25 + 3 + 4


def test_per_side_order_left_then_right_with_switch_sides(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=5, sets=2, sides="both"), lead_in=2), clock())
    events = run_ticks(session, clock, 1000.0 + 30, every=0.5)
    assert started(events) == [
        ("lead_in", "left", 1),
        ("hold", "left", 1),
        ("hold", "left", 2),
        ("switch", "right", 1),
        ("hold", "right", 1),
        ("hold", "right", 2),
    ]
    switch_at = events.index(SegmentStarted(session.timeline[3]))
    assert events[switch_at + 1] == SwitchSides("right")
    assert sum(isinstance(e, SwitchSides) for e in events) == 1


def test_countdown_exactly_once_each_with_irregular_ticks(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10), Step("B", hold=3)), clock())
    events: list[Event] = []
    for step in [6.5, 0.2, 0.3, 0.01, 0.01, 0.9, 0.35, 0.35, 0.35, 0.33, 0.5, 0.5]:
        clock.advance(step)
        events += session.tick(clock())
    # 10 s hold: 3, 2, 1 once each, all before B starts; the 3 s hold of B has none.
    assert countdowns(events) == [3, 2, 1]
    b_started = events.index(SegmentStarted(session.timeline[1]))
    assert countdowns(events[:b_started]) == [3, 2, 1]
    clock.advance(5)
    assert countdowns(session.tick(clock())) == []


def test_countdown_fires_at_the_whole_second_boundaries(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10)), clock())
    session.tick(clock())
    clock.advance(6.99)
    assert session.tick(clock()) == []
    clock.advance(0.01)
    assert session.tick(clock()) == [Countdown(3)]
    clock.advance(0.99)
    assert session.tick(clock()) == []
    clock.advance(0.01)
    assert session.tick(clock()) == [Countdown(2)]


def test_pause_just_before_a_deadline_freezes_across_it(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    session.tick(clock())
    clock.advance(9.5)
    session.pause(clock())
    session.tick(clock())
    clock.advance(120)  # far past the hold's old deadline
    assert session.tick(clock()) == [] and session.paused
    assert session.current is not None and session.current.kind is K.HOLD
    assert session.remaining(clock()) == pytest.approx(0.5)
    session.resume(clock())
    assert session.remaining(clock()) == pytest.approx(0.5)
    clock.advance(0.4)
    assert started(session.tick(clock())) == []
    clock.advance(0.1)
    assert started(session.tick(clock())) == [("rest", None, 1)]
    assert session.elapsed(clock()) == pytest.approx(130.0)  # pauses count for the safety rule


def test_pause_catches_up_first_and_toggle_pause(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10), Step("B", hold=10)), clock())
    clock.advance(10.2)
    session.toggle_pause(clock())  # the UI had not ticked since the hold ended
    assert session.paused and session.current is not None and session.current.step.name == "B"
    assert session.remaining(clock()) == pytest.approx(9.8)
    clock.advance(3)
    session.toggle_pause(clock())
    assert not session.paused and session.remaining(clock()) == pytest.approx(9.8)
    assert session.paused_since is None


def test_next_jumps_with_a_fresh_deadline_from_now(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    session.tick(clock())
    clock.advance(2.5)
    session.next(clock())
    assert started(session.tick(clock())) == [("rest", None, 1)]
    assert session.remaining(clock()) == 5.0
    assert session.next_segment is session.timeline[2]


def test_next_while_paused_stays_paused_with_the_full_segment(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    clock.advance(2)
    session.pause(clock())
    clock.advance(7)
    session.next(clock())
    assert session.paused and session.remaining(clock()) == 5.0
    clock.advance(30)
    session.resume(clock())
    assert session.remaining(clock()) == 5.0


def test_back_at_the_first_segment_restarts_it(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10), lead_in=5), clock())
    session.tick(clock())
    clock.advance(1)
    session.back(clock())
    assert session.index == 0 and session.remaining(clock()) == 5.0
    assert started(session.tick(clock())) == [("lead_in", None, 1)]


def test_back_within_three_seconds_goes_to_the_previous_segment(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    clock.advance(10)
    session.tick(clock())
    clock.advance(2.9)
    session.back(clock())
    assert session.index == 0 and session.remaining(clock()) == 10.0
    assert started(session.tick(clock())) == [("hold", None, 1)]


def test_back_after_three_seconds_restarts_the_current_segment(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    clock.advance(10)
    session.tick(clock())
    clock.advance(3.5)
    session.back(clock())
    assert session.index == 1 and session.remaining(clock()) == 5.0
    assert started(session.tick(clock())) == [("rest", None, 1)]


def test_extend_during_a_hold_moves_the_end_and_rearms_the_countdown(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10), Step("B", reps=5)), clock())
    session.tick(clock())
    clock.advance(8.5)
    assert countdowns(session.tick(clock())) == [3, 2]
    session.extend(clock(), 15)
    assert session.remaining(clock()) == pytest.approx(16.5)
    events = run_ticks(session, clock, 1000.0 + 25, every=0.25)
    assert countdowns(events) == [3, 2, 1]
    assert started(events) == [("reps", None, 1)]
    assert events.index(SegmentStarted(session.timeline[1])) == 4  # after 3, 2, 1, StepDone


def test_extend_at_the_very_end_does_not_repeat_a_countdown(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10)), clock())
    clock.advance(8.0)
    assert countdowns(session.tick(clock())) == [3, 2]
    session.extend(clock(), 1)  # 3 s left again: "3" was already said
    events = run_ticks(session, clock, 1000.0 + 11, every=0.5)
    assert countdowns(events) == [2, 1]


def test_extend_during_a_rest_and_while_paused(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())
    clock.advance(11)
    session.tick(clock())
    session.extend(clock())  # default 15 s
    assert session.current is not None and session.current.kind is K.REST
    assert session.remaining(clock()) == pytest.approx(19.0)
    session.pause(clock())
    session.extend(clock(), 15)
    clock.advance(100)
    assert session.remaining(clock()) == pytest.approx(34.0)
    session.resume(clock())
    clock.advance(34)
    assert started(session.tick(clock())) == [("hold", None, 2)]


def test_extend_ignores_waiting_segments(clock: FakeClock) -> None:
    session = Session(routine(Step("Pumps", reps=30)), clock())
    session.extend(clock(), 15)
    assert session.remaining(clock()) == 0.0 and session.segment_progress(clock()) == 0.0


def test_released_no_twice_then_yes(clock: FakeClock) -> None:
    step = Step("Squeeze", hold=20, sets=2, rest=5, until_released=True)
    session = Session(routine(step, Step("After", hold=10), lead_in=5), clock())
    clock.advance(5 + 20 + 5 + 20)
    events = session.tick(clock())
    assert session.current is not None and session.current.kind is K.RELEASED_QUESTION
    clock.advance(600)
    assert session.tick(clock()) == []  # the question waits however long it takes
    assert session.release_seconds is None
    for answer_number in (1, 2):
        session.answer_released(clock(), yes=False)
        events = session.tick(clock())
        assert started(events) == [("hold", None, 2)]  # straight back to the hold, no lead-in
        assert session.repeats == answer_number
        clock.advance(20)
        assert started(session.tick(clock())) == [("released_question", None, 2)]
    session.answer_released(clock(), yes=True)
    events = session.tick(clock())
    assert events[0] == StepDone(0) and started(events) == [("lead_in", None, 1)]
    assert session.release_seconds == pytest.approx(50 + 600 + 40)
    assert session.repeats == 2 and session.completed_steps == [0]


def test_release_seconds_keeps_the_first_yes(clock: FakeClock) -> None:
    step = Step("Squeeze", hold=5, until_released=True)
    session = Session(routine(step), clock())
    clock.advance(5)
    session.answer_released(clock(), yes=True)
    assert session.release_seconds == 5.0 and session.finished
    session.answer_released(clock() + 10, yes=True)
    assert session.release_seconds == 5.0


def test_answer_released_is_ignored_elsewhere(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, until_released=True)), clock())
    session.answer_released(clock(), yes=False)
    assert session.index == 0 and session.repeats == 0


def test_skip_step_of_an_optional_step(clock: FakeClock) -> None:
    r = routine(
        Step("Opt", hold=30, sets=3, rest=10, sides="both", optional=True),
        Step("Next", hold=10),
        lead_in=5,
    )
    session = Session(r, clock())
    clock.advance(12)
    session.tick(clock())
    session.skip_step(clock())
    events = session.tick(clock())
    assert events[0] == StepDone(0, skipped=True)
    assert started(events) == [("lead_in", None, 1)]
    assert session.current is not None and session.current.step.name == "Next"
    assert session.remaining(clock()) == 5.0
    assert session.skipped_steps == [0] and session.completed_steps == []
    session.skip_step(clock())
    assert session.tick(clock())[-2:] == [StepDone(1, skipped=True), Finished()]
    assert session.skipped_steps == [0, 1]


def test_reps_wait_for_done(clock: FakeClock) -> None:
    session = Session(routine(Step("Pumps", reps=30, sides="both"), Step("Note")), clock())
    session.tick(clock())
    clock.advance(3600)
    assert session.tick(clock()) == []
    assert session.next_segment is session.timeline[1]
    assert session.current is not None and session.current.side == "left"
    session.done(clock())
    assert started(session.tick(clock())) == [("reps", "right", 1)]
    session.done(clock())
    events = session.tick(clock())
    assert events == [StepDone(0), SegmentStarted(session.timeline[2])]
    session.done(clock())  # a note is finished the same way
    assert session.tick(clock()) == [StepDone(1), Finished()]


def test_done_is_ignored_on_timed_segments(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10)), clock())
    session.done(clock())
    assert session.index == 0 and not session.finished


def test_progress_figures(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=10, sets=2, rest=5)), clock())  # 25 s timed
    assert routine_progress(session, clock()) == 0.0
    clock.advance(5)
    assert session.segment_progress(clock()) == pytest.approx(0.5)
    assert routine_progress(session, clock()) == pytest.approx(0.2)
    clock.advance(7.5)
    session.tick(clock())
    assert session.segment_progress(clock()) == pytest.approx(0.5)
    assert routine_progress(session, clock()) == pytest.approx(0.5)


def test_finished_session_methods_are_harmless_no_ops(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=5)), clock())
    clock.advance(5)
    assert session.tick(clock())[-1] == Finished()
    later = clock.advance(10)
    for action in (session.next, session.back, session.pause, session.resume, session.done):
        action(later)
    session.toggle_pause(later)
    session.extend(later, 15)
    session.answer_released(later, yes=True)
    session.skip_step(later)
    assert session.tick(later) == []
    assert session.finished and not session.paused and session.current is None
    assert session.next_segment is None and session.index == 1
    assert session.remaining(later) == 0.0
    assert session.segment_progress(later) == routine_progress(session, later) == 1.0
    assert session.elapsed(later) == 5.0


def test_next_past_the_last_segment_finishes_once(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=5)), clock())
    session.next(clock())
    session.next(clock())
    events = session.tick(clock())
    assert events.count(Finished()) == 1 and StepDone(0, skipped=True) in events


def test_finishing_while_paused_counts_the_pause_in_elapsed(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=5)), clock())
    clock.advance(2)
    session.pause(clock())
    clock.advance(60)
    session.next(clock())
    assert session.finished and not session.paused
    assert session.elapsed(clock() + 100) == 62.0


def test_back_into_a_skipped_step_and_completing_it_counts_it_done(clock: FakeClock) -> None:
    session = Session(routine(Step("A", hold=5), Step("B", hold=5)), clock())
    session.skip_step(clock())
    session.back(clock())  # within 3 s of B's start: back to A's hold
    assert session.index == 0
    clock.advance(5)
    session.tick(clock())
    assert session.completed_steps == [0] and session.skipped_steps == []


def test_empty_routine_finishes_at_once(clock: FakeClock) -> None:
    session = Session(routine(), clock())
    assert session.finished and session.tick(clock()) == [Finished()]


def test_carried_seconds_count_for_the_cramp_not_for_this_session(clock: FakeClock) -> None:
    step = Step("Squeeze", hold=5, until_released=True)
    session = Session(routine(step), clock())
    clock.advance(3)
    assert session.elapsed(clock()) == 3.0 and session.cramp_release_seconds is None
    session.carried_seconds = 400.0  # an earlier session of the same cramp
    assert session.elapsed(clock()) == 403.0
    assert routine_progress(session, clock()) == pytest.approx(3 / 5)  # progress is this one's
    clock.advance(2)
    session.tick(clock())
    session.answer_released(clock(), yes=True)
    assert session.release_seconds == 5.0
    assert session.cramp_release_seconds == 405.0
