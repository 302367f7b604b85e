from __future__ import annotations

from coach.core.journal.store import Journal
from coach.core.routines.routine import Routine, Step
from coach.core.session.recorder import SessionRecorder

ROUTINE = Routine(
    id="cramp-now",
    name="Relief",
    kind="relief",
    steps=(Step(name="Stretch", hold=30, until_released=True), Step(name="Heat", hold=60)),
)


def test_records_a_whole_relief_session(tmp_path) -> None:  # type: ignore[no-untyped-def]
    journal = Journal.open(tmp_path / "j.sqlite3")
    recorder = SessionRecorder(journal, ROUTINE)
    recorder.start()
    recorder.leg("right")
    recorder.step_finished(0, skipped=False)
    recorder.step_finished(1, skipped=True)
    recorder.released(42.04)
    recorder.end("completed")
    recorder.end("stopped")  # an exit hook after the finish must not overwrite it
    recorder.warnings({"E1": False, "T2": True}, "today")
    (record,) = journal.sessions()
    assert record.status == "completed" and record.leg == "r" and record.site == "calf"
    assert record.steps_done == ("Stretch",) and record.steps_skipped == ("Heat",)
    assert record.release_seconds == 42.0
    assert record.warning_tier == "today" and record.warning_answers == {"E1": False, "T2": True}


def test_without_a_journal_every_call_is_harmless() -> None:
    recorder = SessionRecorder(None, ROUTINE)
    recorder.start()
    recorder.leg("left")
    recorder.step_finished(0, skipped=False)
    recorder.warnings({}, None)
    recorder.end("stopped")
    assert recorder.session_id is None
