"""The builder's routine settings, step options and steps of your own, as a person uses them:
keys in, a routine file out that `coach validate` accepts and that loads back the same."""

from __future__ import annotations

from textual.widgets import Checkbox, DataTable, Input, OptionList

from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import check_routine_text
from coach.core.routines.routine import Routine
from coach.ui.builder.screen import BuilderScreen
from coach.ui.dialogs.builder_choices import NewStepDialog, StartPicker
from tests.ui.helpers import visible_text
from tests.ui.test_builder_screen import (
    LIBRARY,
    SIZE,
    make_app,
    open_builder,
    total_text,
    user_file,
    wait_for,
    wait_until,
)

RELIEF_ONLY = {"heat", "ice", "calf-massage", "sole-massage", "after-cramp", "toe-pullback"}


def library_ids(screen: BuilderScreen) -> set[str]:
    library = screen.query_one("#library", OptionList)
    return {library.get_option_at_index(i).id or "" for i in range(library.option_count)}


def saved_routine(name: str = "my-routine.yaml") -> Routine:
    path = user_file(name)
    routine, errors = check_routine_text(path.read_text(), str(path), LIBRARY)
    assert routine is not None, errors  # what `coach validate` says, without a subprocess
    return routine


async def test_relief_only_exercises_stay_out_of_a_prevention_routine() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        shown = library_ids(screen)
        assert "wall-calf-straight" in shown and not shown & RELIEF_ONLY
        await pilot.press("o")  # a copy of the relief routine offers the relief moves
        await wait_for(pilot, StartPicker)
        picker = app.screen.query_one(OptionList)
        ids = [picker.get_option_at_index(i).id for i in range(picker.option_count)]
        picker.highlighted = ids.index("cramp-now")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.draft.kind == "relief", "relief copy")
        await wait_until(pilot, lambda: RELIEF_ONLY <= library_ids(screen), "relief offered")


async def test_lead_in_and_description_are_edited_and_saved() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("down", "a")  # the wall calf stretch: one lead-in, then a switch
        await wait_until(pilot, lambda: "Total 1:53" in total_text(screen), "one step")
        lead_in = screen.query_one("#routine-lead-in", Input)
        lead_in.focus()
        await wait_until(pilot, lambda: lead_in.selection.start == 0, "lead-in selected")
        await pilot.press(*"soon")  # refused: the error says why, the draft keeps 3s
        await wait_until(pilot, lambda: "lead-in:" in visible_text(app), "error shown")
        assert screen.draft.lead_in == 3
        await pilot.press(*["backspace"] * 4, "1", "0", "s")
        await wait_until(pilot, lambda: screen.draft.lead_in == 10, "lead-in 10s")
        assert "Total 2:00" in total_text(screen)  # 7 s more
        assert "lead-in:" not in visible_text(app)
        screen.query_one("#routine-description", Input).focus()
        await pilot.press(*"Before bed.")
        await wait_until(pilot, lambda: screen.draft.description == "Before bed.", "described")
        await pilot.press("enter", "ctrl+s")  # Enter leaves the field for the steps
        await wait_until(pilot, lambda: user_file("my-routine.yaml").exists(), "saved")
        routine = saved_routine()
        assert (routine.lead_in, routine.description) == (10, "Before bed.")


async def test_a_refused_lead_in_goes_back_to_the_drafts_on_leaving() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        lead_in = screen.query_one("#routine-lead-in", Input)
        lead_in.focus()
        await wait_until(pilot, lambda: lead_in.selection.start == 0, "lead-in selected")
        await pilot.press("2", "0", "m")  # 2s, then 20s, then 20 minutes: refused
        await wait_until(pilot, lambda: "expected 0s to 10m" in visible_text(app), "refused")
        assert screen.draft.lead_in == 20
        screen.query_one("#library").focus()
        await wait_until(pilot, lambda: lead_in.value == "20s", "put back")
        assert "expected 0s to 10m" not in visible_text(app)


async def test_optional_and_caution_of_a_step() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("a")
        table = screen.query_one("#steps", DataTable)
        table.focus()
        await pilot.press("t")
        await wait_until(pilot, lambda: screen.draft.steps[0].optional, "optional")
        assert screen.query_one("#edit-optional", Checkbox).value
        assert "optional" in str(table.get_cell_at((0, 3)))
        await pilot.press("t")
        await wait_until(pilot, lambda: not screen.draft.steps[0].optional, "not optional")
        assert not screen.query_one("#edit-optional", Checkbox).value
        await pilot.click("#edit-optional")  # the box itself works too
        await wait_until(pilot, lambda: screen.draft.steps[0].optional, "clicked optional")
        screen.query_one("#edit-caution", Input).focus()
        await pilot.press(*"Go gently.")
        await wait_until(pilot, lambda: screen.draft.steps[0].caution == "Go gently.", "caution")
        await pilot.press("enter", "ctrl+s")
        await wait_until(pilot, lambda: user_file("my-routine.yaml").exists(), "saved")
        step = saved_routine().steps[0]
        assert (step.exercise, step.optional, step.caution) == ("warm-up", True, "Go gently.")


async def test_a_step_of_your_own() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("a", "n")
        await wait_for(pilot, NewStepDialog)
        await pilot.press(*"Drink a glass of water", "tab", *"Sip it slowly.", "tab", *"soon")
        await pilot.press("enter")  # a bad hold: the dialog stays, with what was wrong
        await wait_until(pilot, lambda: "got 'soon'" in visible_text(app), "hold refused")
        assert isinstance(app.screen, NewStepDialog) and len(screen.draft.steps) == 1
        await pilot.press(*["backspace"] * 4, "enter")  # no hold: a note
        await wait_until(pilot, lambda: app.screen is screen, "dialog closed")
        step = screen.draft.steps[1]
        assert (step.name, step.instructions, step.hold, step.exercise) == (
            "Drink a glass of water", "Sip it slowly.", None, None,
        )  # fmt: skip
        assert "1 note at your own pace" in total_text(screen)
        await pilot.press("n")
        await wait_for(pilot, NewStepDialog)
        await pilot.press(*"Breathe out", "tab", "tab", "4", "5", "s", "enter")
        await wait_until(pilot, lambda: len(screen.draft.steps) == 3, "timed step added")
        assert screen.draft.steps[2].hold == 45
        await pilot.press("n")
        await wait_for(pilot, NewStepDialog)
        await pilot.press(*"Not this one", "escape")  # Escape adds nothing
        await wait_until(pilot, lambda: app.screen is screen, "dialog cancelled")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: user_file("my-routine.yaml").exists(), "saved")
        assert saved_routine().steps == tuple(screen.draft.steps)
        assert load_catalog().routines["my-routine"].steps == tuple(screen.draft.steps)


async def test_the_footer_names_every_key() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_builder(pilot)
        footer = visible_text(app).splitlines()[-1]
        for part in ("^s Save", "a Add", "n New step", "x Remove", "u/d Move", "t Optional"):
            assert part in footer
        for part in ("f Filter", "o Open", "esc Back"):
            assert part in footer
