"""Saving from the builder: the questions a save may need, asked one at a time, then the write.

The draft refuses what it must (coach.core.builder.draft); this asks the person what to do instead:
replace their file (kept as .bak), replace a built-in with theirs, or save as a new file (also
when the file being edited has a name that is not a routine id, like Evening.yaml). Whatever is
answered, the draft stays as it was until it is on disk.

It knows the builder only by what it is given: the screen to ask and notify on (any Screen), the
draft, and `on_saved`, called once the draft is written (no import of the builder screen).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from coach.core import paths
from coach.core.builder.draft import (
    BuiltinClash,
    DraftError,
    RoutineDraft,
    TargetExists,
    builtin_ids,
    existing_file,
    free_id,
    has_hand_comments,
)
from coach.core.builder.ids import is_safe_id, slug
from coach.ui.dialogs.builder_choices import ChoiceScreen


class SaveFlow:
    def __init__(
        self,
        screen: Screen,
        draft: Callable[[], RoutineDraft],
        on_saved: Callable[[], None],
    ) -> None:
        """`draft()`: the draft to save now (the builder may load another); `on_saved()`: it is
        on disk."""
        self.screen = screen
        self._draft = draft
        self._on_saved = on_saved
        self.confirmed: Path | None = None  # written by this screen: saving again needs no question

    @property
    def draft(self) -> RoutineDraft:
        return self._draft()

    def folder(self) -> Path:
        return paths.user_routines_dir()

    def target(self) -> Path:
        folder, routine_id = self.folder(), self.draft.file_id()
        return existing_file(folder, routine_id) or folder / f"{routine_id}.yaml"

    def hand_comments(self) -> bool:
        """Whether saving would drop comments written by hand in the file being edited."""
        origin = self.draft.origin
        if origin is None or origin == self.confirmed:
            return False
        return _same_file(origin, self.target()) and has_hand_comments(origin)

    def start(self) -> None:
        if not self.draft.steps:
            self.screen.notify("Add at least one step first.", severity="warning")
            return
        if not is_safe_id(self.draft.file_id()):
            self._ask_new_name()
            return
        if self.hand_comments():
            question = (
                f"{self.target().name} has comments you wrote by hand.\n"
                "Saving it here will not keep them (the old file is kept as .bak)."
            )
            self._ask(question, [("n", "Save as a new file", "new"), ("o", "Save here", "over")],
                      lambda answer: self._write(overwrite=True))  # fmt: skip
            return
        self._write(overwrite=_same_file(self.confirmed, self.target()))

    def _write(
        self,
        *,
        overwrite: bool = False,
        routine_id: str | None = None,
        replace_builtin: bool = False,
    ) -> None:
        try:
            path = self.draft.save(
                self.folder(),
                overwrite=overwrite,
                routine_id=routine_id,
                override_builtin=replace_builtin,
            )
        except TargetExists as err:
            self._ask_replace(err.path, routine_id, replace_builtin)
        except BuiltinClash as err:
            self._ask_builtin(err.routine_id)
        except DraftError as err:
            self.screen.notify(str(err), severity="error", timeout=8)
        except OSError as err:
            self.screen.notify(f"Could not save: {err}", severity="error", timeout=8)
        else:
            self.confirmed = path
            self.screen.notify(f"Saved {path}", timeout=6)
            self._on_saved()

    def _ask_new_name(self) -> None:
        """The file being edited is named so that it is no routine id (Evening.yaml, my file.yaml):
        it cannot be written under that name, so offer a new one; Escape keeps the draft as is."""
        name = self.draft.origin.name if self.draft.origin is not None else self.draft.file_id()
        question = (
            f"{name} cannot be saved under that name: a routine's file name is its id\n"
            "(lower-case letters, digits and dashes). Your file is left as it is."
        )
        self._ask(question, [("n", f"Save as {self.new_id()}.yaml", "new")], lambda _: None)

    def _ask_replace(self, path: Path, routine_id: str | None, replace_builtin: bool) -> None:
        question = (
            f"{path.name} is already in your routines.\n"
            f"Replace it? The old one is kept as {path.name}.bak."
        )

        def answered(answer: str | None) -> None:
            if answer == "over":
                self._write(overwrite=True, routine_id=routine_id, replace_builtin=replace_builtin)

        self._ask(question, [("y", "Replace it", "over"), ("n", "Save as a new file", "new")],
                  answered)  # fmt: skip

    def _ask_builtin(self, routine_id: str) -> None:
        new_id = self.new_id()
        question = (
            f"{routine_id!r} is a built-in routine. Yours would take its place in the list\n"
            "(delete your file to bring the built-in back)."
        )

        def answered(answer: str | None) -> None:
            if answer == "builtin":
                self._write(routine_id=routine_id, replace_builtin=True)

        answers = [("r", "Replace the built-in", "builtin"), ("n", f"Save as {new_id}", "new")]
        self._ask(question, answers, answered)

    def new_id(self) -> str:
        """A free id: from the file's own name when it has one (Evening.yaml -> evening), else
        from the routine's name."""
        origin = self.draft.origin
        base = slug(origin.stem) if origin is not None else self.draft.slug()
        return free_id(base, self.folder(), builtin_ids())

    def _ask(
        self,
        question: str,
        answers: list[tuple[str, str, str]],
        then: Callable[[str | None], None],
    ) -> None:
        """Ask; "new" (save as a new file) is handled here for every question."""

        def answered(answer: str | None) -> None:
            if answer == "new":
                self._write(routine_id=self.new_id())
            elif answer is not None:
                then(answer)

        self.screen.app.push_screen(ChoiceScreen(question, answers), answered)


def _same_file(a: Path | None, b: Path) -> bool:
    if a is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
