"""A screen saying "needs WxH" hides its content: a key typed then must not change what it hides
(the builder's draft, history's safety record), and the screen comes back as it was."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Input, OptionList

from coach.core.builder.draft import RoutineDraft
from coach.core.guidance.safety_record import SafetyRecord, read_record, write_record
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import load_exercise_library
from coach.ui.app import CoachApp
from coach.ui.builder.screen import BuilderScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.history import HistoryScreen
from coach.ui.screens.home import HomeScreen

from .helpers import FakeCues, footer, visible_text, wait_for_screen, wait_for_text, wait_until

BIG, SMALL = (100, 30), (40, 12)
# Every key the builder binds, and the keys its hidden widgets act on (Enter adds the highlighted
# exercise from the library, a digit types into a field, space ticks a box).
BUILDER_KEYS = ("ctrl+s", "a", "n", "e", "x", "delete", "u", "shift+up", "d", "shift+down")
BUILDER_KEYS += ("t", "f", "o", "enter", "down", "space", "9", "tab", "enter", "x")


def builder_app() -> tuple[CoachApp, RoutineDraft]:
    catalog = load_catalog()
    draft = RoutineDraft.from_routine(catalog.routines["nightly"], load_exercise_library())
    app = CoachApp(cues=FakeCues(), emergency_number="112", start_builder=(draft, catalog.routines))
    return app, draft


def as_it_is(draft: RoutineDraft) -> tuple[object, ...]:
    return (draft.name, draft.kind, draft.lead_in, tuple(draft.steps), draft.dirty)


async def shrink(pilot, size: tuple[int, int], needs: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.resize_terminal(*size)
    await wait_for_text(pilot, f"needs {needs}")


async def grow(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.resize_terminal(*BIG)
    await wait_until(pilot, lambda: "needs" not in visible_text(pilot.app), "the screen back")


async def test_builder_keys_do_nothing_to_the_draft_while_the_window_is_too_small() -> None:
    app, draft = builder_app()
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        screen = app.screen
        library = screen.query_one("#library", OptionList)
        await wait_until(pilot, lambda: app.focused is library, "the library has the focus")
        before = as_it_is(draft)
        await shrink(pilot, SMALL, "80x20")
        for key in BUILDER_KEYS:
            await pilot.press(key)
            await pilot.pause()
        assert app.screen is screen  # no dialog opened either (save, new step, open)
        assert as_it_is(draft) == before
        assert "Save" not in footer(app) and "Remove" not in footer(app)
        assert "Back" in footer(app)  # what still works is what the key bar offers
        await grow(pilot)
        assert as_it_is(draft) == before
        await wait_until(pilot, lambda: app.focused is library, "the focus back on the library")
        await pilot.press("a")  # and the keys work again
        await wait_until(pilot, lambda: len(draft.steps) == len(before[3]) + 1, "a step added")


async def test_a_field_being_typed_in_takes_no_keys_while_hidden() -> None:
    app, draft = builder_app()
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        hold = app.screen.query_one("#edit-hold", Input)
        hold.focus()
        await wait_until(pilot, lambda: app.focused is hold, "the hold field focused")
        before, typed = as_it_is(draft), hold.value
        await shrink(pilot, SMALL, "80x20")
        await pilot.press("9", "backspace", "backspace", "5")
        await pilot.pause()
        assert as_it_is(draft) == before
        await grow(pilot)
        await wait_until(pilot, lambda: app.focused is hold, "the focus back in the field")
        assert hold.value == typed and as_it_is(draft) == before


async def test_a_builder_opened_too_small_takes_no_keys_until_it_fits() -> None:
    app, draft = builder_app()
    async with app.run_test(size=SMALL) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        await wait_for_text(pilot, "needs 80x20")
        before = as_it_is(draft)
        for key in BUILDER_KEYS:
            await pilot.press(key)
            await pilot.pause()
        assert as_it_is(draft) == before
        await grow(pilot)
        library = app.screen.query_one("#library", OptionList)
        await wait_until(pilot, lambda: app.focused is library, "the library has the focus")
        assert as_it_is(draft) == before


async def test_help_and_escape_still_work_while_too_small() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        app.push_screen(BuilderScreen())
        await wait_for_screen(pilot, BuilderScreen)
        await shrink(pilot, SMALL, "80x20")
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, BuilderScreen)
        await pilot.press("escape")  # nothing changed: leaves without asking
        await wait_for_screen(pilot, HomeScreen)


async def test_history_x_does_not_clear_a_hidden_safety_record() -> None:
    since = datetime.now().astimezone().isoformat(timespec="seconds")
    write_record(SafetyRecord(leg="left", leg_since=since, leg_check="x"))
    app = CoachApp(cues=FakeCues(), emergency_number="112", start_screen="history")
    async with app.run_test(size=BIG) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await wait_for_text(pilot, "left leg was swollen, red or warm")
        screen = app.screen
        await shrink(pilot, SMALL, "50x14")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen and read_record().leg == "left"
        assert "Clear" not in footer(app) and "Back" in footer(app)
        await grow(pilot)
        await pilot.press("x")  # with the record on screen, x asks
        await wait_for_text(pilot, "Clear which part of the safety record?")
