"""Home, the warning-sign check, its result, the finished screen, urgent help and help."""

from __future__ import annotations

import pytest
from textual.widgets import Button, OptionList

from coach.core.guidance.checklist import TIER_ORDER, load_warning_signs
from coach.ui.check.screen import CheckScreen, ResultScreen
from coach.ui.player.screen import PlayerScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.urgent import UrgentScreen

from .helpers import (
    builtin,
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
TIERS = {q.id: q.tier for q in CHECKLIST.questions}


# --- home --------------------------------------------------------------------------------------


async def test_home_focuses_cramping_now_lists_routines_and_shows_the_disclaimer() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: app.focused is not None, "focus")
        assert isinstance(app.focused, Button) and app.focused.id == "cramp-now"
        text = visible_text(app)
        assert "I'm cramping now" in text
        assert "General self-care information, not medical advice." in text
        assert "Press ! for urgent signs." in text
        routines = app.screen.query_one("#routines", OptionList)
        ids = [routines.get_option_at_index(i).id for i in range(routines.option_count)]
        assert {"nightly", "nightly-quick", "cramp-now", "cramp-foot"} <= set(ids)
        assert "Quick nightly stretch (the dose one trial tested)" in text


async def test_enter_on_home_starts_relief() -> None:
    app, _, cues = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: app.focused is not None, "focus")
        await pilot.press("enter")
        await wait_for_screen(pilot, PlayerScreen)
        assert app.screen.routine.id == "cramp-now"
        await wait_for_text(pilot, "Pull your toes toward you")
        assert cues.played == ["step"]
        assert app.session_running


async def test_a_routine_chosen_on_home_runs() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        routines = app.screen.query_one("#routines", OptionList)
        routines.focus()
        ids = [routines.get_option_at_index(i).id for i in range(routines.option_count)]
        routines.highlighted = ids.index("nightly-quick")
        await pilot.press("enter")
        await wait_for_screen(pilot, PlayerScreen)
        assert app.screen.routine.id == "nightly-quick"
        await wait_for_text(pilot, "How to stretch")


async def test_bang_on_home_opens_urgent_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_EMERGENCY_NUMBER", "999")
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await wait_for_text(pilot, "Urgent help")
        await wait_for_text(pilot, "Call 999 now if you have leg pain or swelling")
        await pilot.press("exclamation_mark")  # the same key closes it
        await wait_for_screen(pilot, HomeScreen)


async def test_question_mark_on_home_opens_help() -> None:
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await wait_for_text(pilot, "coach validate")
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


# --- the warning-sign check ----------------------------------------------------------------------


async def test_check_asks_one_question_at_a_time_urgent_first() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        check = app.screen.check
        total = len(check.questions)
        await wait_for_text(pilot, f"Question 1 of {total}")
        first = CHECKLIST.question("E1")
        assert first.question in visible_text(app)
        assert CHECKLIST.question("E2").question not in visible_text(app)
        assert check.intro in " ".join(visible_text(app).split())
        assert f"About {total} yes/no questions" in check.intro
        tiers_asked = []
        for number in range(1, total + 1):
            await wait_for_text(pilot, f"Question {number} of {total}")
            question = app.screen.check.current
            assert question.question.split()[0] in visible_text(app)
            tiers_asked.append(TIERS[question.id])
            await pilot.press("n")
        await wait_for_screen(pilot, ResultScreen)
        ranks = [TIER_ORDER.index(t) for t in tiers_asked]
        assert ranks == sorted(ranks) and tiers_asked[0] == "emergency"
        # The cramp let go within 10 minutes: the session knows T1's answer, so it is not asked.
        assert "T1" not in [q.id for q in check.questions]
        assert check.answers["T1"] is False


async def test_b_goes_back_a_question() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        total = len(app.screen.check.questions)
        await pilot.press("n")
        await wait_for_text(pilot, f"Question 2 of {total}")
        await pilot.press("b")
        await wait_for_text(pilot, f"Question 1 of {total}")
        assert app.screen.check.answers == {"T1": False}  # known: the cramp let go


async def test_yes_to_an_emergency_question_ends_the_check_with_emergency_advice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COACH_EMERGENCY_NUMBER", "999")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        await pilot.press("n")  # E1 no
        await wait_for_text(pilot, CHECKLIST.question("E2").question)
        await pilot.press("y")  # E2 yes: no more questions
        await wait_for_screen(pilot, ResultScreen)
        await wait_for_text(pilot, "Emergency: get help now")
        text = " ".join(visible_text(app).split())
        assert "Call 999 now, or go to the nearest emergency department." in text
        assert "You said: your foot or leg is suddenly cold" in text
        assert "Stop the routine." in text  # relief ran
        assert "Keep the leg still" in text
        assert app.screen.has_class("urgent")
        (row,) = journal_rows()
        assert row.warning_tier == "emergency"
        assert dict(row.warning_answers) == {"E1": False, "E2": True, "T1": False}


async def test_all_no_says_none_reported_and_that_it_rules_nothing_out() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        while isinstance(app.screen, CheckScreen):
            await pilot.press("n")
            await pilot.pause()
        await wait_for_screen(pilot, ResultScreen)
        text = " ".join(visible_text(app).split())
        assert "You reported none of the warning signs on this list." in text
        assert "That does not rule anything out." in text
        assert "not medical advice" in text
        assert not app.screen.has_class("urgent")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.is_running, "the app ended")


async def test_bang_on_the_check_screen_opens_urgent_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_EMERGENCY_NUMBER", "112")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)
        total = len(app.screen.check.questions)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await wait_for_text(pilot, "Call 112 now")
        await pilot.press("escape")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, f"Question 1 of {total}")  # nothing answered meanwhile


async def test_check_after_a_prevention_routine_leaves_out_the_relief_question() -> None:
    app, _, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "How to stretch")
        for _ in range(40):
            if not isinstance(app.screen, PlayerScreen):
                break
            await pilot.press("enter" if "Enter" in visible_text(app) else "n")
            await pilot.pause()
        await wait_for_text(pilot, "Done: Quick nightly stretch")
        await pilot.press("c")
        await wait_for_screen(pilot, CheckScreen)
        ids = [q.id for q in app.screen.check.questions]
        assert "T1" not in ids and ids[0] == "E1"
        await wait_for_text(pilot, f"Question 1 of {len(ids)}")


async def test_check_in_a_short_terminal_shows_the_whole_question() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(40, 12)) as pilot:
        await finish_relief(pilot)
        await wait_for_text(pilot, "Question 1 of")
        text = " ".join(visible_text(app).split())
        assert CHECKLIST.question("E1").question in text
        assert CHECKLIST.question("E1").detail in text
        assert "y Yes" in text and "n No" in text  # the keys, in the footer
        assert app.screen.max_scroll_y == 0
        await pilot.resize_terminal(100, 40)
        await wait_for_text(pilot, "yes/no questions, the most urgent first.")


async def test_the_leg_is_asked_once_when_relief_did_not_note_it() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await finish_relief(pilot)  # answers "r" to "Which leg cramped?"
        assert "Which leg cramped?" not in visible_text(app)
        await pilot.press("l")  # l means nothing now: only y, n and b do
        await pilot.pause()
        assert app.screen.check.answers == {"T1": False}  # known: the cramp let go
    (row,) = journal_rows()
    assert row.leg == "r"


async def test_urgent_help_names_the_regions_number_when_none_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await wait_for_text(pilot, "Call 999 now if you have leg pain")
        await wait_for_text(pilot, "your system's language setting (LANG) says the UK")
