"""Timeline expansion, totals and the `coach plan` text, from routines built in code."""

from __future__ import annotations

from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import (
    Segment,
    SegmentKind,
    build_timeline,
    plan_lines,
    total_seconds,
)

K = SegmentKind


def routine(*steps: Step, lead_in: int = 3) -> Routine:
    return Routine(id="t", name="Test", kind="prevention", steps=steps, lead_in=lead_in)


def shape(segments: tuple[Segment, ...]) -> list[tuple[str, str | None, int, int | None]]:
    return [(s.kind.value, s.side, s.set_number, s.duration) for s in segments]


def test_one_side_sets_with_rest_between_not_after() -> None:
    step = Step("Calf", hold=30, sets=3, rest=10)
    assert shape(build_timeline(routine(step, lead_in=5))) == [
        ("lead_in", None, 1, 5),
        ("hold", None, 1, 30),
        ("rest", None, 1, 10),
        ("hold", None, 2, 30),
        ("rest", None, 2, 10),
        ("hold", None, 3, 30),
    ]


def test_both_sides_left_then_right_with_switch_instead_of_second_lead_in() -> None:
    step = Step("Calf", hold=20, sets=2, rest=10, sides="both")
    assert shape(build_timeline(routine(step, lead_in=5))) == [
        ("lead_in", "left", 1, 5),
        ("hold", "left", 1, 20),
        ("rest", "left", 1, 10),
        ("hold", "left", 2, 20),
        ("switch", "right", 1, 10),  # max(rest 10, lead-in 5, 3)
        ("hold", "right", 1, 20),
        ("rest", "right", 1, 10),
        ("hold", "right", 2, 20),
    ]


def test_switch_is_at_least_three_seconds_and_lead_in_zero_is_omitted() -> None:
    step = Step("Calf", hold=20, sides="both")
    assert shape(build_timeline(routine(step, lead_in=0))) == [
        ("hold", "left", 1, 20),
        ("switch", "right", 1, 3),
        ("hold", "right", 1, 20),
    ]


def test_switch_takes_the_lead_in_when_it_is_longest() -> None:
    step = Step("Calf", hold=20, rest=2, sides="both")
    switch = [s for s in build_timeline(routine(step, lead_in=8)) if s.kind is K.SWITCH]
    assert [s.duration for s in switch] == [8]


def test_single_named_side_has_no_switch() -> None:
    segments = build_timeline(routine(Step("Calf", hold=20, sides="right")))
    assert shape(segments) == [("lead_in", "right", 1, 3), ("hold", "right", 1, 20)]


def test_counted_step_gives_one_reps_per_side_without_lead_in() -> None:
    segments = build_timeline(routine(Step("Pumps", reps=30, sides="both")))
    assert shape(segments) == [("reps", "left", 1, None), ("reps", "right", 1, None)]


def test_step_with_neither_hold_nor_reps_is_one_note() -> None:
    segments = build_timeline(routine(Step("Loosen the covers", sides="both")))
    assert shape(segments) == [("note", None, 1, None)]


def test_until_released_ends_each_side_with_the_question() -> None:
    step = Step("Squeeze", hold=20, sets=2, rest=5, until_released=True)
    assert [s.kind for s in build_timeline(routine(step))] == [
        K.LEAD_IN,
        K.HOLD,
        K.REST,
        K.HOLD,
        K.RELEASED_QUESTION,
    ]


def test_segments_carry_step_index_and_step() -> None:
    first, second = Step("A", hold=10), Step("B", reps=5)
    segments = build_timeline(routine(first, second))
    assert [(s.step_index, s.step) for s in segments] == [(0, first), (0, first), (1, second)]
    assert segments[0].timed and not segments[2].timed


def test_no_rest_between_steps() -> None:
    segments = build_timeline(routine(Step("A", hold=10, rest=10), Step("B", hold=10, rest=10)))
    assert [s.kind for s in segments] == [K.LEAD_IN, K.HOLD, K.LEAD_IN, K.HOLD]


def test_total_seconds_sums_timed_segments_only() -> None:
    r = routine(
        Step("Calf", hold=30, sets=3, rest=10, sides="both"),  # 5 + 90 + 20, 10, 90 + 20
        Step("Pumps", reps=30),
        Step("Note"),
        lead_in=5,
    )
    assert total_seconds(build_timeline(r)) == 5 + 110 + 10 + 110
    assert total_seconds(()) == 0


def test_plan_lines_columns_and_total() -> None:
    r = routine(
        Step("Calf stretch", hold=30, sets=2, rest=10, sides="both"),
        Step("Ankle pumps", reps=30),
        Step("Loosen the covers"),
        Step("Squeeze", hold=20, until_released=True),
        lead_in=5,
    )
    lines = plan_lines(r)
    body = lines[1:-1]
    assert len(body) == len(build_timeline(r))
    assert body[0].split() == ["0:00", "Calf", "stretch", "left", "get", "ready", "5s"]
    assert body[1].split() == ["0:05", "Calf", "stretch", "left", "1/2", "30s"]
    assert body[2].split() == ["0:35", "Calf", "stretch", "left", "rest", "10s"]
    assert body[3].split() == ["0:45", "Calf", "stretch", "left", "2/2", "30s"]
    assert body[4].split() == ["1:15", "Calf", "stretch", "right", "switch", "sides", "10s"]
    assert body[5].split() == ["1:25", "Calf", "stretch", "right", "1/2", "30s"]
    assert body[8].split() == ["2:35", "Ankle", "pumps", "30", "reps"]
    assert body[9].split() == ["2:35", "Loosen", "the", "covers", "note"]
    assert body[12].split() == ["3:00", "Squeeze", "has", "it", "let", "go?"]
    assert lines[-1] == "total 3:00 plus 1 counted set, 1 note and 1 question at your own pace"


def test_plan_lines_align_columns_and_truncate_long_names() -> None:
    long_name = "A very long stretch name that goes on and on and on"
    lines = plan_lines(routine(Step(long_name, hold=10), Step("B", hold=5), lead_in=0))
    assert lines[-1] == "total 0:15"
    assert lines[1].index("1/1") == lines[2].index("1/1")
    assert long_name not in lines[1] and "…" in lines[1]
