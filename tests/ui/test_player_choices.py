"""Issue 9 in the player: the seated stretch on one key where a step offers it, heat and ice that
wait for Enter before their timers, and a nightly routine n-skipped through that is not counted."""

from __future__ import annotations

from coach.ui.player.finished import FinishedScreen

from .helpers import (
    advance,
    builtin,
    footer,
    journal_rows,
    make_app,
    phase,
    player,
    relief,
    shown_clock,
    title,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)


async def press_until(pilot, key: str, condition, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(60):
        if condition():
            return
        await pilot.press(key)
    await wait_until(pilot, condition, what)


async def test_a_swaps_the_hamstring_stretch_for_the_seated_one() -> None:
    app, clock, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
        assert "Other stretch" not in footer(app)
        await pilot.press("enter")  # the how-to note
        await wait_until(pilot, lambda: title(app).startswith("Wall calf"), "the calf stretch")
        # The calf stretch offers the seated one too (standing is hard for some: the trial
        # that found stretching helped had a seated version for them).
        await wait_until(pilot, lambda: "a Other stretch" in footer(app), "a at the calf")
        await press_until(
            pilot, "n", lambda: title(app).startswith("Standing hamstring"), "the hamstring"
        )
        await wait_until(pilot, lambda: "a Other stretch" in footer(app), "the a key offered")
        assert "Use the seated towel stretch instead." in visible_text(app)
        await pilot.press("a")
        await wait_until(pilot, lambda: title(app).startswith("Seated towel"), "the swap")
        assert "a Other stretch" not in footer(app)
        assert "step 3 of 3" in title(app)
        for _ in range(30):  # let the seated stretch run to the end, both legs
            await advance(pilot, clock, 10)
            if isinstance(app.screen, FinishedScreen):
                break
        await wait_for_screen(pilot, FinishedScreen)
    (row,) = journal_rows()
    assert row.steps_done[-1] == (
        "Seated towel stretch, calf and hamstring (instead of Standing hamstring stretch)"
    )


async def test_heat_waits_for_enter_before_its_five_minutes() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        await pilot.press("n", "y", "n", "n")
        await wait_until(pilot, lambda: title(app).startswith("Warm"), "heat")
        await wait_for_text(pilot, "Get a warm towel or a heat pack ready, then press Enter.")
        assert phase(app) == "Get ready" and "5:00 timer starts on Enter" in visible_text(app)
        assert "Enter" in footer(app) or "s Skip" in footer(app)
        await advance(pilot, clock, 120)  # two minutes finding a towel: no time ran out
        assert title(app).startswith("Warm") and phase(app) == "Get ready"
        await pilot.press("enter")
        await wait_until(pilot, lambda: phase(app) == "Time left", "the heat timer")
        assert shown_clock(app) == "5:00"
        await advance(pilot, clock, 1)
        assert shown_clock(app) == "4:59"
        await pilot.press("s")  # skip the heat; ice waits for Enter too
        await wait_until(pilot, lambda: title(app).startswith("Cool"), "ice")
        await wait_for_text(pilot, "Wrap an ice pack in a cloth, then press Enter.")


async def test_n_through_the_nightly_routine_does_not_count_for_the_streak() -> None:
    app, _, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
        await pilot.press("enter")
        await press_until(pilot, "n", lambda: isinstance(app.screen, FinishedScreen), "the end")
        await wait_for_text(pilot, "does not count for the streak")
        await wait_for_text(pilot, "Nightly routine streak: 0 days")
    (row,) = journal_rows()
    assert row.status == "completed" and row.timed_planned == 120
    assert row.timed_done is not None and row.timed_done * 2 < 120
    assert not row.routine_done
