"""Where the builder saves: safe routine ids from names, free ids, and the files they name.

Split from builder.py (the draft model); builder.py re-exports these names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from pathlib import Path

from coach.core import paths

SLUG_MAX = 48
# Ids the catalog skips (its data files) or Windows cannot use as a file name.
RESERVED_IDS = frozenset(
    {"exercises", "warning-signs", "con", "prn", "aux", "nul"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
_SAFE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class DraftError(ValueError):
    """An edit or a save the draft refuses; the message is meant for the user."""


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
    from coach.core.routines.catalog import routine_files

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


def inside_builtin(target: Path) -> bool:
    builtin = paths.builtin_dir("routines").resolve()
    return target.parent.resolve() == builtin or target.resolve().parent == builtin
