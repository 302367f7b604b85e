"""What has worked for you: the technique running when each cramp let go, recorded by the
session, tallied per technique over episodes (made-up journals), shown in the export, and the
pure decision that adapts relief within safe bounds."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.guidance.what_works import (
    CLOSE_OUT_SOONER,
    MASSAGE_SOONER,
    USUAL,
    decide,
)
from coach.core.journal.export import export_markdown
from coach.core.journal.schema import SessionRecord
from coach.core.journal.store import Journal
from coach.core.journal.what_worked import what_worked
from coach.core.session.clock import FakeClock
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder
from coach.core.session.release_step import MASSAGE, STRETCH, STRETCH_AGAIN, WALKING
from coach.launch import relief_routine

START = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def cramp(day: int, step: str | None, seconds: float | None, **kw: object) -> SessionRecord:
    started = START + timedelta(days=day)
    return SessionRecord(
        id=day + 1,
        routine_id="cramp-now",
        kind="relief",
        status="completed",
        started=started,
        ended=started + timedelta(minutes=5),
        release_seconds=seconds,
        release_step=step,
        steps_done=("Stretch",),
        **kw,  # type: ignore[arg-type]
    )


def journal_of(*releases: tuple[str | None, float | None]) -> list[SessionRecord]:
    return [cramp(day, step, seconds) for day, (step, seconds) in enumerate(releases)]


# --- the tally -----------------------------------------------------------------------------------


def test_three_cramps_are_too_few_to_say_but_still_shown() -> None:
    worked = what_worked(journal_of((STRETCH, 40), (MASSAGE, 200), (STRETCH, 60)))
    assert worked.cramps == 3 and not worked.enough
    lines = worked.lines()
    assert lines[0] == "3 cramps so far: too few to say what works for you:"
    assert "the first stretch: 2 of 3, median 0:50 to let go" in lines
    assert "massage: 1 of 3, after 3:20 to let go" in lines


def test_per_technique_counts_and_medians_over_enough_cramps() -> None:
    releases = [(STRETCH, 30), (STRETCH, 50), (STRETCH_AGAIN, 90), (MASSAGE, 150)]
    releases += [(MASSAGE, 170), (MASSAGE, 400), (WALKING, 300), (None, None)]
    worked = what_worked(journal_of(*releases))
    assert (worked.cramps, worked.enough) == (8, True)
    assert [(t.technique, t.cramps, t.median_seconds) for t in worked.techniques] == [
        (STRETCH, 2, 40),
        (STRETCH_AGAIN, 1, 90),
        (MASSAGE, 3, 170),
        (WALKING, 1, 300),
    ]
    assert worked.lines()[0] == "8 coached cramps; where each let go:"
    assert worked.lines()[-1] == "no let-go noted: 1 of 8"


def test_only_episodes_count_a_restart_is_one_cramp_and_logged_cramps_are_left_out() -> None:
    first = cramp(0, None, None)
    first = SessionRecord(**{**first.__dict__, "status": "stopped"})
    restart = SessionRecord(
        **{**cramp(0, STRETCH_AGAIN, 400).__dict__, "id": 50},
    )
    restart = SessionRecord(
        **{
            **restart.__dict__,
            "started": first.ended + timedelta(minutes=2),  # type: ignore[operator]
            "ended": first.ended + timedelta(minutes=8),  # type: ignore[operator]
        }
    )
    logged = cramp(3, None, 120, entered_afterwards=True)
    opened = SessionRecord(
        **{**cramp(5, None, None).__dict__, "status": "stopped", "steps_done": ()},
    )
    opened = SessionRecord(**{**opened.__dict__, "ended": opened.started + timedelta(seconds=5)})
    worked = what_worked([first, restart, logged, opened])
    assert worked.cramps == 1
    assert [(t.technique, t.cramps) for t in worked.techniques] == [(STRETCH_AGAIN, 1)]


def test_no_coached_cramps_says_so() -> None:
    assert what_worked([]).lines() == [
        "No coached cramps yet: nothing to say about what works for you."
    ]


# --- the decision --------------------------------------------------------------------------------


def test_four_cramps_never_adapt_whatever_they_say() -> None:
    assert decide(what_worked(journal_of(*[(STRETCH, 30)] * 4))).plan == USUAL


def test_almost_always_the_first_stretch_goes_straight_to_the_close_out() -> None:
    worked = what_worked(journal_of(*[(STRETCH, 30)] * 8, (MASSAGE, 200), (WALKING, 300)))
    adaptation = decide(worked)
    assert adaptation.plan == CLOSE_OUT_SOONER
    assert "first stretch" in adaptation.reason and "adapt: off" in adaptation.reason
    assert decide(worked, enabled=False).plan == USUAL


def test_rarely_stretching_usually_massage_brings_massage_sooner() -> None:
    worked = what_worked(journal_of((STRETCH, 30), *[(MASSAGE, 200)] * 5, (WALKING, 300)))
    adaptation = decide(worked)
    assert adaptation.plan == MASSAGE_SOONER
    assert adaptation.reason.startswith("Your cramps usually ease with massage: it comes sooner")


@pytest.mark.parametrize(
    "releases",
    [
        [(STRETCH, 30)] * 3 + [(MASSAGE, 200)] * 3,  # half and half: nothing is clear
        [(STRETCH_AGAIN, 90)] * 6,  # repeated stretching works: keep repeating
        [(STRETCH, 30)] + [(WALKING, 300)] * 5,  # walking, not massage: no change
        [(STRETCH, 30)] * 7 + [(MASSAGE, 200)] * 3,  # 70% first stretch: not "almost always"
    ],
)
def test_mixed_or_other_evidence_keeps_the_usual_routine(releases: list) -> None:
    assert decide(what_worked(journal_of(*releases))).plan == USUAL


def test_releases_without_a_step_do_not_count_towards_adapting() -> None:
    worked = what_worked(journal_of(*[(None, 40)] * 10, *[(STRETCH, 30)] * 4))
    assert decide(worked).plan == USUAL


# --- the session records it, and adapts ----------------------------------------------------------


def at_question(session: Session, clock: FakeClock) -> None:
    for _ in range(200):
        if session.current is not None and session.current.kind.value == "released_question":
            return
        clock.advance(1)
        session.tick(clock())
    raise AssertionError("never asked")


def test_the_session_records_the_technique_running_when_it_let_go() -> None:
    clock = FakeClock(100.0)
    session = Session(relief_routine(False), now=clock())
    at_question(session, clock)
    session.answer_released(clock(), yes=False)
    at_question(session, clock)
    session.answer_released(clock(), yes=True)
    assert session.release_step == STRETCH_AGAIN

    other = Session(relief_routine(False), now=clock())
    at_question(other, clock)
    other.answer_released(clock(), yes=False)
    other.next(clock())  # n during the repeat: on to massage
    while other.current is not None and other.current.step_index == 0:
        other.next(clock())
    clock.advance(20)
    other.mark_released(clock())
    assert other.release_step == MASSAGE and other.release_seconds is not None


def test_massage_sooner_moves_on_at_the_first_no_and_close_out_skips_to_the_end() -> None:
    clock = FakeClock(100.0)
    routine = relief_routine(False)
    session = Session(routine, now=clock())
    session.no_moves_on = True
    at_question(session, clock)
    session.answer_released(clock(), yes=False)
    assert session.current is not None and session.current.step_index == 1  # massage
    assert "massage" in (session.current.step.exercise or "")

    closing = Session(routine, now=clock())
    closing.yes_closes_out = True
    at_question(closing, clock)
    closing.answer_released(clock(), yes=True)
    last = len(routine.steps) - 1
    assert closing.current is not None and closing.current.step_index == last
    assert closing.completed_steps == [0]
    assert closing.skipped_steps == list(range(1, last))


def test_the_journal_keeps_the_step_and_the_export_shows_what_worked(tmp_path: Path) -> None:
    routine = relief_routine(False)
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        for day, step in enumerate([STRETCH, STRETCH, MASSAGE]):
            recorder = SessionRecorder(journal, routine)
            recorder.start()
            recorder.released(45.0 + day, step)
            recorder.end("completed")
            assert recorder.flush()
        assert [r.release_step for r in journal.sessions(limit=10)] == [MASSAGE, STRETCH, STRETCH]
        out = io.StringIO()
        export_markdown(journal, out, now=datetime.now(UTC) + timedelta(days=1))
    text = out.getvalue()
    assert "## What has worked\n\n3 cramps so far: too few to say what works for you:" in text
    assert "- the first stretch: 2 of 3, median 0:46 to let go" in text
    assert "- massage: 1 of 3, after 0:47 to let go" in text


def test_an_adaptation_fits_only_a_routine_of_the_relief_shape() -> None:
    from dataclasses import replace

    from coach.core.guidance.what_works import REASONS, Adaptation, fits

    steps = relief_routine(False).steps
    massage = Adaptation(MASSAGE_SOONER, REASONS[MASSAGE_SOONER])
    close = Adaptation(CLOSE_OUT_SOONER, REASONS[CLOSE_OUT_SOONER])
    assert fits(massage, steps) and fits(close, steps)
    assert fits(massage, relief_routine(True).steps)  # the foot: sole massage second
    walk_first = (steps[0], steps[2], *steps[3:])
    assert not fits(massage, walk_first) and fits(close, walk_first)
    no_question = (replace(steps[0], until_released=False), *steps[1:])
    assert not fits(close, no_question) and not fits(Adaptation(USUAL), steps)


def test_every_step_of_both_relief_routines_has_its_technique() -> None:
    from coach.core.session.release_step import OTHER, technique

    for foot in (False, True):
        steps = relief_routine(foot).steps
        names = [technique(step) for step in steps]
        assert names[:3] == [STRETCH, MASSAGE, WALKING], (foot, names)
        assert technique(steps[0], repeats=1) == STRETCH_AGAIN
        assert set(names[3:]) == {OTHER}  # heat, ice, the close-out
