"""The routine builder's model: a draft routine edited step by step, saved as a clean YAML file.

Plain Python (no textual), so every rule lives here and the screen only shows it. Nothing is
written before the loader has accepted the text and read back this very routine; the YAML text
and the atomic write live in builder_file.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core import paths
from coach.core.builder_file import atomic_write as atomic_write  # re-exported
from coach.core.builder_file import has_hand_comments as has_hand_comments  # re-exported
from coach.core.builder_file import routine_yaml, top_level_source
from coach.core.durations import DurationError, parse_duration
from coach.core.loader_rules import MAX_COUNT
from coach.core.routine import DEFAULT_LEAD_IN, SIDES, Exercise, Routine, Step
from coach.core.timeline import build_timeline, total_seconds

if TYPE_CHECKING:
    from coach.core.catalog import Catalog

SLUG_MAX = 48
# Ids the catalog skips (its data files) or Windows cannot use as a file name.
RESERVED_IDS = frozenset(
    {"exercises", "warning-signs", "con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
SCHEMA_FILE = "routine.schema.json"
EDITABLE = ("hold", "sets", "rest", "sides", "reps")  # what the screen edits inline, as text
_SAFE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class DraftError(ValueError):
    """An edit or a save the draft refuses; the message is meant for the user."""


class TargetExists(DraftError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} already exists")
        self.path = path


class BuiltinClash(DraftError):
    def __init__(self, routine_id: str) -> None:
        super().__init__(f"{routine_id!r} is a built-in routine; yours would replace it")
        self.routine_id = routine_id


def slug(name: str) -> str:
    """A safe file id from a name: a-z, 0-9 and single dashes; never empty, dotted or reserved."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    text = text[:SLUG_MAX].rstrip("-") or "my-routine"
    return f"{text}-routine" if text in RESERVED_IDS else text


def is_safe_id(routine_id: str) -> bool:
    if len(routine_id) > SLUG_MAX + 4 or routine_id in RESERVED_IDS:  # + 4: room for "-999"
        return False
    return _SAFE_ID.fullmatch(routine_id) is not None


def builtin_ids() -> set[str]:
    from coach.core.catalog import routine_files

    return {p.stem for p in routine_files(paths.builtin_dir("routines"))}


def free_id(base: str, folder: Path, taken: Collection[str] = ()) -> str:
    """`base`, else `base-2`, `base-3`...: the first id not in `taken` with no file in `folder`."""
    for n in range(1, 1000):
        candidate = base if n == 1 else f"{base[: SLUG_MAX - 4].rstrip('-')}-{n}"
        if candidate not in taken and existing_file(folder, candidate) is None:
            return candidate
    raise DraftError(f"no free id like {base!r}")


def existing_file(folder: Path, routine_id: str) -> Path | None:
    """The file of that id in `folder` (.yaml or .yml), if there is one."""
    for suffix in (".yaml", ".yml"):
        if (folder / f"{routine_id}{suffix}").is_file():
            return folder / f"{routine_id}{suffix}"
    return None


@dataclass
class RoutineDraft:
    """A routine being built. `origin` is the user file being edited (saving there asks first)."""

    library: Mapping[str, Exercise] = field(repr=False)
    name: str = "My routine"
    kind: str = "prevention"
    description: str = ""
    lead_in: int = DEFAULT_LEAD_IN
    source: str = ""
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
        step = Step(ex.name, ex.instructions, ex.hold, ex.sets, ex.rest, ex.sides, ex.reps)
        step = replace(step, caution=ex.caution, source=ex.source, exercise=ex.id)
        index = len(self.steps) if index is None else max(0, min(index, len(self.steps)))
        self.steps.insert(index, step)
        self.dirty = True
        return index

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
        name = " ".join(name.split())  # a name is one line: the file and the screens show it so
        if not name:
            raise DraftError("a routine needs a name")
        if name != self.name:
            self.name, self.dirty = name, True

    def edit(self, index: int, **changes: object) -> Step:
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
        step = replace(self.steps[index], **changes)  # type: ignore[arg-type]
        self._check_step(step)
        if step != self.steps[index]:
            self.steps[index], self.dirty = step, True
        return step

    def edit_text(self, index: int, key: str, text: str) -> Step:
        """Edit one of EDITABLE from what the user typed ("" clears a hold or reps)."""
        return self.edit(index, **{key: _parse_field(key, text)})

    def _check_step(self, step: Step) -> None:
        alone = RoutineDraft(self.library, steps=[step], lead_in=self.lead_in)
        text = alone.to_yaml(schema="")
        from coach.core.loader import check_routine_text

        loaded, errors = check_routine_text(text, "step.yaml", self.library)
        if errors:
            error = errors[0]
            raise DraftError(f"{error.key_path.partition('.')[2] or 'step'}: {error.message}")
        if loaded is None or loaded.steps != (step,):  # e.g. a library hold cleared: inherited
            raise DraftError("a step from the library needs a hold or reps")

    # --- figures -----------------------------------------------------------------------
    def to_routine(self, routine_id: str = "draft", source_path: str = "") -> Routine:
        steps = tuple(self.steps)
        return Routine(
            routine_id, self.name, self.kind, steps, self.description, self.lead_in, source_path
        )

    def total_seconds(self) -> int:
        return total_seconds(build_timeline(self.to_routine()))

    def waiting_count(self) -> int:
        """Segments that wait for the user (reps, notes): the total leaves them out."""
        return sum(1 for s in build_timeline(self.to_routine()) if s.duration is None)

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
        from coach.core.loader import check_routine_text

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
        if _inside_builtin(target):
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


def _copy_name(name: str) -> str:
    # "Nightly calf routine" -> "My nightly calf routine"; an acronym keeps its capitals.
    return f"My {name[0].lower()}{name[1:]}" if name[1:2].islower() else f"My {name}"


def _parse_field(key: str, text: str) -> object:
    text = text.strip()
    if key == "sides":
        if text not in SIDES:
            raise DraftError(f"sides: expected {', '.join(SIDES)}")
        return text
    if key in ("hold", "reps") and not text:
        return None
    if key in ("sets", "reps"):
        if not text.isdigit():
            raise DraftError(f"{key}: expected a whole number, got {text!r}")
        return int(text)
    try:
        return parse_duration(text or "0")
    except DurationError as err:
        raise DraftError(f"{key}: {err}") from None


def _inside_builtin(target: Path) -> bool:
    builtin = paths.builtin_dir("routines").resolve()
    return target.parent.resolve() == builtin or target.resolve().parent == builtin


def draft_for(id_or_path: str | None, catalog: Catalog | None = None) -> RoutineDraft:
    """`coach build [ID]`: an empty draft, a copy of a built-in, or a user routine to edit.

    Raises what catalog.resolve raises (RoutineNotFound, RoutineFileInvalid) for the CLI to show.
    """
    from coach.core.catalog import load_catalog, resolve

    catalog = catalog if catalog is not None else load_catalog()
    if id_or_path is None:
        return RoutineDraft(catalog.library)
    return RoutineDraft.from_routine(resolve(catalog, id_or_path), catalog.library)
