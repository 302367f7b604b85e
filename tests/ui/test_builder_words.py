"""e in the builder: a step's name and instructions, edited with their lines kept."""

from __future__ import annotations

from textual.widgets import TextArea

from coach.core.routines.catalog import load_catalog
from coach.ui.builder.screen import BuilderScreen
from coach.ui.dialogs.step_words import StepWordsDialog
from tests.ui.helpers import visible_text
from tests.ui.test_builder_screen import (
    LIBRARY,
    SIZE,
    make_app,
    open_builder,
    user_file,
    wait_for,
    wait_until,
)
from tests.ui.test_builder_settings import saved_routine


async def with_one_library_step(pilot) -> BuilderScreen:  # type: ignore[no-untyped-def]
    screen = await open_builder(pilot)
    await pilot.press("down", "a")
    await wait_until(pilot, lambda: len(screen.draft.steps) == 1, "a library step added")
    return screen


async def test_e_renames_a_library_step_and_adds_a_line_keeping_the_others() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await with_one_library_step(pilot)
        before = screen.draft.steps[0]
        assert before.exercise is not None and "\n" in before.instructions
        await pilot.press("e")
        await wait_for(pilot, StepWordsDialog)
        assert app.screen.query_one(TextArea).text == before.instructions  # lines kept
        await pilot.press("ctrl+u", *"My calf stretch", "tab", *"Slowly.", "enter")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen, "dialog closed")
        step = screen.draft.steps[0]
        assert step.name == "My calf stretch" and step.exercise == before.exercise
        assert step.instructions == "Slowly.\n" + before.instructions
        assert "My calf stretch" in visible_text(app)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: user_file("my-routine.yaml").exists(), "saved")
        assert saved_routine().steps == tuple(screen.draft.steps)
        text = user_file("my-routine.yaml").read_text()
        assert f"exercise: {before.exercise}" in text and "name: My calf stretch" in text
        assert load_catalog().routines["my-routine"].steps[0].instructions == step.instructions


async def test_a_blank_name_is_refused_and_escape_keeps_the_step_as_it_was() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await with_one_library_step(pilot)
        before = screen.draft.steps[0]
        await pilot.press("e")
        await wait_for(pilot, StepWordsDialog)
        await pilot.press("ctrl+u", "enter")  # Enter in the name keeps, but a name is needed
        await wait_until(pilot, lambda: "a step needs a name" in visible_text(app), "refused")
        assert isinstance(app.screen, StepWordsDialog)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "dialog cancelled")
        assert screen.draft.steps[0] == before
        assert LIBRARY[before.exercise or ""].name == before.name


async def test_a_new_step_keeps_the_lines_of_its_instructions() -> None:
    from coach.ui.dialogs.builder_choices import NewStepDialog

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("n")
        await wait_for(pilot, NewStepDialog)
        await pilot.press(*"Water", "tab", *"Sip it slowly.", "enter", *"Then lie back.", "tab")
        await pilot.press("enter")  # Enter in the hold field adds the step (a note: no hold)
        await wait_until(pilot, lambda: app.screen is screen, "dialog closed")
        assert screen.draft.steps[-1].instructions == "Sip it slowly.\nThen lie back."
