"""The routine builder as a person uses it: keys in, a routine file out (COACH_HOME is per test)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from coach.core import paths
from coach.core.builder.draft import RoutineDraft
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import check_routine_text, load_exercise_library, load_routine_file
from coach.ui.app import CoachApp
from coach.ui.builder.screen import BuilderScreen
from coach.ui.dialogs.builder_choices import ChoiceScreen, StartPicker
from coach.ui.dialogs.confirm import ConfirmScreen
from coach.ui.screens.help import HelpScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.urgent import UrgentScreen

SIZE = (110, 40)
LIBRARY = load_exercise_library()


class SilentCues:
    def play(self, name: str) -> None:
        pass

    def take_notice(self) -> None:
        return None


def make_app() -> CoachApp:
    return CoachApp(cues=SilentCues(), emergency_number="112")


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}")


async def open_builder(pilot: Pilot, draft: RoutineDraft | None = None) -> BuilderScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen), "home shown")
    screen = BuilderScreen(draft)
    pilot.app.push_screen(screen)
    await wait_until(pilot, lambda: pilot.app.screen is screen and screen.is_mounted, "builder")
    await wait_until(pilot, lambda: screen.focused is not None, "focus in the builder")
    return screen


async def wait_for(pilot: Pilot, screen_type: type) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)


def user_file(name: str) -> Path:
    return paths.user_routines_dir() / name


def total_text(screen: BuilderScreen) -> str:
    return str(screen.query_one("#total").render())


async def test_add_edit_move_and_save() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("a")  # the highlighted exercise: the first, the warm-up
        await pilot.press("down", "enter")  # Enter on an exercise adds it too
        await wait_until(pilot, lambda: len(screen.draft.steps) == 2, "two steps added")
        assert [s.exercise for s in screen.draft.steps] == ["warm-up", "wall-calf-straight"]
        assert "Total 3:56" in total_text(screen)

        table = screen.query_one("#steps", DataTable)
        table.focus()
        await pilot.press("enter")  # edit the highlighted step (the last one added)
        await wait_until(pilot, lambda: screen.focused is screen.query_one("#edit-hold"), "edit")
        await pilot.press("3", "0", "s")
        await wait_until(pilot, lambda: screen.draft.steps[1].hold == 30, "hold edited")
        assert "Total 5:56" in total_text(screen)  # 123 + 3 + 6 x 30 + 4 x 10 rest + 10 switch
        await pilot.press("enter")  # back to the table
        await wait_until(pilot, lambda: screen.focused is table, "table focused")
        await pilot.press("u")
        await wait_until(pilot, lambda: screen.draft.steps[0].exercise != "warm-up", "moved up")
        assert table.cursor_row == 0

        await pilot.press("ctrl+s")
        saved = user_file("my-routine.yaml")
        await wait_until(pilot, saved.exists, "file saved")
        routine, errors = check_routine_text(saved.read_text(), str(saved), LIBRARY)
        assert routine is not None, errors
        assert routine.steps == tuple(screen.draft.steps)
        assert "  - exercise: wall-calf-straight\n    hold: 30s\n" in saved.read_text()
        assert not screen.draft.dirty and "not saved" not in total_text(screen)


async def test_rename_and_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("f")  # the first muscle: calf
        library = screen.query_one("#library", OptionList)
        await wait_until(pilot, lambda: library.option_count < len(LIBRARY), "filtered")
        ids = [library.get_option_at_index(i).id for i in range(library.option_count)]
        assert ids and all("calf" in LIBRARY[i or ""].targets for i in ids)
        await pilot.press("a")
        name = screen.query_one("#routine-name", Input)
        name.focus()
        await wait_until(
            pilot, lambda: name.selection.start == 0 < len(name.value), "name selected"
        )
        await pilot.press(*"Calf night")  # the name was selected on focus: typing replaces it
        await wait_until(pilot, lambda: screen.draft.name == "Calf night", "renamed")
        assert "calf-night.yaml" in total_text(screen)


async def test_urgent_help_and_help_work_from_the_builder() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        screen.query_one("#routine-name", Input).focus()
        await pilot.press("exclamation_mark")  # even while typing a name
        await wait_for(pilot, UrgentScreen)
        assert screen.draft.name == "My routine"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "back in the builder")
        screen.query_one("#library").focus()
        await pilot.press("question_mark")
        await wait_for(pilot, HelpScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen, "help closed")
        await pilot.press("a", "o")  # a question on top hides the app's keys, but not these
        await wait_for(pilot, StartPicker)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, UrgentScreen)


async def test_saving_over_a_file_asks_and_keeps_a_bak() -> None:
    user_file("").mkdir(parents=True, exist_ok=True)
    old = "name: Mine\nkind: prevention\nsteps:\n  - exercise: warm-up\n"
    user_file("my-routine.yaml").write_text(old)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("a", "ctrl+s")
        await wait_for(pilot, ChoiceScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: user_file("my-routine.yaml.bak").exists(), ".bak made")
        assert user_file("my-routine.yaml.bak").read_text() == old
        assert "Made with the Cramp Coach" in user_file("my-routine.yaml").read_text()
        await wait_until(pilot, lambda: app.screen is screen, "question closed")
        await pilot.press("a", "ctrl+s")  # written from here already: no second question
        await wait_until(pilot, lambda: not screen.draft.dirty, "saved again")
        assert app.screen is screen


async def test_a_builtin_id_is_asked_about_and_can_be_suffixed() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot, RoutineDraft(LIBRARY, name="Nightly"))
        await pilot.press("a", "ctrl+s")
        await wait_for(pilot, ChoiceScreen)
        await pilot.press("n")
        await wait_until(pilot, lambda: user_file("nightly-2.yaml").exists(), "saved as new")
        assert not user_file("nightly.yaml").exists()
        assert "nightly-2.yaml" in total_text(screen)


async def test_hand_comments_are_warned_about_and_save_as_new_keeps_the_file() -> None:
    user_file("").mkdir(parents=True, exist_ok=True)
    text = "# my notes\nname: Mine\nkind: prevention\nsteps:\n  - exercise: warm-up  # short\n"
    path = user_file("mine.yaml")
    path.write_text(text)
    draft = RoutineDraft.from_routine(load_routine_file(path, LIBRARY), LIBRARY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot, draft)
        assert "comments you wrote" in str(screen.query_one("#builder-note").render())
        await pilot.press("a", "ctrl+s")
        await wait_for(pilot, ChoiceScreen)
        await pilot.press("n")  # save as a new file
        await wait_until(pilot, lambda: user_file("mine-2.yaml").exists(), "saved as new")
        assert path.read_text() == text
        assert load_catalog().routines["mine-2"].steps == tuple(screen.draft.steps)


async def test_start_from_a_copy_of_the_nightly_routine() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot)
        await pilot.press("o")
        await wait_for(pilot, StartPicker)
        picker = app.screen.query_one(OptionList)
        index = next(
            i for i in range(picker.option_count) if picker.get_option_at_index(i).id == "nightly"
        )
        picker.highlighted = index
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(screen.draft.steps) == 8, "nightly copied")
        assert screen.draft.name.startswith("My nightly") and screen.draft.origin is None
        assert screen.query_one("#steps", DataTable).row_count == 8
        await pilot.press("ctrl+s")
        saved = user_file(f"{screen.draft.slug()}.yaml")
        await wait_until(pilot, saved.exists, "copy saved")
        assert load_catalog().routines[saved.stem].steps == load_catalog().routines[
            "nightly"].steps  # fmt: skip


async def test_leaving_with_unsaved_changes_asks() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_builder(pilot)
        await pilot.press("a", "escape")
        await wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for(pilot, HomeScreen)


async def test_hand_comments_can_be_dropped_on_purpose() -> None:
    user_file("").mkdir(parents=True, exist_ok=True)
    path = user_file("mine.yaml")
    path.write_text("name: Mine  # mine\nkind: prevention\nsteps:\n  - exercise: warm-up\n")
    draft = RoutineDraft.from_routine(load_routine_file(path, LIBRARY), LIBRARY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_builder(pilot, draft)
        await pilot.press("a", "ctrl+s")
        await wait_for(pilot, ChoiceScreen)
        await pilot.press("o")  # save here anyway
        await wait_until(pilot, lambda: user_file("mine.yaml.bak").exists(), "saved over")
        assert (
            "# mine" not in path.read_text() and "# mine" in user_file("mine.yaml.bak").read_text()
        )
        assert load_catalog().routines["mine"].steps == tuple(screen.draft.steps)
        assert str(screen.query_one("#builder-note").render()) == ""


async def test_leaving_tells_whoever_pushed_the_builder() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home shown")
        results: list[object] = []
        app.push_screen(BuilderScreen(), results.append)  # as Home does, to reload its list
        await wait_for(pilot, BuilderScreen)
        await pilot.press("escape")  # nothing changed: no question
        await wait_until(pilot, lambda: results == [None], "callback called")
        assert isinstance(app.screen, HomeScreen)
