"""A JSON form of a checked routine, so the cramp path can skip PyYAML and the validator.

`coach now` must show its first instruction as fast as a bare Textual app can start; importing
yaml and validating costs ~70 ms. routines/compiled/*.json is written by `coach compile` from the
YAML files and a test checks it still matches them, so the YAML stays the source of truth.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

from coach.core.routines.routine import Routine, Step

_STEP_FIELDS = {f.name for f in fields(Step)}


def routine_to_dict(routine: Routine) -> dict[str, object]:
    data = asdict(routine)
    data.pop("extra", None)
    data.pop("source_path", None)
    data.pop("builtin", None)
    return data


def _step(data: dict) -> Step:
    values = {k: v for k, v in data.items() if k in _STEP_FIELDS}
    if values.get("alternative") is not None:
        values["alternative"] = _step(values["alternative"])
    return Step(**values)


def routine_from_dict(data: dict, *, source_path: str = "", builtin: bool = True) -> Routine:
    steps = tuple(_step(s) for s in data["steps"])
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


def load_compiled(path: Path) -> Routine:
    data = json.loads(path.read_text(encoding="utf-8"))
    return routine_from_dict(data, source_path=str(path.parent.parent / f"{path.stem}.yaml"))


def write_compiled(routine: Routine, path: Path) -> None:
    text = json.dumps(routine_to_dict(routine), indent=1, ensure_ascii=False, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
