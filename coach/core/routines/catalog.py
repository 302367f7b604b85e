"""All routines the app can offer: the built-ins, then the user's folder (same id replaces).

A broken file never stops the others from loading: its errors go to `Catalog.broken` (one line
each, for `coach list` and `coach validate`) and the file is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.core import paths
from coach.core.routines.catalog_cache import CatalogCache
from coach.core.routines.errors import RoutineError, RoutineFileInvalid
from coach.core.routines.loader import load_exercise_library, load_routine_file
from coach.core.routines.loader_rules import did_you_mean
from coach.core.routines.routine import Exercise, Routine
from coach.core.safe_text import unsafe_character

ROUTINE_SUFFIXES = (".yaml", ".yml")
# Data files that share the routines folder but are not routines (*.json is never a routine).
NOT_ROUTINES = frozenset(
    f"{stem}{suffix}" for stem in ("exercises", "warning-signs") for suffix in ROUTINE_SUFFIXES
)


@dataclass
class Catalog:
    routines: dict[str, Routine] = field(default_factory=dict)
    broken: list[RoutineError] = field(default_factory=list)
    library: dict[str, Exercise] = field(default_factory=dict)
    overridden: dict[str, str] = field(default_factory=dict)  # id -> built-in file replaced
    broken_ids: dict[str, list[RoutineError]] = field(default_factory=dict)
    user_ids: set[str] = field(default_factory=set)  # ids whose routine (or error) is the user's


class RoutineNotFound(LookupError):
    """No routine has that id and no file has that path; the message suggests close ids."""


def routine_files(folder: Path) -> list[Path]:
    """The routine files of a folder, sorted; an absent folder has none."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:  # missing or unreadable folder: nothing to offer from it
        return []
    return [
        p
        for p in entries
        if p.suffix in ROUTINE_SUFFIXES
        and p.name not in NOT_ROUTINES
        and not p.name.startswith(".")
    ]


def load_catalog(
    user_dir: Path | None = None,
    *,
    include_user: bool = True,
    builtin_dir: Path | None = None,
    library: dict[str, Exercise] | None = None,
    use_cache: bool = True,
) -> Catalog:
    """Built-ins from the bundled routines folder, then the user folder (a same id replaces).

    A file unchanged since the last time is not parsed again (catalog_cache.py)."""
    catalog = Catalog()
    builtin_folder = builtin_dir if builtin_dir is not None else paths.builtin_dir("routines")
    if library is None:
        try:
            library = load_exercise_library(builtin_folder / "exercises.yaml")
        except RoutineFileInvalid as invalid:  # steps naming an exercise will say so, too
            catalog.broken.extend(invalid.errors)
            library = {}
    catalog.library = library
    cache = CatalogCache(paths.user_cache_dir(), library) if use_cache else None
    _load_folder(catalog, builtin_folder, True, cache)
    if include_user:
        user_folder = user_dir if user_dir is not None else paths.user_routines_dir()
        _load_folder(catalog, user_folder, False, cache)
    if cache is not None and include_user:  # a built-ins-only load would drop the user's
        cache.save()
    return catalog


def _load_folder(catalog: Catalog, folder: Path, builtin: bool, cache: CatalogCache | None) -> None:
    seen: dict[str, Path] = {}
    for path in routine_files(folder):
        routine_id = path.stem
        if routine_id in seen:  # foo.yaml and foo.yml: keep the first, say why the other is out
            message = f"expected one file per routine id, got {seen[routine_id].name} too"
            error = RoutineError(str(path), 1, 1, "", message)
            catalog.broken.append(error)
            continue
        seen[routine_id] = path
        bad_name = _unsafe_name(path)
        if bad_name is not None:  # the id would put raw bytes or escapes on the terminal
            catalog.broken.append(bad_name)
            catalog.broken_ids[routine_id] = [bad_name]
            continue
        if not builtin:
            catalog.user_ids.add(routine_id)
        try:
            if cache is not None:
                routine = cache.load(path, builtin=builtin)
            else:
                routine = load_routine_file(path, catalog.library, builtin=builtin)
        except RoutineFileInvalid as invalid:
            catalog.broken.extend(invalid.errors)
            catalog.broken_ids[routine_id] = invalid.errors
            continue
        catalog.broken_ids.pop(routine_id, None)
        replaced = catalog.routines.get(routine_id)
        if replaced is not None and replaced.builtin and not builtin:
            catalog.overridden[routine_id] = replaced.source_path
        catalog.routines[routine_id] = routine


def _unsafe_name(path: Path) -> RoutineError | None:
    """A file name that is not UTF-8 (Python keeps those bytes as lone surrogates) or holds a
    control or bidi character cannot be an id to show or type: the file is reported instead."""
    found = unsafe_character(path.name)
    if found is None:
        return None
    _, shown = found
    message = (
        f"expected a file name of UTF-8 text without control or bidi characters, got {shown}"
        " (rename the file)"
    )
    return RoutineError(str(path), 1, 1, "", message)


def resolve(catalog: Catalog, id_or_path: str) -> Routine:
    """A routine by id, or by the path of a routine file (checked against the catalog's library).

    Raises RoutineFileInvalid when that file is broken, RoutineNotFound when nothing matches.
    """
    errors = catalog.broken_ids.get(id_or_path)
    user_file_broken = errors is not None and id_or_path in catalog.user_ids
    if id_or_path in catalog.routines and not user_file_broken:
        return catalog.routines[id_or_path]
    if errors is not None:  # the user asked for this one: show why it did not load
        raise RoutineFileInvalid(errors)
    if _looks_like_path(id_or_path):
        return load_routine_file(Path(id_or_path), catalog.library, display_path=id_or_path)
    hint = did_you_mean(id_or_path, catalog.routines) or " (`coach list` shows them)"
    raise RoutineNotFound(f"no routine with id {id_or_path!r}{hint}")


def _looks_like_path(text: str) -> bool:
    return text.endswith(ROUTINE_SUFFIXES) or "/" in text or "\\" in text or Path(text).exists()
