"""The `avoid:` rules on screen: a "yes" to T2 puts the leg on record and the next relief session
opens with the warning; numbness on record turns the heat step into a note saying why."""

from __future__ import annotations

from datetime import datetime

from coach.core.guidance.safety_record import SafetyRecord, read_record, write_record
from coach.ui.check.screen import CheckScreen, ResultScreen
from coach.ui.dialogs.leg_warning import LegWarningScreen
from coach.ui.player.screen import PlayerScreen

from .helpers import (
    builtin,
    finish_relief,
    make_app,
    player,
    relief,
    title,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)


def _now() -> str:
    return datetime.now().astimezone().isoformat()


async def test_a_yes_to_a_swollen_leg_is_put_on_record_and_said() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_relief(pilot)  # the right leg
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        await pilot.press("a", "n")  # none of the emergency group
        await wait_until(pilot, lambda: screen.check.current.id == "T2", "T2 asked")
        await pilot.press("y")
        # the leg that cramped (right) is not assumed to be the swollen one: asked
        await wait_for_text(pilot, "Which leg is swollen, red or warm?")
        assert "u  not sure" in visible_text(app)
        await pilot.press("l")
        await wait_until(pilot, lambda: not screen.asking_swollen, "the next question")
        await pilot.press("a", "n")
        for _ in range(6):
            if isinstance(app.screen, ResultScreen):
                break
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        await wait_for_screen(pilot, ResultScreen)
        await wait_for_text(pilot, "coach history")
        record = read_record()
        assert record.leg == "left" and record.leg_since


async def test_coach_now_opens_with_the_leg_warning_and_needs_a_key() -> None:
    write_record(SafetyRecord(leg="left", leg_since=_now(), leg_check="x"))
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, LegWarningScreen)
        await wait_for_text(pilot, "Left leg")
        text = visible_text(app)
        assert "Left leg" in text and "Don't stretch, rub or warm your left leg" in text
        assert "a clinician checked it" in text and "go on anyway" not in text
        assert player(app).session is None  # nothing coached yet
        await pilot.press("n", "y", "enter")  # the player's keys do nothing here
        assert isinstance(app.screen, LegWarningScreen)
        await pilot.press("o")  # the cramp is in the other leg
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: player(app).session is not None, "the stretch begins")
        assert player(app).leg == "right"


async def test_a_warning_older_than_14_days_is_not_shown() -> None:
    write_record(SafetyRecord(leg="left", leg_since="2020-01-01T03:00:00+00:00", leg_check="x"))
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: player(app).session is not None, "the stretch begins")


async def test_numbness_on_record_leaves_heat_out_with_a_line_saying_why() -> None:
    write_record(SafetyRecord(no_heat=("D4",), heat_check="x"))
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: player(app).session is not None, "relief begins")
        await pilot.press("n", "y", "n", "n")
        await wait_until(pilot, lambda: title(app).startswith("No heat"), "the note")
        assert "numbness or tingling is on your record" in visible_text(app)
        assert "Warm the muscle" not in visible_text(app)
        await pilot.press("enter")  # the ice step, after heat, is left out the same way
        await wait_until(pilot, lambda: title(app).startswith("No ice"), "the ice note")
        assert "Ice is left out: numbness or tingling" in visible_text(app)


async def test_history_shows_the_record_and_clears_each_part_on_its_own() -> None:
    from coach.core.guidance.safety_record import read_record, record_path
    from coach.ui.screens.history import HistoryScreen

    write_record(SafetyRecord(leg="left", leg_since=_now(), leg_check="x", no_heat=("N1",)))
    app, _, _ = make_app(start_screen="history")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await wait_for_text(pilot, "left leg was swollen, red or warm")
        assert "Heat and ice are left out of every routine: diabetes" in visible_text(app)
        await pilot.press("x")
        await wait_for_text(pilot, "Clear which part of the safety record?")
        await pilot.press("l")  # a clinician ruled out a clot: says nothing about numb skin
        await wait_until(pilot, lambda: read_record().leg is None, "the leg warning cleared")
        assert read_record().no_heat == ("N1",)
        await wait_until(
            pilot, lambda: "swollen, red or warm on" not in visible_text(app), "the line gone"
        )
        assert "Heat and ice are left out" in visible_text(app)
        await pilot.press("x")
        await wait_for_text(pilot, "Clear which part of the safety record?")
        assert "the leg warning" not in visible_text(app)  # only what is there is offered
        await pilot.press("h")
        await wait_until(pilot, lambda: not record_path().exists(), "the record cleared")


async def test_not_sure_which_leg_puts_both_on_record_and_back_asks_again() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_relief(pilot)
        screen = app.screen
        assert isinstance(screen, CheckScreen)
        await pilot.press("a", "n")
        await wait_until(pilot, lambda: screen.check.current.id == "T2", "T2 asked")
        await pilot.press("y")
        await wait_for_text(pilot, "Which leg is swollen, red or warm?")
        await pilot.press("b")  # back to the question the "yes" answered
        await wait_until(pilot, lambda: not screen.asking_swollen, "T2 again")
        assert screen.check.current.id == "T2" and "T2" not in screen.check.answers
        await wait_for_text(pilot, "swollen, red or darker")
        await pilot.press("y")
        await wait_for_text(pilot, "Which leg is swollen, red or warm?")
        await pilot.press("u")  # not sure
        await wait_until(pilot, lambda: not screen.asking_swollen, "the next question")
        for _ in range(8):
            if isinstance(app.screen, ResultScreen):
                break
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        await wait_for_screen(pilot, ResultScreen)
        assert read_record().leg == "both"


async def test_nightly_after_a_swollen_leg_opens_with_the_warning_and_spares_that_leg() -> None:
    write_record(SafetyRecord(leg="left", leg_since=_now(), leg_check="x"))
    app, _, _ = make_app(builtin("nightly"))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, LegWarningScreen)
        await wait_for_text(pilot, "Left leg swollen, red or warm")
        text = visible_text(app)
        assert "only the other leg (right leg)" in text
        assert "the cramp is in the other leg" not in text  # a nightly routine has no cramp
        assert player(app).session is None
        await pilot.press("o")
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: player(app).session is not None, "the routine begins")
        assert title(app).startswith("Leaving your left leg alone")
        steps = player(app).routine.steps
        stretches = [s for s in steps if s.exercise == "wall-calf-straight"]
        assert [s.sides for s in stretches] == ["right"]


async def test_both_legs_on_record_hide_the_other_leg_key() -> None:
    write_record(SafetyRecord(leg="both", leg_since=_now(), leg_check="x"))
    app, _, _ = make_app(relief())
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, LegWarningScreen)
        await wait_for_text(pilot, "Both legs swollen")
        assert "other leg" not in visible_text(app)
        await pilot.press("o")  # not offered: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, LegWarningScreen)
        await pilot.press("g")  # a clinician checked it: stretching, but no rubbing or heat
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: player(app).session is not None, "the routine begins")
        assert title(app).startswith("Checked by a clinician")
        ids = [s.exercise for s in player(app).routine.steps]
        assert "dorsiflexion-stretch" in ids
        assert "calf-massage" not in ids and "heat" not in ids


async def test_home_says_who_should_ask_first_beside_the_lit_routine() -> None:
    from coach.ui.screens.home import HomeScreen

    app, _, _ = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_for_text(pilot, "Pregnant? A recent leg operation")  # nightly is lit
        routines = app.screen.query_one("#routines")
        ids = [routines.get_option_at_index(i).id for i in range(routines.option_count)]
        routines.highlighted = ids.index("cramp-now")  # relief has no ask_first
        await wait_until(
            pilot, lambda: "Pregnant?" not in visible_text(app), "the note hidden for relief"
        )
