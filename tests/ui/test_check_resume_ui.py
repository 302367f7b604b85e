"""A warning-sign check left unfinished (a reloaded page, a phone gone to sleep, a closed
terminal after relief) is offered on home in one key or one tap, and goes on with the answers
already given: the same journal row, which is completed already."""

from __future__ import annotations

from textual.pilot import Pilot

from coach.core.guidance.check_progress import CheckProgress
from coach.core.guidance.checklist import load_warning_signs
from coach.core.journal.store import Journal
from coach.ui.check.screen import CheckScreen, ResultScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.widgets.check_offer import CheckOffer
from coach.ui.widgets.resume_offer import ResumeOffer

from .helpers import (
    finish_relief,
    journal_rows,
    make_app,
    relief,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)
CHECKLIST = load_warning_signs()
EMERGENCY = [q for q in CHECKLIST.questions if q.tier == "emergency"]
TODAY = [q for q in CHECKLIST.questions if q.tier == "today" and q.id != "T1"]


def stored_progress(row_id: int) -> CheckProgress | None:
    journal = Journal.open()
    try:
        return CheckProgress.from_text(journal.position(row_id))
    finally:
        journal.close()


async def check_left_half_done() -> tuple[int, tuple[tuple[str, ...], tuple[int, ...]]]:
    """Relief, then the urgent group answered "none of these" and one question more, then the
    app goes as on SIGHUP. The row's id and the answers' steps."""
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        await pilot.press("a")
        await wait_for_text(pilot, "Do any of these apply to you?")
        await pilot.press("n")
        await wait_for_text(pilot, TODAY[0].question)
        await pilot.press("n")
        await wait_for_text(pilot, TODAY[1].question)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        steps = screen.check.answer_steps
        app.finish("interrupted", 129)  # what a hangup does
    (row,) = journal_rows()
    assert row.status == "completed"  # the routine had ended: the row was closed before the check
    return row.id, steps


async def offered(pilot: Pilot) -> CheckOffer:
    await wait_for_screen(pilot, HomeScreen)
    offer = pilot.app.screen.query_one(CheckOffer)
    await wait_until(pilot, lambda: offer.display, "the offer to finish the check")
    return offer


async def test_r_on_home_goes_back_into_the_check_with_the_answers_kept() -> None:
    row_id, steps = await check_left_half_done()
    progress = stored_progress(row_id)
    assert progress is not None and progress.leg == "right" and len(progress.answers) == 5
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        offer = await offered(pilot)
        assert str(offer.label) == (
            "r  Finish the warning-sign check: your 5 answers so far are kept"
        )
        assert not app.screen.query_one(ResumeOffer).display  # one offer at a time
        assert app.focused is not None and app.focused.id == "cramp-now"  # Enter: a new cramp
        await pilot.press("r")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, TODAY[1].question)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        assert screen.check.answer_steps == steps and screen.leg == "right"
        total = len(screen.check.questions)
        assert f"Question {len(EMERGENCY) + 2} of {total}" in visible_text(app)
        await pilot.press("b")  # back still undoes one answer
        await wait_for_text(pilot, TODAY[0].question)
        for _ in range(6):  # the rest of each group: none of these
            if isinstance(app.screen, ResultScreen):
                break
            await pilot.press("a")
            await wait_for_text(pilot, "Do any of these apply to you?")
            await pilot.press("n")
            await pilot.pause()
        await wait_for_screen(pilot, ResultScreen)
    (row,) = journal_rows()
    assert row.id == row_id and row.warning_answers and not any(row.warning_answers.values())
    assert stored_progress(row_id) is None  # finished: not offered again
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.pause()
        assert not app.screen.query_one(CheckOffer).display


async def test_a_tap_on_the_offer_opens_it_too_and_q_in_the_check_declines_it() -> None:
    row_id, _ = await check_left_half_done()
    app, _, _ = make_app()
    async with app.run_test(size=(46, 40)) as pilot:  # about a phone's width
        await offered(pilot)
        assert await pilot.click(CheckOffer)
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, "Question")
        await pilot.press("q")
    assert stored_progress(row_id) is None


async def test_a_yes_to_a_swollen_leg_lost_before_which_leg_asks_which_leg_again() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        await pilot.press("a")
        await wait_for_text(pilot, "Do any of these apply to you?")
        await pilot.press("n")
        await wait_for_text(pilot, TODAY[0].question)
        assert "stretch" in TODAY[0].avoid  # T2: a swollen, red or warm leg
        await pilot.press("y")
        await wait_for_text(pilot, "Which leg is swollen, red or warm?")
        app.finish("interrupted", 129)
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await offered(pilot)
        await pilot.press("r")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, "Which leg is swollen, red or warm?")
        await pilot.press("l")
        await wait_for_text(pilot, TODAY[1].question)
        screen = app.screen
        assert isinstance(screen, CheckScreen) and screen.swollen == "left"
        assert screen.check.answers[TODAY[0].id] is True
