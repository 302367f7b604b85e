"""The player as a person meets it: keys in, words and cues out, time from a fake clock.

The relief routine (routines/cramp-now.yaml): 1 stretch 30 s then "has it let go?", 2 massage
1 m, 3 walk 2 m, 4 heat 5 m (optional), 5 ice 10 m (optional), 6 a closing note.
"""

from __future__ import annotations

import pytest
from textual.widgets import Digits

from coach.ui.check.screen import CheckScreen
from coach.ui.dialogs.confirm import ConfirmScreen
from coach.ui.player.finished import FinishedScreen
from coach.ui.player.screen import PlayerScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.urgent import UrgentScreen

from .helpers import (
    advance,
    builtin,
    journal_rows,
    make_app,
    phase,
    player,
    relief,
    routine_from_text,
    shown_clock,
    title,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)


async def started(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, PlayerScreen)
    await wait_until(pilot, lambda: player(pilot.app).recorder is not None, "journal row opened")


async def test_first_instruction_is_on_screen_at_mount() -> None:
    app, _, cues = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "toes")
        assert title(app).startswith("Pull your toes toward you")
        assert "step 1 of 6" in title(app)
        assert phase(app) == "Hold"
        assert shown_clock(app) == "0:30"
        assert cues.played == ["step"]
        assert "Press ! now" in visible_text(app)


async def test_space_pauses_and_resumes_without_losing_time() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 10)
        assert shown_clock(app) == "0:20"
        await pilot.press("space")
        await wait_for_text(pilot, "Paused")
        await advance(pilot, clock, 60)
        assert shown_clock(app) == "0:20"
        assert phase(app).startswith("Paused")
        await pilot.press("space")
        await wait_until(pilot, lambda: phase(app) == "Hold", "resumed")
        await advance(pilot, clock, 5)
        assert shown_clock(app) == "0:15"


async def test_n_and_right_move_on() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "the question")
        await pilot.press("right")  # moving on from the question means it let go
        await wait_until(pilot, lambda: title(app).startswith("Rub the muscle"), "massage")
        assert shown_clock(app) == "1:00"
        await pilot.press("n")
        await wait_until(pilot, lambda: title(app).startswith("Walk it off"), "walk")
        await pilot.press("right")
        await wait_until(pilot, lambda: title(app).startswith("Warm the muscle"), "heat")


async def test_b_and_left_go_back_or_restart() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "y")
        await wait_until(pilot, lambda: title(app).startswith("Rub the muscle"), "massage")
        await pilot.press("b")  # under 3 s in: the previous part
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "back to the question")
        await pilot.press("left")
        await wait_until(pilot, lambda: phase(app) == "Hold", "back to the stretch")
        assert shown_clock(app) == "0:30"
        await advance(pilot, clock, 10)
        assert shown_clock(app) == "0:20"
        await pilot.press("left")  # more than 3 s in: this part again, from the top
        await wait_until(pilot, lambda: shown_clock(app) == "0:30", "restarted")
        assert title(app).startswith("Pull your toes")


async def test_plus_adds_fifteen_seconds_to_the_countdown() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await advance(pilot, clock, 5)
        assert shown_clock(app) == "0:25"
        await pilot.press("plus")
        await wait_until(pilot, lambda: shown_clock(app) == "0:40", "15 s more")
        await pilot.press("equals_sign")  # the same key without shift
        await wait_until(pilot, lambda: shown_clock(app) == "0:55", "15 s more again")


async def _to_step(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """Press n (y at the question) until the step called `name` is on screen."""
    app = pilot.app
    for _ in range(12):
        if title(app).startswith(name):
            return
        await pilot.press("y" if phase(app) == "Has it let go?" else "n")
        await pilot.pause()
    raise AssertionError(f"never reached {name}: {title(app)}")


async def test_s_skips_an_optional_step_and_refuses_otherwise() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "Skip" not in _footer(app)  # not on offer for a step that is not optional
        await pilot.press("s")
        await pilot.pause()
        assert title(app).startswith("Pull your toes") and phase(app) == "Hold"
        assert shown_clock(app) == "0:30"

        await _to_step(pilot, "Warm the muscle")
        await wait_until(pilot, lambda: "Skip" in _footer(app), "s offered in the footer")
        assert "then press Enter" in visible_text(app)  # the timer waits for the towel (issue 9)
        await pilot.press("enter")
        await wait_for_text(pilot, "Press s to skip this step")
        await pilot.press("s")
        await wait_until(pilot, lambda: title(app).startswith("Cool a sore spot"), "heat skipped")
        await pilot.press("s")
        await wait_until(pilot, lambda: title(app).startswith("Afterwards"), "ice skipped")
        recorder = player(app).recorder
        assert recorder is not None
        # Massage and walking were passed over with n on the way: skipped is skipped.
        assert recorder._skipped == [
            "Rub the muscle", "Walk it off", "Warm the muscle", "Cool a sore spot",
        ]  # fmt: skip


async def test_has_it_let_go_n_stretches_again_and_y_moves_on() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await advance(pilot, clock, 30)
        assert phase(app) == "Has it let go?"
        assert "y  yes     n  no, stretch again" in visible_text(app)
        await wait_until(pilot, lambda: "y Yes  n No " in _footer(app), "footer: y yes, n no")
        assert "n Next" not in _footer(app) and "y Yes" in _footer(app)
        assert "+15s" not in _footer(app)  # nothing to extend while the question waits
        assert not player(app).query_one("#clock", Digits).display
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Hold", "the stretch again")
        assert shown_clock(app) == "0:30"
        assert "stretch 2" in visible_text(app)
        await wait_until(pilot, lambda: "n Next" in _footer(app), "footer: n = next again")
        await advance(pilot, clock, 30)
        assert phase(app) == "Has it let go?"
        await pilot.press("y")
        await wait_until(pilot, lambda: title(app).startswith("Rub the muscle"), "moved on")
        assert player(app).session.release_seconds == pytest.approx(60)
        assert "Which leg was it?" in visible_text(app)


async def test_enter_finishes_counted_reps_and_notes() -> None:
    routine = routine_from_text(
        "name: Counted\nkind: prevention\nsteps:\n"
        "  - exercise: ankle-pumps\n    sides: left\n"
        "  - exercise: bed-setup\n"
    )
    app, _, cues = make_app(routine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Ankle pumps")
        assert "30 times, then Enter" in visible_text(app)
        assert "Press Enter when done" in visible_text(app)
        assert not player(app).query_one("#clock", Digits).display
        await pilot.press("enter")
        await wait_until(pilot, lambda: title(app).startswith("Ready for bed"), "the note")
        assert phase(app) == "Read this"
        await pilot.press("enter")
        await wait_for_screen(pilot, FinishedScreen)
        assert cues.played[-1] == "done"


async def test_enter_does_nothing_on_a_timed_part_or_the_question() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert phase(app) == "Hold" and shown_clock(app) == "0:30"
        await advance(pilot, clock, 30)
        await pilot.press("enter")
        await pilot.pause()
        assert phase(app) == "Has it let go?"


async def test_m_toggles_mute() -> None:
    app, clock, cues = make_app(relief())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: cues.muted, "muted")
        await wait_for_text(pilot, "Sound off")
        await advance(pilot, clock, 30)
        assert cues.played == ["step"]  # nothing since the mute
        await pilot.press("m")
        await wait_until(pilot, lambda: not cues.muted, "sound back")
        await wait_for_text(pilot, "Sound on")


async def test_m_with_sound_off_for_the_run_does_not_claim_sound_is_on() -> None:
    app, _, cues = make_app(relief())
    cues.mode = "off"  # coach --mute
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await started(pilot)
        await pilot.press("m")
        await wait_for_text(pilot, "Sound is off for this run")
        assert "Sound on" not in visible_text(app)


async def test_l_and_r_note_the_leg() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "l / r: which leg" in visible_text(app)
        await pilot.press("l")
        await wait_for_text(pilot, "Left leg noted")
        assert journal_rows()[0].leg == "l"
        await pilot.press("r")
        await wait_for_text(pilot, "Right leg noted")
        assert journal_rows()[0].leg == "r"


async def test_leg_noted_before_the_journal_opens_is_kept() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        player(app).action_leg("right")  # before the first frame's call_after_refresh
        await started(pilot)
        assert journal_rows()[0].leg == "r"


@pytest.mark.parametrize("number", ["999", None])
async def test_bang_opens_urgent_help_from_the_player(
    number: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if number:
        monkeypatch.setenv("COACH_EMERGENCY_NUMBER", number)
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        wanted = "Call 999 now" if number else "Call your local emergency number now"
        await wait_for_text(pilot, wanted)
        await wait_for_text(pilot, "Get seen today")
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)


async def test_question_mark_opens_help_and_closes_it() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await wait_for_text(pilot, "Keys during a routine")
        assert "not medical advice" in visible_text(app)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, PlayerScreen)


async def test_q_asks_first_and_n_keeps_going() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmScreen)
        await wait_for_text(pilot, "Stop this session?")
        await pilot.press("n")
        await wait_for_screen(pilot, PlayerScreen)
        assert app.is_running and app.session_running
        await advance(pilot, clock, 5)
        assert shown_clock(app) == "0:25"
        assert journal_rows()[0].status == "running"


async def test_q_then_y_quits_and_the_journal_says_stopped() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("n", "y")  # one step done
        await wait_until(pilot, lambda: title(app).startswith("Rub"), "massage")
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.is_running, "the app ended")
    (row,) = journal_rows()
    assert row.status == "stopped"
    assert row.steps_done == ("Pull your toes toward you",)
    assert row.ended is not None


async def test_overtime_line_after_ten_minutes_and_the_check_shows_it_observed() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await advance(pilot, clock, 30)
        assert phase(app) == "Has it let go?"
        await advance(pilot, clock, 560)  # 9:50 in: not yet
        assert "Over 10 minutes" not in visible_text(app)
        await advance(pilot, clock, 11)
        await wait_for_text(pilot, "Over 10 minutes and not easing?")
        assert "Press ! for what to do" in visible_text(app)
        await pilot.press("y")
        await _to_step(pilot, "Afterwards")
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, "What your journal already shows:")
        await wait_for_text(pilot, "This cramp had not let go after 10 minutes of stretching.")
        check = app.screen.check
        assert "T1" in check.observed
        assert all(q.id != "T1" for q in check.questions)


async def test_no_overtime_line_when_it_let_go_early() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("n", "y")
        await wait_until(pilot, lambda: title(app).startswith("Rub"), "massage")
        await advance(pilot, clock, 60 + 120)  # heat waits for Enter (issue 9)
        await pilot.press("enter")
        await advance(pilot, clock, 300 + 220)  # into the ice, 10+ min in
        assert title(app).startswith("Cool a sore spot")
        assert "Over 10 minutes" not in visible_text(app)


async def test_player_sleeps_a_second_at_a_time_after_the_ten_minute_mark() -> None:
    """Past 10 minutes with the cramp gone, the wake-up must not become a busy loop."""
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("n", "y")
        await wait_until(pilot, lambda: title(app).startswith("Rub"), "massage")
        await advance(pilot, clock, 60 + 120)  # heat and ice wait for Enter (issue 9)
        await pilot.press("enter")
        await advance(pilot, clock, 300)
        await pilot.press("enter")
        await advance(pilot, clock, 220.5)  # 11:40.5 in, in the ice
        screen = player(app)
        assert screen._wake.pending
        assert screen._wake.delay == pytest.approx(0.502, abs=0.01)
        await advance(pilot, clock, 0.5)
        assert screen._wake.delay == pytest.approx(1.002, abs=0.01)


async def test_paused_player_sets_no_wake_up() -> None:
    app, _, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_until(pilot, lambda: phase(app) == "Get ready", "the lead-in")
        assert player(app)._wake.pending
        await pilot.press("space")
        await wait_until(pilot, lambda: phase(app).startswith("Paused"), "paused")
        assert not player(app)._wake.pending


async def test_finishing_relief_goes_to_the_check() -> None:
    app, _, cues = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await _to_step(pilot, "Afterwards")
        assert phase(app) == "Read this"
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckScreen)
        await wait_for_text(pilot, "Which leg cramped?")
        await pilot.press("s")  # skipping it is fine: the questions follow
        await wait_for_text(pilot, "Question 1 of")
        assert cues.played[-1] == "done"
        assert not app.session_running


async def test_prevention_routine_ends_on_finished_with_the_check_on_offer() -> None:
    app, clock, cues = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "How to stretch")
        await pilot.press("enter")
        await wait_until(pilot, lambda: phase(app) == "Get ready", "lead-in")
        await advance(pilot, clock, 3 * 60 + 46)
        await wait_for_screen(pilot, FinishedScreen)
        await wait_for_text(pilot, "Done: Quick nightly stretch")
        await wait_for_text(pilot, "c  check for warning signs")
        assert cues.played[-1] == "done"
        await pilot.press("c")
        await wait_for_screen(pilot, CheckScreen)
        check = app.screen.check
        assert all(q.id != "T1" for q in check.questions)  # relief-only question left out
    (row,) = journal_rows()
    assert row.status == "completed"
    assert row.steps_done == (
        "How to stretch",
        "Wall calf stretch, knee straight",
        "Standing hamstring stretch",
    )


async def test_compact_layout_keeps_instruction_and_countdown() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_text(pilot, "toes")
        screen = player(app)
        assert screen.has_class("compact")
        await advance(pilot, clock, 3)
        text = visible_text(app)
        assert "Pull your toes toward you" in text
        assert "holding a wall. Lean in." in text  # the last instruction line, not scrolled away
        assert "Hold   0:27" in text  # the countdown as text: no room for the big digits
        assert "Swollen, red or warm calf? Press !" in text  # shortened, never hidden
        assert screen.max_scroll_y == 0
        await advance(pilot, clock, 27)
        text = visible_text(app)
        assert "Has it let go?" in text
        assert "no, stretch again" in text  # the whole question, with what n does


async def test_growing_the_terminal_brings_back_the_big_countdown() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_text(pilot, "Hold   0:30")
        await pilot.resize_terminal(100, 40)
        await wait_until(pilot, lambda: not player(app).has_class("compact"), "full layout")
        await advance(pilot, clock, 1)
        assert player(app).query_one("#clock", Digits).display
        assert shown_clock(app) == "0:29"
        assert phase(app) == "Hold"
        assert "Press ! now" in visible_text(app)


def _footer(app) -> str:  # type: ignore[no-untyped-def]
    return visible_text(app).rstrip().rsplit("\n", 1)[-1]


async def test_cues_step_then_a_tick_in_each_of_the_last_three_seconds() -> None:
    app, clock, cues = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert cues.take() == ["step"]
        await advance(pilot, clock, 26.5)
        assert cues.take() == []
        for _ in range(3):
            await advance(pilot, clock, 1)
            assert cues.take() == ["tick"]
        await advance(pilot, clock, 1)  # 30.5 s: the hold is over, "has it let go?"
        assert cues.take() == ["step"]
        assert phase(app) == "Has it let go?"


async def test_switch_cue_between_sides_and_done_at_the_end() -> None:
    app, clock, cues = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "How to stretch")
        await pilot.press("enter")
        await wait_until(pilot, lambda: phase(app) == "Get ready", "lead-in")
        assert cues.take() == ["step"]  # the note at the start; "get ready" is silent
        await advance(pilot, clock, 3)  # lead-in over: the first hold
        assert cues.take() == ["step"]
        await advance(pilot, clock, 49.5)  # the last left hold, half a second to go
        cues.take()
        await advance(pilot, clock, 0.5)
        assert cues.take() == ["switch"]
        assert phase(app) == "Switch to the right leg"
        await wait_for_text(pilot, "Right leg")
        await advance(pilot, clock, 10)
        assert cues.take() == ["step"]
        assert phase(app) == "Hold"
        await advance(pilot, clock, 10 * 60)
        await wait_for_screen(pilot, FinishedScreen)
        assert cues.take() == ["done"]


async def test_one_cue_per_refresh_after_a_time_jump() -> None:
    """After a stall, one cue (the most telling), not a burst of stale ticks."""
    app, clock, cues = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "How to stretch")
        await pilot.press("enter")
        await wait_until(pilot, lambda: phase(app) == "Get ready", "lead-in")
        cues.take()
        await advance(pilot, clock, 61)  # across holds, rests and the switch
        assert cues.take() == ["switch"]
        await advance(pilot, clock, 25)  # across a hold, a rest and into a hold
        assert cues.take() == ["step"]
        await advance(pilot, clock, 6.5)  # into the last 3 s: two countdown boundaries
        assert cues.take() == ["tick"]


async def test_journal_after_a_full_relief_run() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await advance(pilot, clock, 20)
        await pilot.press("n")  # done stretching: "has it let go?"
        await wait_until(pilot, lambda: phase(app) == "Has it let go?", "the question")
        await advance(pilot, clock, 7)
        await pilot.press("y")
        await wait_until(pilot, lambda: title(app).startswith("Rub"), "massage")
        await pilot.press("l")
        await advance(pilot, clock, 60)  # the massage runs its minute
        await wait_until(pilot, lambda: title(app).startswith("Walk"), "walking")
        await advance(pilot, clock, 120)
        await wait_until(pilot, lambda: title(app).startswith("Warm"), "heat")
        await pilot.press("s", "s")
        await wait_until(pilot, lambda: title(app).startswith("Afterwards"), "the note")
        await pilot.press("enter")
        await wait_for_screen(pilot, CheckScreen)
        asked = []
        while isinstance(app.screen, CheckScreen):
            asked.append(app.screen.check.current.id)
            await pilot.press("n")
            await pilot.pause()
        await wait_for_text(pilot, "You reported none of the warning signs")
        (row,) = journal_rows()
        assert row.status == "completed"
        assert row.kind == "relief" and row.site == "calf" and row.leg == "l"
        assert row.steps_done == (
            "Pull your toes toward you",
            "Rub the muscle",
            "Walk it off",
            "Afterwards",
        )
        assert row.steps_skipped == ("Warm the muscle", "Cool a sore spot")
        assert row.release_seconds == pytest.approx(27.0)
        # T1 (over 10 minutes) is not asked: the cramp let go in 27 s, a known "no"
        assert "T1" not in asked
        assert dict(row.warning_answers) == {**{qid: False for qid in asked}, "T1": False}
        assert row.warning_tier is None
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app ended")
    assert journal_rows()[0].status == "completed"


async def test_the_clock_holds_behind_help_and_resumes_when_it_closes() -> None:
    app, clock, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "How to stretch")
        await pilot.press("enter")
        await wait_until(pilot, lambda: phase(app) == "Get ready", "lead-in")
        before = shown_clock(app)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await advance(pilot, clock, 10 * 60)  # ten minutes reading help: nothing runs out
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        assert phase(app) == "Get ready" and shown_clock(app) == before
        await advance(pilot, clock, 5)  # and the clock runs again once help is closed
        assert phase(app) == "Hold"


async def test_after_urgent_help_the_session_stays_paused_until_space() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "toes")
        before = shown_clock(app)
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        await advance(pilot, clock, 120)
        await pilot.press("escape")
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: phase(app).startswith("Paused"), "paused after urgent help")
        assert shown_clock(app) == before
        await pilot.press("space")
        await advance(pilot, clock, 2)
        assert not phase(app).startswith("Paused") and shown_clock(app) != before


async def test_at_has_it_let_go_an_80_column_key_bar_still_offers_urgent_help() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await advance(pilot, clock, 30)
        assert phase(app) == "Has it let go?"
        await wait_until(pilot, lambda: "y Yes  n No " in _footer(app), "question keys")
        assert "! Urgent help" in _footer(app)
