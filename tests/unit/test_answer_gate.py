"""A held key cannot answer unread: the gate, on a fake clock (no sleeping)."""

from __future__ import annotations

from coach.core.guidance.answer_gate import READ_SECONDS, AnswerGate
from coach.core.guidance.check import WarningCheck
from coach.core.guidance.checklist import load_warning_signs
from coach.core.session.clock import FakeClock


def test_an_answer_counts_only_after_the_question_was_on_screen_half_a_second() -> None:
    clock = FakeClock(100.0)
    gate = AnswerGate(clock)
    assert not gate.accept()  # no question yet
    gate.shown()
    assert not gate.accept()
    clock.advance(READ_SECONDS - 0.01)
    assert not gate.accept()
    clock.advance(0.01)
    assert gate.accept()
    assert READ_SECONDS == 0.5


def test_typeahead_is_dropped_when_a_question_appears() -> None:
    clock = FakeClock(0.0)
    gate = AnswerGate(clock)
    gate.shown()
    for _ in range(5):  # auto-repeat before the question could be read
        clock.advance(0.03)
        assert not gate.accept()
    assert gate.dropped == 5
    gate.shown()  # the next question: the count starts again, nothing carried over
    assert gate.dropped == 0
    assert gate.wait() == READ_SECONDS


def test_a_held_n_for_two_seconds_answers_at_most_a_few_questions() -> None:
    """The old behaviour: 22 questions "no" in under 2 s. Now one per half second at most."""
    clock = FakeClock(0.0)
    gate = AnswerGate(clock)
    check = WarningCheck(load_warning_signs())
    gate.shown()
    for _ in range(60):  # 30 keys a second, auto-repeat speed, for two seconds
        clock.advance(1 / 30)
        if gate.accept():
            check.answer(False)
            gate.shown()
    assert 1 <= len(check.answers) <= 4
    assert not check.done


def test_the_read_time_can_be_set() -> None:
    clock = FakeClock(0.0)
    gate = AnswerGate(clock, read_seconds=0)
    gate.shown()
    assert gate.accept()
