"""A JSON form of a checked routine, so the cramp path can skip PyYAML and the validator.

`coach now` must show its first instruction as fast as a bare Textual app can start; importing
yaml and validating costs ~70 ms. routines/compiled/*.json is written by `coach compile` from the
YAML files and a test checks it still matches them, so the YAML stays the source of truth.

Reading the JSON (read_compiled) needs only json: the early paint writes the first step from the
plain data, and the Routine is built after that (routine_from_compiled), because its dataclasses
import inspect, ast and typing, ~10 ms the first instruction should not wait for.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False  # typing itself is an import the cramp path does without
if TYPE_CHECKING:
    from pathlib import Path

    from coach.core.routines.routine import Routine, Step


def routine_to_dict(routine: Routine) -> dict[str, object]:
    from dataclasses import asdict

    data = asdict(routine)
    data.pop("extra", None)
    data.pop("source_path", None)
    data.pop("builtin", None)
    return data


def _step(data: dict, names: set[str]) -> Step:
    from coach.core.routines.routine import Step

    values = {k: v for k, v in data.items() if k in names}
    if values.get("alternative") is not None:
        values["alternative"] = _step(values["alternative"], names)
    return Step(**values)


def routine_from_dict(data: dict, *, source_path: str = "", builtin: bool = True) -> Routine:
    from dataclasses import fields

    from coach.core.routines.routine import Routine, Step

    names = {f.name for f in fields(Step)}
    steps = tuple(_step(s, names) for s in data["steps"])
    return Routine(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        steps=steps,
        description=data.get("description", ""),
        ask_first=data.get("ask_first", ""),
        lead_in=data.get("lead_in", 3),
        source_path=source_path,
        builtin=builtin,
    )


def read_compiled(path: Path) -> dict:
    """The compiled routine as plain data (what the early paint reads before any dataclass)."""
    return json.loads(path.read_text(encoding="utf-8"))


def routine_from_compiled(data: dict, path: Path) -> Routine:
    """The Routine of data read from `path`, naming its YAML source as load_compiled does."""
    return routine_from_dict(data, source_path=str(path.parent.parent / f"{path.stem}.yaml"))


def load_compiled(path: Path) -> Routine:
    return routine_from_compiled(read_compiled(path), path)


def write_compiled(routine: Routine, path: Path) -> None:
    text = json.dumps(routine_to_dict(routine), indent=1, ensure_ascii=False, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
