"""What the catalog learnt from each routine file last time, so `coach list` of 5,000 files does
not parse 5,000 YAML files again (1.6 s) when none of them changed.

One JSON file in the user cache folder (paths.user_cache_dir()): for each routine file, its
routine or its errors, under the file's key (path, size, mtime, ctime, inode, device, and whether
it was read as a built-in). The whole cache also carries the loader's identity (the app's version
and the size and mtime of the modules that check routines) and the exercise library's (a hash of
its contents): when either differs, nothing in it is used.

An entry is used only when the file's key is the same as when it was read; the key is taken
before the file is read, so a file that changes while being read is read again next time. A file
changed within RACY_NS of being read could still have the same key after a second change in the
same clock tick, so such an entry is not kept. A cache file that is missing, damaged, from another
version or another program is ignored and written anew; it is written whole to a temporary file
and moved into place (os.replace), so a reader never sees half of one. Trouble writing it (a
read-only folder, a full disk) is ignored: the cache only saves time.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from coach import __version__
from coach.core.routines.errors import RoutineError, RoutineFileInvalid
from coach.core.routines.kind import RoutineKind
from coach.core.routines.loader import load_routine_file
from coach.core.routines.routine import Exercise, Routine, Step

FILE_NAME = "catalog.json"
FORMAT = "cramp-coach catalog cache 1"
RACY_NS = 2_000_000_000  # a file changed this recently is not cached (see the docstring)
# The modules whose behaviour decides what a file loads as: when one changes, the cache goes.
_LOADER_MODULES = (
    "catalog_cache.py", "compiled.py", "durations.py", "errors.py", "loader.py",
    "loader_rules.py", "routine.py", "yaml_nodes.py", "yaml_source.py", "yaml_text.py",
)  # fmt: skip

FileKey = list[int]


def file_key(path: Path, builtin: bool) -> FileKey | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, int(builtin)]


def loader_identity() -> str:
    here = Path(__file__).resolve().parent
    parts = [__version__]
    for name in _LOADER_MODULES:
        try:
            st = os.stat(here / name)
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:?")
    return "|".join(parts)


def library_identity(library: Mapping[str, Exercise]) -> str:
    text = repr(sorted(library.items()))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class CatalogCache:
    """load() stands in for loader.load_routine_file; save() writes what was seen."""

    def __init__(self, folder: Path, library: Mapping[str, Exercise]) -> None:
        self.path = folder / FILE_NAME
        self.library = library
        self.identity = [FORMAT, loader_identity(), library_identity(library)]
        self.entries = self._read()
        self.seen: dict[str, dict[str, Any]] = {}
        self.hits = 0

    def load(self, path: Path, *, builtin: bool) -> Routine:
        """The file's routine, from the cache when its key is unchanged; raises
        RoutineFileInvalid with the file's errors, exactly as load_routine_file does."""
        name = str(path)
        key = file_key(path, builtin)  # before reading: a change during the read shows next time
        entry = self.entries.get(name)
        if key is not None and isinstance(entry, dict) and entry.get("key") == key:
            try:
                known = _decode(entry, name, builtin)
            except (KeyError, TypeError, ValueError, AttributeError):
                known = None  # a damaged entry: read the file
            if known is not None:
                self.hits += 1
                self.seen[name] = entry
                if isinstance(known, Routine):
                    return known
                raise RoutineFileInvalid(known)
        try:
            routine = load_routine_file(path, self.library, builtin=builtin)
        except RoutineFileInvalid as invalid:
            self._keep(name, key, {"errors": [_error_fields(e) for e in invalid.errors]})
            raise
        self._keep(name, key, {"routine": _routine_fields(routine)})
        return routine

    def save(self) -> None:
        if self.seen == self.entries:
            return  # every entry used as it was, and nothing else: the file is already right
        data = {"identity": self.identity, "files": self.seen}
        tmp = self.path.with_name(f".{FILE_NAME}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.path)
        except (OSError, ValueError):
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # missing, unreadable, damaged, not UTF-8
            return {}
        if not isinstance(data, dict) or data.get("identity") != self.identity:
            return {}  # another version, another library, another program's file
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def _keep(self, name: str, key: FileKey | None, entry: dict[str, Any]) -> None:
        if key is None or time.time_ns() - max(key[1], key[2]) < RACY_NS:
            return  # changed just now: the same key could still hide a second change
        self.seen[name] = {"key": key, **entry}


# A routine as plain lists in field order (astuple is ten times slower for 5,000 routines); the
# field names are part of the loader's identity (routine.py is in _LOADER_MODULES).
_STEP_FIELDS = tuple(f.name for f in fields(Step))


def _step_fields(step: Step) -> list[object]:
    values = [getattr(step, name) for name in _STEP_FIELDS]
    return [_step_fields(v) if isinstance(v, Step) else v for v in values]  # an alternative


def _step_of(values: list[Any]) -> Step:
    args: list[Any] = [_step_of(v) if isinstance(v, list) else v for v in values]
    return Step(*args)


def _routine_fields(routine: Routine) -> list[object]:
    steps = [_step_fields(step) for step in routine.steps]
    values = [routine.id, routine.name, routine.kind, steps, routine.description, routine.lead_in]
    return [*values, routine.ask_first]


def _decode(entry: Mapping[str, Any], name: str, builtin: bool) -> Routine | list[RoutineError]:
    if "routine" in entry:
        id_, title, kind, steps, description, lead_in, ask_first = entry["routine"]
        return Routine(
            id=str(id_),
            name=str(title),
            kind=RoutineKind(str(kind)),
            steps=tuple(_step_of(values) for values in steps),
            description=str(description),
            lead_in=int(lead_in),
            ask_first=str(ask_first),
            source_path=name,
            builtin=builtin,
        )
    errors = [RoutineError(str(p), int(line), int(col), str(k), str(m))
              for p, line, col, k, m in entry["errors"]]  # fmt: skip
    if not errors:
        raise ValueError("a broken file without errors")
    return errors


def _error_fields(error: RoutineError) -> list[object]:
    return [error.path, error.line, error.column, error.key_path, error.message]
