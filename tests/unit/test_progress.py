"""Honest progress (session/progress.py) and skipped-is-skipped (machine), on a fake clock."""

from __future__ import annotations

import pytest

from coach.core.routines.routine import Routine, Step
from coach.core.session.clock import FakeClock
from coach.core.session.events import StepDone
from coach.core.session.machine import Session
from coach.core.session.player_view import describe
from coach.core.session.progress import routine_progress, seconds_ahead


def routine(*steps: Step, kind: str = "prevention") -> Routine:
    return Routine(id="t", name="T", kind=kind, steps=tuple(steps), lead_in=0)


def test_untimed_reps_ahead_keep_the_bar_short_of_full() -> None:
    clock = FakeClock(0.0)
    # Six timed steps then two counted ones: at step 7 the bar must not say 100%.
    steps = [Step(f"S{i}", hold=10) for i in range(6)] + [Step("R", reps=20), Step("R2", reps=20)]
    session = Session(routine(*steps), clock())
    clock.advance(60)
    session.tick(clock())
    assert session.current is not None and session.current.step.name == "R"
    assert seconds_ahead(session, clock()) == pytest.approx(60)  # 2 x 20 reps at 1.5 s
    assert routine_progress(session, clock()) == pytest.approx(60 / 120)


def test_going_back_or_adding_time_never_drops_to_zero() -> None:
    clock = FakeClock(0.0)
    session = Session(routine(Step("A", hold=30, sets=3), Step("B", hold=30)), clock())
    clock.advance(45)
    session.tick(clock())
    before = routine_progress(session, clock())
    session.back(clock())  # restart the set
    after = routine_progress(session, clock())
    assert 0 < after < before  # a little lower: more is ahead than was


def test_pauses_do_not_count_as_time_done() -> None:
    clock = FakeClock(0.0)
    session = Session(routine(Step("A", hold=20)), clock())
    clock.advance(5)
    session.pause(clock())
    clock.advance(100)
    assert routine_progress(session, clock()) == pytest.approx(0.25)
    session.resume(clock())
    assert session.active_seconds(clock()) == pytest.approx(5)


def test_relief_has_no_overall_bar_and_stretching_again_keeps_time() -> None:
    clock = FakeClock(0.0)
    r = routine(Step("Stretch", hold=30, until_released=True), Step("Rub", hold=60), kind="relief")
    session = Session(r, clock())
    assert describe(session, clock(), relief=True).routine_progress is None
    assert describe(session, clock(), relief=False).routine_progress == 0.0


def test_n_through_every_step_skips_them_all() -> None:
    clock = FakeClock(0.0)
    session = Session(routine(Step("A", hold=10), Step("B", reps=5), Step("C")), clock())
    for _ in range(3):
        session.next(clock())
    events = session.tick(clock())
    assert [e for e in events if isinstance(e, StepDone)] == [
        StepDone(0, skipped=True), StepDone(1, skipped=True), StepDone(2, skipped=True),
    ]  # fmt: skip
    assert session.completed_steps == [] and session.skipped_steps == [0, 1, 2]


def test_a_step_with_a_finished_hold_counts_done_when_left_with_n() -> None:
    clock = FakeClock(0.0)
    session = Session(routine(Step("A", hold=10, sets=3), Step("B", hold=10)), clock())
    clock.advance(10)  # the first set ran out
    session.tick(clock())
    session.next(clock())  # the other two sets passed over
    session.next(clock())
    session.tick(clock())
    assert session.completed_steps == [0]
