"""Editing a file whose name is no routine id (Evening.yaml): the builder offers to save it under
a new id and file name, and nothing typed is lost whatever is answered."""

from __future__ import annotations

from coach.core import paths
from coach.core.builder.draft import RoutineDraft
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import load_exercise_library, load_routine_file
from coach.ui.builder.screen import BuilderScreen
from coach.ui.dialogs.builder_choices import ChoiceScreen
from coach.ui.screens.home import HomeScreen

from .helpers import make_app, visible_text, wait_for_screen, wait_for_text, wait_until

LIBRARY = load_exercise_library()
TEXT = "name: Evening\nkind: prevention\nsteps:\n  - exercise: warm-up\n"


async def test_a_file_named_evening_yaml_is_saved_as_evening() -> None:
    folder = paths.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    original = folder / "Evening.yaml"
    original.write_text(TEXT, encoding="utf-8")
    draft = RoutineDraft.from_routine(load_routine_file(original, LIBRARY), LIBRARY)
    app, _clock, _cues = make_app()
    async with app.run_test(size=(110, 40), notifications=True) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = BuilderScreen(draft, routines={})
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.focused is not None, "the builder")
        await pilot.press("a")  # an edit: a second step
        steps = tuple(screen.draft.steps)
        assert len(steps) == 2
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChoiceScreen)
        await wait_for_text(pilot, "Evening.yaml cannot be saved under that name")
        await wait_for_text(pilot, "Save as evening.yaml")
        await pilot.press("escape")  # not now: the draft is still there, unsaved
        await wait_until(pilot, lambda: app.screen is screen, "back in the builder")
        assert tuple(screen.draft.steps) == steps and screen.draft.dirty
        assert original.read_text(encoding="utf-8") == TEXT
        assert "is not a safe routine id" not in visible_text(app)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, ChoiceScreen)
        await pilot.press("n")
        saved = folder / "evening.yaml"
        await wait_until(pilot, saved.exists, "saved as evening.yaml")
        assert original.read_text(encoding="utf-8") == TEXT  # the old file is left as it was
        assert load_catalog().routines["evening"].steps == steps
        assert not screen.draft.dirty
        await pilot.press("ctrl+s")  # saving again writes evening.yaml, no question
        await pilot.pause()
        assert app.screen is screen
