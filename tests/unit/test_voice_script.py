"""What the voice says for a session's events: plain functions, no sound."""

from __future__ import annotations

from dataclasses import replace

from coach.audio.script import (
    END,
    QUESTION,
    REST,
    TEN_SECONDS,
    Line,
    lines_for_events,
    routine_texts,
    step_text,
    ten_seconds_due,
    urgent_lines,
)
from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import Segment, SegmentKind, build_timeline
from coach.core.session.events import Countdown, Finished, SegmentStarted, SwitchSides

STRETCH = Step("Pull your toes toward you", "Leg straight.\nHold the towel.", hold=30)
ROUTINE = Routine(
    "r", "R", "prevention", (replace(STRETCH, sides="both", sets=2, rest=10),), lead_in=3
)


def segments() -> list[Segment]:
    return list(build_timeline(ROUTINE))


def test_a_step_says_its_name_first_instruction_line_and_hold() -> None:
    assert step_text(STRETCH) == "Pull your toes toward you. Leg straight. Hold 30 seconds."
    assert step_text(replace(STRETCH, hold=90)).endswith("Hold 1 minute 30 seconds.")
    assert step_text(Step("Ankle pumps", "Point and flex", reps=30)) == (
        "Ankle pumps. Point and flex. 30 times."
    )


def test_say_replaces_the_line_and_empty_says_nothing() -> None:
    assert step_text(replace(STRETCH, say="Toes up. Thirty seconds.")) == "Toes up. Thirty seconds."
    first = SegmentStarted(segments()[0])
    assert lines_for_events([first]) != []
    quiet = Routine("q", "Q", "relief", (replace(STRETCH, say=""),), lead_in=0)
    assert lines_for_events([SegmentStarted(build_timeline(quiet)[0])]) == []


def test_control_characters_in_a_line_are_made_visible() -> None:
    assert "\x1b" not in step_text(replace(STRETCH, say="Toes\x1b[2J up"))


def test_each_part_of_a_routine_says_its_line() -> None:
    lead_in, hold, rest, hold2, switch = segments()[:5]
    assert [s.kind for s in (lead_in, hold, rest, hold2, switch)] == [
        SegmentKind.LEAD_IN,
        SegmentKind.HOLD,
        SegmentKind.REST,
        SegmentKind.HOLD,
        SegmentKind.SWITCH,
    ]
    assert lines_for_events([SegmentStarted(lead_in)]) == [Line(step_text(STRETCH), "step")]
    assert lines_for_events([SegmentStarted(hold)], lead_in) == [Line("Go.", "step")]
    assert lines_for_events([SegmentStarted(rest)], hold) == [Line(REST, "rest")]
    assert lines_for_events([SegmentStarted(hold2)], rest) == [Line("Again.", "step")]
    said = lines_for_events([SwitchSides("right"), SegmentStarted(switch)], hold2)
    assert said == [Line("Switch to the right leg.", "switch")]


def test_countdown_numbers_and_the_end() -> None:
    said = lines_for_events([Countdown(3)]) + lines_for_events([Countdown(2), Countdown(1)])
    assert [line.text for line in said] == ["Three.", "Two.", "One."]
    assert {line.kind for line in said} == {"count"}
    assert lines_for_events([Countdown(1), Finished()]) == [Line(END, "end")]


def test_after_a_stall_only_the_last_segment_is_said() -> None:
    lead_in, hold, rest = segments()[:3]
    said = lines_for_events([SegmentStarted(hold), Countdown(3), SegmentStarted(rest)], lead_in)
    assert said == [Line(REST, "rest")]


def test_has_it_let_go_is_asked_aloud() -> None:
    relief = Routine("x", "X", "relief", (replace(STRETCH, until_released=True),), lead_in=0)
    question = build_timeline(relief)[1]
    assert question.kind is SegmentKind.RELEASED_QUESTION
    assert lines_for_events([SegmentStarted(question)]) == [Line(QUESTION, "question")]


def test_ten_seconds_once_as_a_long_hold_crosses_ten() -> None:
    hold = segments()[1]
    assert ten_seconds_due(hold, 10.6, 9.99)
    assert not ten_seconds_due(hold, 9.99, 8.99)  # already said
    assert not ten_seconds_due(hold, None, 9.99)  # a new segment: not a crossing
    assert not ten_seconds_due(hold, 5.0, 25.0)  # `b` restarted it
    short = replace(hold, duration=12)
    assert not ten_seconds_due(short, 10.5, 9.9)
    assert not ten_seconds_due(segments()[2], 10.5, 9.9)  # a rest


def test_routine_texts_come_in_the_order_they_are_needed_once_each() -> None:
    texts = routine_texts(ROUTINE)
    assert texts[0] == step_text(STRETCH)
    assert texts.index("Three.") < texts.index(REST)  # the first countdown comes first
    assert len(texts) == len(set(texts))
    assert {TEN_SECONDS, END, "Switch to the right leg.", "Go.", "Again."} <= set(texts)
    assert len(routine_texts(ROUTINE, limit=3)) <= 3 + 5  # a huge routine is bounded


def test_urgent_lines_are_the_first_lines_as_sentences() -> None:
    text = "Urgent help\n\nCall 999 now if:\n  - you are short of breath\n  - chest pain\n  - more"
    (line,) = urgent_lines(text)
    assert line.kind == "urgent"
    assert line.text == "Urgent help. Call 999 now if: you are short of breath. chest pain."
    assert urgent_lines("") == []


def test_the_first_caution_line_is_said_after_the_dose() -> None:
    """A stretch, rub, heat or ice step says its caution's first line aloud, not just on screen."""
    careful = replace(STRETCH, caution="Leg swollen, red or warm? Stop, get it seen today.\nMore.")
    assert step_text(careful) == (
        "Pull your toes toward you. Leg straight. Hold 30 seconds. "
        "Leg swollen, red or warm? Stop, get it seen today."
    )
    assert step_text(replace(STRETCH, caution="Skip heat on numb skin")).endswith(
        "Hold 30 seconds. Skip heat on numb skin."
    )


def test_every_built_in_stretch_rub_heat_and_ice_says_its_caution() -> None:
    from coach.core.paths import builtin_dir
    from coach.core.routines.loader import load_exercise_library, load_routine_file

    library = load_exercise_library()
    for name in ("cramp-now", "cramp-foot"):
        routine = load_routine_file(builtin_dir("routines") / f"{name}.yaml", library)
        for step in routine.steps:
            if step.exercise in {"dorsiflexion-stretch", "toe-pullback", "calf-massage",
                                 "sole-massage", "heat", "ice"}:  # fmt: skip
                assert step.caution, (name, step.exercise)
                first = step.caution.strip().splitlines()[0].strip().rstrip(":;,")
                assert first in step_text(step), (name, step.exercise)
