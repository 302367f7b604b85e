"""A burst of `n` at the first warning question answers nothing; after the read time one key
answers one question, and "none of these" still needs its own key after its list is read."""

from __future__ import annotations

import pytest

from coach.core.guidance.answer_gate import READ_SECONDS
from coach.ui.check.screen import CheckScreen

from .helpers import make_app, visible_text, wait_for_text


@pytest.fixture(autouse=True)
def real_read_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.core.guidance.answer_gate.READ_SECONDS", READ_SECONDS)


async def test_a_burst_of_n_at_the_first_question_answers_nothing() -> None:
    app, clock, _ = make_app(start_factory=lambda app: CheckScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "Question 1 of")
        await pilot.press(*["n"] * 30)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        assert screen.check.answers == {}
        assert "Question 1 of" in visible_text(app)
        clock.advance(READ_SECONDS)
        await pilot.press("n", "n", "n")  # the first counts; the rest came too soon for Q2
        await wait_for_text(pilot, "Question 2 of")
        assert len(screen.check.answers) == 1


async def test_none_of_these_needs_its_own_key_after_the_list_is_read() -> None:
    app, clock, _ = make_app(start_factory=lambda app: CheckScreen())
    async with app.run_test(size=(80, 30)) as pilot:
        await wait_for_text(pilot, "Question 1 of")
        clock.advance(READ_SECONDS)
        await pilot.press("a", "n")  # the list goes up; an n straight after it is dropped
        await wait_for_text(pilot, "Do any of these apply to you?")
        screen = app.screen
        assert isinstance(screen, CheckScreen) and screen.check.answers == {}
        clock.advance(READ_SECONDS)
        await pilot.press("n")
        await wait_for_text(pilot, "Question 5 of")
        assert set(screen.check.answers) == {"E1", "E2", "E3", "T5"}
