"""The end-of-session summary's words (session/summary.py)."""

from __future__ import annotations

from coach.core.session.summary import SessionSummary, spoken_time, summary_lines


def test_prevention_summary_says_time_steps_saved_and_streak() -> None:
    lines = summary_lines(
        SessionSummary(seconds=452, steps_total=8, steps_done=6, steps_skipped=2, streak=3)
    )
    assert lines == [
        "Time taken: 7 min 32 s  ·  6 of 8 steps done, 2 skipped",
        "Saved in your journal (coach history shows it).",
        "Nightly routine streak: 3 days.",
    ]


def test_relief_summary_names_the_leg_and_never_a_streak() -> None:
    summary = SessionSummary(seconds=130, steps_total=6, steps_done=4, steps_skipped=2, relief=True)
    assert summary_lines(summary)[1] == "Leg: not noted"
    lines = summary_lines(SessionSummary(65, 6, 6, 0, relief=True, leg="right", streak=4))
    assert lines == [
        "Time taken: 1 min 5 s  ·  6 of 6 steps done",
        "Leg: right",
        "Saved in your journal (coach history shows it).",
    ]


def test_stopped_and_unsaved() -> None:
    lines = summary_lines(SessionSummary(30, 3, 0, 1, saved=False, stopped=True, streak=1))
    assert lines[0] == "Stopped after 30 s  ·  0 of 3 steps done, 1 skipped"
    assert lines[1] == "Not saved: the journal could not be written."
    assert lines[2] == "Nightly routine streak: 1 day."


def test_spoken_time() -> None:
    assert (spoken_time(0), spoken_time(45), spoken_time(120)) == ("1 s", "45 s", "2 min")
