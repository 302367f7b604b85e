"""The end-of-session summary: its words (session/summary.py) and its one builder
(session/closing.py), which the normal ending and q, y both use."""

from __future__ import annotations

from coach.core.routines.routine import Routine, Step
from coach.core.session.closing import session_summary
from coach.core.session.machine import Session
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


# --- one builder for both endings (session/closing.py) -----------------------------------------

NIGHTLY = Routine(
    id="n",
    name="N",
    kind="prevention",
    lead_in=0,
    steps=(Step(name="Calf", hold=10, sets=2, sides="none"), Step(name="Feet", hold=10)),
)


class _Recorder:  # what the builder reads of a SessionRecorder
    def __init__(self, journal: object) -> None:
        self.journal = journal


def test_the_builder_reads_the_session_as_it_ends() -> None:
    session = Session(NIGHTLY, now=0.0)
    session.tick(10.0)  # the first hold done: 10 of 30 planned hold seconds
    summary = session_summary(NIGHTLY, session, 10.0, leg=None, recorder=_Recorder(object()))
    assert (summary.steps_total, summary.relief, summary.saved) == (2, False, True)
    assert summary.seconds == 10.0 and summary.too_little_work  # under half: 10 of 30
    session.tick(30.0)
    assert not session_summary(NIGHTLY, session, 30.0, leg=None, recorder=None).too_little_work


def test_a_recorder_without_a_journal_is_not_saved_and_stopped_says_so() -> None:
    session = Session(NIGHTLY, now=0.0)
    stopped = session_summary(
        NIGHTLY, session, 5.0, leg="left", recorder=_Recorder(None), stopped=True
    )
    assert not stopped.saved and stopped.stopped and stopped.leg == "left"
    assert summary_lines(stopped)[0].startswith("Stopped after 5 s")
