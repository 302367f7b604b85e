"""The builder and history as a new user met them (issue 10): kind, the Optional box, the Dose
column at 80 columns, messages that do not cover fields, and a window too small."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Select

from coach.core.builder.draft import RoutineDraft
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import load_exercise_library
from coach.ui.app import CoachApp
from coach.ui.builder.screen import BuilderScreen
from coach.ui.screens.history import HistoryScreen

from .helpers import FakeCues, visible_text, wait_for_screen, wait_for_text, wait_until


def app_with(**kwargs: object) -> CoachApp:
    return CoachApp(cues=FakeCues(), emergency_number="112", **kwargs)  # type: ignore[arg-type]


def nightly_copy() -> tuple[RoutineDraft, dict]:
    catalog = load_catalog()
    draft = RoutineDraft.from_routine(catalog.routines["nightly"], load_exercise_library())
    return draft, catalog.routines


async def test_a_new_routine_can_be_relief_and_then_offers_relief_exercises() -> None:
    app = app_with(start_builder=(None, None))
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        screen = app.screen
        assert screen.draft.kind == "prevention"
        assert "Warm the muscle" not in visible_text(app)
        screen.query_one("#routine-kind", Select).value = "relief"
        await wait_until(pilot, lambda: screen.draft.kind == "relief", "kind changed")
        await wait_until(pilot, lambda: "heat" in str(screen.query_one("#library").options), "")


async def test_kind_refuses_a_change_its_steps_do_not_fit() -> None:
    draft, routines = nightly_copy()
    app = app_with(start_builder=(draft, routines))
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        screen = app.screen
        screen.query_one("#routine-kind", Select).value = "relief"
        await wait_for_text(pilot, "remove it first")
        assert screen.draft.kind == "prevention"


async def test_the_optional_box_says_yes_or_no_in_words() -> None:
    draft, routines = nightly_copy()
    app = app_with(start_builder=(draft, routines))
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        screen = app.screen
        box = screen.query_one("#edit-optional", Checkbox)
        await wait_until(pilot, lambda: str(box.label) == "no", "no")
        screen.query_one("#steps", DataTable).focus()
        await pilot.press("t")
        await wait_until(pilot, lambda: str(box.label) == "yes", "yes once optional")


async def test_the_dose_column_shows_at_80_columns_and_messages_do_not_toast() -> None:
    draft, routines = nightly_copy()
    app = app_with(start_builder=(draft, routines))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        await wait_for_text(pilot, "Dose")
        assert "10s × 3" in visible_text(app)
        app.screen._add("warm-up")
        await wait_for_text(pilot, "Added Easy warm-up")
        assert not app._notifications  # said on the status line, not in a toast


async def test_at_40x12_builder_and_history_say_the_window_is_too_small() -> None:
    app = app_with(start_builder=(None, None))
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_screen(pilot, BuilderScreen)
        await wait_for_text(pilot, "needs 80x20")
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: "needs 80x20" not in visible_text(app), "gone")
        assert "Exercise library" in visible_text(app)
    app = app_with(start_screen="history")
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for_screen(pilot, HistoryScreen)
        await wait_for_text(pilot, "needs 50x14")
