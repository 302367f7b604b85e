"""A warning-sign check left unfinished (core/guidance/check_progress.py): what is kept of it,
how it is put back, and when home offers to finish it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.guidance.check import WarningCheck
from coach.core.guidance.check_progress import (
    CHECK_WITHIN,
    CheckProgress,
    find_unfinished_check,
    may_finish,
    offer_words,
    progress_of,
    restore_check,
)
from coach.core.guidance.checklist import load_warning_signs
from coach.core.journal.schema import SessionRecord
from coach.core.journal.store import Journal
from coach.core.session.position import Position

WALL = 1_800_000_000.0
NOW = datetime.fromtimestamp(WALL, UTC)
CHECKLIST = load_warning_signs()


def half_done() -> WarningCheck:
    """The urgent group answered "none of these", then one "no" and one "yes" of the next."""
    check = WarningCheck(CHECKLIST, observed={"D6": ""}, known_no=["T1"])
    check.answer_rest_of_group_no()  # E1 E2 E3 T5, as one step
    check.answer(False)  # T2
    check.answer(True)  # T3
    return check


def test_progress_round_trips_and_puts_the_check_back_where_it_was() -> None:
    check = half_done()
    text = progress_of(check, "left", None, WALL).to_text()
    progress = CheckProgress.from_text(text)
    assert progress is not None and progress.leg == "left" and progress.saved_wall == WALL
    back = restore_check(CHECKLIST, progress)
    assert back.answers == check.answers
    asked = ("E1", "E2", "E3", "T5", "T2", "T3")
    assert back.answer_steps == check.answer_steps == (asked, (4, 1, 1))
    assert back.current is not None and back.current.id == "T4"
    assert back.position == check.position
    assert back.observed == {"D6": ""} and back.known_no == {"T1"}


def test_back_after_putting_it_back_still_undoes_one_step_the_list_whole() -> None:
    progress = progress_of(half_done(), None, None, WALL)
    back = restore_check(CHECKLIST, progress)
    assert back.back() and back.back()  # T3, then T2
    assert back.current is not None and back.current.id == "T2"
    assert back.answer_steps == (("E1", "E2", "E3", "T5"), (4,))
    assert back.back() and back.answer_steps == ((), ())
    assert back.answers == {"T1": False}  # the session's own "no" stays


def test_the_replay_stops_at_the_first_answer_the_checklist_no_longer_asks_there() -> None:
    progress = progress_of(half_done(), None, None, WALL)
    changed = replace(progress, answers=[*progress.answers[:4], ("GONE", False), ("T3", True)])
    back = restore_check(CHECKLIST, changed)
    assert back.answer_steps == (("E1", "E2", "E3", "T5"), (4,))
    assert back.current is not None and back.current.id == "T2"  # asked again from there
    # A "none of these" step that says yes to one of them is not a list of "no"s: not replayed.
    yes_in_list = replace(progress, answers=[("E1", True), *progress.answers[1:]])
    assert restore_check(CHECKLIST, yes_in_list).answer_steps == ((), ())


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "not json",
        "[]",
        Position(0, 0, "Pull", None, 1, "hold", WALL, 30.0, None, 0.0, 0.0).to_text(),
        '{"check": 1}',
    ],
)
def test_anything_but_whole_progress_is_none(text: object) -> None:
    assert CheckProgress.from_text(text) is None


def test_progress_whose_steps_do_not_add_up_or_of_another_version_is_none() -> None:
    good = progress_of(half_done(), None, None, WALL)
    assert CheckProgress.from_text(good.to_text()) == good
    assert CheckProgress.from_text(replace(good, steps=[4, 1]).to_text()) is None
    assert CheckProgress.from_text(replace(good, check=2).to_text()) is None
    assert CheckProgress.from_text(replace(good, saved_wall=float("nan")).to_text()) is None


def record(status: str = "completed", sid: int = 1) -> SessionRecord:
    return SessionRecord(sid, "cramp-now", "relief", status, NOW, NOW)


@pytest.mark.parametrize(
    ("status", "age", "offered"),
    [
        ("completed", 0.0, True),
        ("completed", CHECK_WITHIN.total_seconds() - 1, True),
        ("completed", CHECK_WITHIN.total_seconds() + 1, False),  # half an hour: another moment
        ("interrupted", 60.0, True),  # `coach log`'s rows and a stopped session too
        ("running", 0.0, False),  # still under way in another window
        ("completed", -30.0, True),  # a clock corrected back a little
        ("completed", -600.0, False),  # a clock set back far: how long ago cannot be known
    ],
)
def test_may_finish_within_half_an_hour_of_the_last_answer(
    status: str, age: float, offered: bool
) -> None:
    progress = progress_of(half_done(), None, None, WALL)
    assert may_finish(record(status), progress, WALL + age) is offered
    assert not may_finish(record(status), None, WALL)


class FakeJournal:
    def __init__(self, rows: list[tuple[SessionRecord, str | None]]) -> None:
        self.rows = rows  # newest first

    def sessions(self, limit: int = 50, offset: int = 0) -> list[SessionRecord]:
        return [r for r, _ in self.rows][offset : offset + limit]

    def position(self, session_id: int) -> str | None:
        return next(text for r, text in self.rows if r.id == session_id)


def test_only_the_newest_session_s_check_is_offered() -> None:
    text = progress_of(half_done(), None, None, WALL).to_text()
    found = find_unfinished_check(FakeJournal([(record(sid=1), text)]), NOW)
    assert found is not None and found.record.id == 1 and found.progress.answers
    newer = FakeJournal([(record(sid=2), None), (record(sid=1), text)])
    assert find_unfinished_check(newer, NOW) is None  # a session since has its own check
    assert find_unfinished_check(FakeJournal([]), NOW) is None


def test_offer_words_say_what_is_kept() -> None:
    fresh = progress_of(WarningCheck(CHECKLIST), None, None, WALL)
    assert "first question" in offer_words(fresh)
    kept = offer_words(progress_of(half_done(), None, None, WALL))
    assert kept == "Finish the warning-sign check: your 6 answers so far are kept"


def test_through_the_journal_kept_then_cleared_on_the_same_completed_row(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3", now=NOW) as journal:
        sid = journal.start_session("cramp-now", "relief", started=NOW - timedelta(minutes=3))
        journal.end_session(sid, "completed", ended=NOW)
        text = progress_of(half_done(), "right", None, WALL).to_text()
        journal.update_session(sid, position=text)
        found = find_unfinished_check(journal, NOW + timedelta(minutes=5))
        assert found is not None and found.record.id == sid and found.progress.leg == "right"
        journal.update_session(sid, position=None)  # finished, or quit with q
        assert find_unfinished_check(journal, NOW + timedelta(minutes=5)) is None


def test_a_session_to_pick_up_and_a_check_to_finish_are_never_the_same_row() -> None:
    """One column holds one or the other: home can only ever make one offer for the newest."""
    from coach.core.session.resume import find_resumable

    where = Position(0, 0, "Pull your toes", None, 1, "hold", WALL - 30, 30.0, None, 0.0, 0.0)
    interrupted = replace(record("interrupted"), ended=NOW)
    assert find_resumable(FakeJournal([(interrupted, where.to_text())]), NOW) is not None
    assert find_unfinished_check(FakeJournal([(interrupted, where.to_text())]), NOW) is None
    text = progress_of(half_done(), None, None, WALL).to_text()
    assert find_resumable(FakeJournal([(interrupted, text)]), NOW) is None
    assert find_unfinished_check(FakeJournal([(interrupted, text)]), NOW) is not None
