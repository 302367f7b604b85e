"""The routine builder's model: a draft routine edited step by step, saved as a clean YAML file.

Plain Python (no textual), so every rule lives here and the screen only shows it. Nothing is
written before the loader has accepted the text and read back this very routine; the YAML text
and the atomic write live in builder_file.py.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core import paths
from coach.core.builder.fields import EDITABLE as EDITABLE  # re-exported
from coach.core.builder.fields import (
    inline_step,
    kinds_text,
    offered,
    one_line,
    parse_field,
    parse_lead_in,
)
from coach.core.builder.file import atomic_write as atomic_write  # re-exported
from coach.core.builder.file import has_hand_comments as has_hand_comments  # re-exported
from coach.core.builder.file import routine_yaml, top_level_source
from coach.core.builder.ids import DraftError as DraftError  # re-exported
from coach.core.builder.ids import builtin_ids as builtin_ids  # re-exported
from coach.core.builder.ids import existing_file as existing_file  # re-exported
from coach.core.builder.ids import free_id as free_id  # re-exported
from coach.core.builder.ids import inside_builtin, is_safe_id, slug
from coach.core.routines.kind import RoutineKind
from coach.core.routines.loader_rules import MAX_COUNT
from coach.core.routines.routine import DEFAULT_LEAD_IN, Exercise, Routine, Step
from coach.core.routines.timeline import build_timeline, total_seconds, waiting_text

if TYPE_CHECKING:
    from coach.core.routines.catalog import Catalog

SCHEMA_FILE = "routine.schema.json"


class TargetExists(DraftError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} already exists")
        self.path = path


class BuiltinClash(DraftError):
    def __init__(self, routine_id: str) -> None:
        super().__init__(f"{routine_id!r} is a built-in routine; yours would replace it")
        self.routine_id = routine_id


@dataclass
class RoutineDraft:
    """A routine being built. `origin` is the user file being edited (saving there asks first)."""

    library: Mapping[str, Exercise] = field(repr=False)
    name: str = "My routine"
    kind: str = RoutineKind.PREVENTION
    description: str = ""
    lead_in: int = DEFAULT_LEAD_IN
    source: str = ""
    ask_first: str = ""  # kept as the file had it: the builder does not edit it
    steps: list[Step] = field(default_factory=list)
    origin: Path | None = None
    dirty: bool = False

    @classmethod
    def from_routine(
        cls, routine: Routine, library: Mapping[str, Exercise], *, copy: bool | None = None
    ) -> RoutineDraft:
        """A draft of `routine`. A copy (the default for built-ins) is a new file named "My ..."."""
        copy = routine.builtin if copy is None else copy
        path = Path(routine.source_path) if routine.source_path else None
        return cls(
            library=library,
            name=_copy_name(routine.name) if copy else routine.name,
            kind=routine.kind,
            description=routine.description,
            lead_in=routine.lead_in,
            ask_first=routine.ask_first,
            source=top_level_source(path) if path is not None else "",
            steps=list(routine.steps),
            origin=None if copy else path,
        )

    # --- edits -------------------------------------------------------------------------
    def add(self, exercise_id: str, index: int | None = None) -> int:
        """Add a library exercise with its defaults (at the end by default); its index."""
        ex = self.library.get(exercise_id)
        if ex is None:
            raise DraftError(f"no exercise {exercise_id!r} in the library")
        if self.kind not in ex.kinds:
            raise DraftError(f"{ex.name} is for {kinds_text(ex.kinds)} routines")
        step = Step(ex.name, ex.instructions, ex.hold, ex.sets, ex.rest, ex.sides, ex.reps)
        step = replace(step, caution=ex.caution, source=ex.source, exercise=ex.id)
        return self._insert(step, index)

    def add_inline(
        self, name: str, instructions: str = "", hold: str = "", index: int | None = None
    ) -> int:
        """Add a step of the user's own: a note, or timed when `hold` is given; its index."""
        step = inline_step(name, instructions, hold)
        self._check_step(step)
        return self._insert(step, index)

    def _insert(self, step: Step, index: int | None) -> int:
        index = len(self.steps) if index is None else max(0, min(index, len(self.steps)))
        self.steps.insert(index, step)
        self.dirty = True
        return index

    def offered(self) -> list[Exercise]:
        """The library exercises that belong in this kind of routine (no heat in a nightly)."""
        return offered(self.library, self.kind)

    def remove(self, index: int) -> Step:
        step = self.steps.pop(index)
        self.dirty = True
        return step

    def move(self, index: int, offset: int) -> int:
        """Move a step up (-1) or down (+1); its new index (unchanged at either end)."""
        target = max(0, min(index + offset, len(self.steps) - 1))
        if target != index:
            self.steps.insert(target, self.steps.pop(index))
            self.dirty = True
        return target

    def rename(self, name: str) -> None:
        name = one_line(name)
        if not name:
            raise DraftError("a routine needs a name")
        if name != self.name:
            self.name, self.dirty = name, True

    def describe(self, text: str) -> None:
        """Set the description ("" for none); refused if a file could not hold it."""
        text = text.strip()
        loaded = _reloaded(replace(self, description=text, steps=[Step("Note")]), "description")
        if loaded is None or loaded.description != text:
            raise DraftError("description: that text cannot be saved in a routine file")
        if text != self.description:
            self.description, self.dirty = text, True

    def set_lead_in(self, text: str) -> None:
        """The "get ready" time before a step's first hold, as typed (3s, 0, 1m)."""
        seconds = parse_lead_in(text)
        if seconds != self.lead_in:
            self.lead_in, self.dirty = seconds, True

    def edit_words(self, index: int, name: str, instructions: str) -> Step:
        """Rename a step and rewrite its instructions (library steps too: the file keeps the
        exercise and writes only what differs)."""
        name = one_line(name)
        if not name:
            raise DraftError("name: a step needs a name")
        return self.edit(index, name=name, instructions=instructions.strip())

    def toggle_optional(self, index: int) -> Step:
        """Optional steps can be skipped with one key (s) while the routine runs."""
        return self.edit(index, optional=not self.steps[index].optional)

    def edit(self, index: int, **changes: Any) -> Step:  # Step's fields, checked below
        """Change a step's fields. A hold makes it timed (no reps), reps make it counted.

        The changed step must survive the trip through a file, so the loader's own rules
        (limits, hold-or-reps, until_released needs a hold) judge every edit.
        """
        for key in ("sets", "reps"):  # checked first: a huge count would stall the timeline
            value = changes.get(key)
            if isinstance(value, int) and not 1 <= value <= MAX_COUNT:
                raise DraftError(f"{key}: expected a whole number from 1 to {MAX_COUNT}")
        if changes.get("hold") is not None:
            changes.setdefault("reps", None)
        if changes.get("reps") is not None:
            changes.setdefault("hold", None)
        step = replace(self.steps[index], **changes)
        self._check_step(step)
        if step != self.steps[index]:
            self.steps[index], self.dirty = step, True
        return step

    def edit_text(self, index: int, key: str, text: str) -> Step:
        """Edit one of EDITABLE from what the user typed ("" clears a hold or reps)."""
        return self.edit(index, **{key: parse_field(key, text)})

    def _check_step(self, step: Step) -> None:
        alone = RoutineDraft(self.library, steps=[step], lead_in=self.lead_in)
        loaded = _reloaded(alone, "step")
        if loaded is None or loaded.steps != (step,):  # e.g. a library hold cleared: inherited
            raise DraftError("a step from the library needs a hold or reps")

    # --- figures -----------------------------------------------------------------------
    def to_routine(self, routine_id: str = "draft", source_path: str = "") -> Routine:
        steps = tuple(self.steps)
        kind = RoutineKind(self.kind)
        values = (self.name, kind, steps, self.description, self.lead_in, source_path)
        return Routine(routine_id, *values, ask_first=self.ask_first)

    def total_seconds(self) -> int:
        return total_seconds(build_timeline(self.to_routine()))

    def waiting_text(self) -> str:
        """The parts that wait for the user, which the total leaves out: "2 counted sets"."""
        return waiting_text(build_timeline(self.to_routine()))

    def slug(self) -> str:
        return slug(self.name)

    def file_id(self) -> str:
        """The id a save writes: the edited file's, else one made from the name."""
        return self.origin.stem if self.origin is not None else self.slug()

    # --- writing -----------------------------------------------------------------------
    def to_yaml(self, schema: str | None = None) -> str:
        """The file text: schema line, header comments, then only the keys that matter."""
        if schema is None:
            schema = str(paths.builtin_dir("routines").resolve() / SCHEMA_FILE)
        return routine_yaml(self.to_routine(), self.library, self.source, schema)

    def checked_yaml(self, routine_id: str) -> str:
        """The file text, once the loader has accepted it and read back this very routine."""
        from coach.core.routines.loader import check_routine_text

        if not self.steps:
            raise DraftError("add at least one step before saving")
        text = self.to_yaml()
        loaded, errors = check_routine_text(text, f"{routine_id}.yaml", self.library)
        if loaded is None:
            raise DraftError(f"the file would not load: {errors[0] if errors else '?'}")
        if loaded != self.to_routine(routine_id, f"{routine_id}.yaml"):
            raise DraftError("the file would not load back the same routine (a builder bug)")
        return text

    def save(
        self,
        folder: Path,
        *,
        overwrite: bool = False,
        routine_id: str | None = None,
        override_builtin: bool = False,
        builtin: Collection[str] | None = None,
    ) -> Path:
        """Write the routine into `folder` atomically; a file replaced is kept as <file>.bak.

        Raises TargetExists (unless overwrite), BuiltinClash for a new file with a built-in's
        id (unless override_builtin), DraftError for an unsafe id, the built-in folder, or a
        routine that would not load back the same.
        """
        routine_id = self.file_id() if routine_id is None else routine_id
        if not is_safe_id(routine_id):
            raise DraftError(f"{routine_id!r} is not a safe routine id")
        folder = Path(folder)
        target = existing_file(folder, routine_id) or folder / f"{routine_id}.yaml"
        if inside_builtin(target):
            raise DraftError("built-in routines are never written; save yours under a new name")
        if target.exists() and not overwrite:
            raise TargetExists(target)
        builtin = builtin_ids() if builtin is None else builtin
        if not target.exists() and routine_id in builtin and not override_builtin:
            raise BuiltinClash(routine_id)  # an existing file already overrides: TargetExists
        data = self.checked_yaml(routine_id).encode("utf-8")
        folder.mkdir(parents=True, exist_ok=True)
        if target.exists():
            atomic_write(target.with_name(target.name + ".bak"), target.read_bytes())
        atomic_write(target, data)
        self.origin, self.dirty = target, False
        return target


def _reloaded(draft: RoutineDraft, what: str) -> Routine | None:
    """`draft` written and read back by the loader; DraftError with the loader's first word."""
    from coach.core.routines.loader import check_routine_text

    loaded, errors = check_routine_text(draft.to_yaml(schema=""), "x.yaml", draft.library)
    if errors:
        error = errors[0]
        raise DraftError(f"{error.key_path.partition('.')[2] or what}: {error.message}")
    return loaded


def _copy_name(name: str) -> str:
    # "Nightly calf routine" -> "My nightly calf routine"; an acronym keeps its capitals.
    return f"My {name[0].lower()}{name[1:]}" if name[1:2].islower() else f"My {name}"


def draft_for(id_or_path: str | None, catalog: Catalog | None = None) -> RoutineDraft:
    """`coach build [ID]`: an empty draft, a copy of a built-in, or a user routine to edit.

    Raises what catalog.resolve raises (RoutineNotFound, RoutineFileInvalid) for the CLI to show.
    """
    from coach.core.routines.catalog import load_catalog, resolve

    catalog = catalog if catalog is not None else load_catalog()
    if id_or_path is None:
        return RoutineDraft(catalog.library)
    return RoutineDraft.from_routine(resolve(catalog, id_or_path), catalog.library)
