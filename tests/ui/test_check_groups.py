"""The warning check's shortcuts: "none of this group" (a), and back from the result (b)."""

from __future__ import annotations

from coach.core.guidance.checklist import load_warning_signs
from coach.ui.check.screen import CheckScreen, ResultScreen

from .helpers import (
    finish_relief,
    journal_rows,
    make_app,
    relief,
    visible_text,
    wait_for_screen,
    wait_for_text,
)

SIZE = (100, 40)
CHECKLIST = load_warning_signs()
EMERGENCY = [q for q in CHECKLIST.questions if q.tier == "emergency"]
# finish_relief says "let go" well within 10 minutes: the session knows T1, so it is not asked.
KNOWN = {"T1": False}
TODAY = [q for q in CHECKLIST.questions if q.tier == "today" and q.id not in KNOWN]


async def test_a_lists_the_rest_of_the_group_and_n_answers_no_to_all_of_it() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        total = len(app.screen.check.questions)
        assert CHECKLIST.tiers["emergency"].group in visible_text(app)
        await pilot.press("a")
        await wait_for_text(pilot, "Do any of these apply to you?")
        shown = " ".join(visible_text(app).split())
        assert all(q.question in shown for q in EMERGENCY)  # read before they are answered
        assert TODAY[0].question not in shown
        await pilot.press("n")
        await wait_for_text(pilot, f"Question {len(EMERGENCY) + 1} of {total}")
        assert CHECKLIST.tiers["today"].group in visible_text(app)
        assert TODAY[0].question in visible_text(app)
        (row,) = journal_rows()
        assert dict(row.warning_answers) == {**{q.id: False for q in EMERGENCY}, **KNOWN}


async def test_y_on_the_group_list_goes_back_to_one_question_at_a_time() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        await pilot.press("n", "a")  # E1 by hand, then the rest of the group listed
        await wait_for_text(pilot, "Do any of these apply to you?")
        assert EMERGENCY[0].question not in visible_text(app)  # already answered
        await pilot.press("y")
        await wait_for_text(pilot, EMERGENCY[1].question)
        assert "Do any of these apply" not in visible_text(app)
        assert app.screen.check.answers == {EMERGENCY[0].id: False, **KNOWN}


async def test_four_groups_answered_none_reach_the_no_signs_result_and_b_changes_one() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        presses = 0
        while isinstance(app.screen, CheckScreen):
            await pilot.press("a", "n")
            await pilot.pause()
            presses += 2
        assert presses == 8  # four groups, two keys each, instead of 23 answers
        await wait_for_screen(pilot, ResultScreen)
        await wait_for_text(pilot, "You reported none of the warning signs on this list.")
        assert journal_rows()[0].warning_tier is None
        # b: back to the last group (next-visit), now one question at a time, to change it.
        await pilot.press("b")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, CHECKLIST.tiers["next-visit"].group)
        check = app.screen.check
        assert check.current is not None and check.current.tier == "next-visit"
        assert "Which leg cramped?" not in visible_text(app)  # not asked twice
        await pilot.press("y")  # the first next-visit question does apply
        while isinstance(app.screen, CheckScreen):
            await pilot.press("n")
            await pilot.pause()
        await wait_for_screen(pilot, ResultScreen)
        await wait_for_text(pilot, CHECKLIST.tiers["next-visit"].title)
        (row,) = journal_rows()
        assert row.warning_tier == "next-visit"


async def test_b_on_an_emergency_result_asks_that_question_again() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        await pilot.press("y")  # E1: emergency, the check ends at once
        await wait_for_screen(pilot, ResultScreen)
        assert journal_rows()[0].warning_tier == "emergency"
        await pilot.press("b")  # a slip of the finger: change it
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, EMERGENCY[0].question)
        await pilot.press("n")
        await wait_for_text(pilot, EMERGENCY[1].question)
        (row,) = journal_rows()
        assert dict(row.warning_answers) == {EMERGENCY[0].id: False, **KNOWN}


async def test_a_short_terminal_asks_one_at_a_time_and_a_list_gives_way_on_shrinking() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        await pilot.press("a")
        await wait_for_text(pilot, "Do any of these apply to you?")
        assert CHECKLIST.intro not in " ".join(visible_text(app).split())  # room for the list
        await pilot.resize_terminal(40, 12)
        await wait_for_text(pilot, EMERGENCY[0].question.split(",")[0])
        assert "Do any of these apply" not in visible_text(app)
        await pilot.press("a")  # too short to list a group whole: ignored
        await pilot.pause()
        assert "Do any of these apply" not in visible_text(app)
        assert app.screen.check.answers == KNOWN


async def test_a_long_group_is_listed_whole_a_page_at_a_time_at_80x24() -> None:
    """Each listed question shows all it covers; what does not fit waits for the next page, so
    one `n` never answers a question that was not on screen."""
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_relief(pilot)
        await pilot.press("a")
        await wait_for_text(pilot, "Do any of these apply to you?")
        shown = " ".join(visible_text(app).split())
        e1 = CHECKLIST.question("E1")
        assert " ".join(e1.detail.split()) in shown  # the second sentence too
        for _ in range(3):
            await pilot.press("n")
            await pilot.pause()
            if app.screen.check.current.tier == "days":
                break
            await pilot.press("a")
            await wait_for_text(pilot, "Do any of these apply to you?")
        await pilot.press("a")
        await wait_for_text(pilot, "more after these")
        page = app.screen._page
        days = [q for q in app.screen.check.questions if q.tier == "days"]
        assert 0 < len(page) < len(days)
        await pilot.press("n")
        await wait_for_text(pilot, "Do any of these apply to you?")  # the next page, listed
        days_ids = {q.id for q in days}
        answered = {qid for qid in app.screen.check.answers if qid in days_ids}
        assert answered == {q.id for q in page}
