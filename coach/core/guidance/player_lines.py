"""The player's safety texts, from warning-signs.yaml's `player:` section.

`coach now` must not read YAML before its first instruction, so `coach compile` writes this
section to routines/compiled/player-lines.json (a test keeps the two equal) and the player reads
that with the standard library only. This module never imports yaml or textual.

    lines = load_player_lines()
    one_line(lines.safety, width=38)  # the longest form that fits one row
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coach.core.paths import builtin_dir

LEG_WARNING_KEYS = ("other_relief", "other", "without", "checked", "urgent")
NARROWEST = 38  # a 40-column terminal less the screen's padding: the last form must fit


@dataclass(frozen=True)
class PlayerLines:
    safety: tuple[str, ...]  # longest first
    overtime: tuple[str, ...]
    finished: str
    leg_warning_title: str  # {leg}, {date}
    leg_warning_text: str  # {leg}, {emergency_number}
    leg_warning_keys: Mapping[str, str]  # other_relief, other ({other}), without, checked, urgent
    leg_warning_days: int
    leg_warning_recorded: str
    no_heat_name: str
    no_heat_text: str  # {why}
    left_out_name: str  # {leg}
    left_out_text: str  # {date}
    checked_name: str
    checked_text: str  # {leg}, {until}
    # activity ("stretch", "massage", "heat") -> exercise ids; question id -> activities
    activities: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)


def one_line(lines: Sequence[str], width: int) -> str:
    """The longest form that fits `width` cells; the shortest, cut, when none does."""
    for line in lines:
        if len(line) <= width:
            return line
    return lines[-1][: max(width, 1)] if lines else ""


def compiled_path() -> Path:
    return builtin_dir("routines") / "compiled" / "player-lines.json"


def load_player_lines(path: Path | None = None) -> PlayerLines:
    """Read the compiled texts (JSON, standard library only)."""
    data = json.loads((path or compiled_path()).read_text(encoding="utf-8"))
    return from_dict(data)


def from_dict(data: Mapping[str, Any]) -> PlayerLines:
    return PlayerLines(
        safety=tuple(data["safety"]),
        overtime=tuple(data["overtime"]),
        finished=data["finished"],
        leg_warning_title=data["leg_warning_title"],
        leg_warning_text=data["leg_warning_text"],
        leg_warning_keys=dict(data["leg_warning_keys"]),
        leg_warning_days=int(data["leg_warning_days"]),
        leg_warning_recorded=data["leg_warning_recorded"],
        no_heat_name=data["no_heat_name"],
        no_heat_text=data["no_heat_text"],
        left_out_name=data["left_out_name"],
        left_out_text=data["left_out_text"],
        checked_name=data["checked_name"],
        checked_text=data["checked_text"],
        activities={k: tuple(v) for k, v in data.get("activities", {}).items()},
        avoid={k: tuple(v) for k, v in data.get("avoid", {}).items()},
        sources=dict(data.get("sources", {})),
    )


def to_json(lines: PlayerLines) -> str:
    data = asdict(lines)
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def lines_from_signs(root: Mapping[str, Any]) -> PlayerLines:
    """The `player:` section (and the avoid rules) of warning-signs.yaml, checked: ValueError
    names the key that is wrong. Every text needs its `source:`."""
    player = _map(root.get("player"), "player")
    sources = {}
    for key in ("safety", "overtime", "finished", "leg_warning", "no_heat"):
        sources[key] = _text(_map(player.get(key), f"player.{key}"), "source", f"player.{key}")
    safety = _lines(player["safety"], "player.safety")
    overtime = _lines(player["overtime"], "player.overtime")
    leg, heat = player["leg_warning"], player["no_heat"]
    days = leg.get("days")
    if not isinstance(days, int) or days < 1:
        raise ValueError("player.leg_warning.days: expected a whole number of days")
    key_lines = _map(leg.get("keys"), "player.leg_warning.keys")
    keys = {k: _text(key_lines, k, "player.leg_warning.keys") for k in LEG_WARNING_KEYS}
    left_out = _map(leg.get("left_out"), "player.leg_warning.left_out")
    checked = _map(leg.get("checked"), "player.leg_warning.checked")
    activities = _map(root.get("activities", {}), "activities")
    avoid = {
        str(q["id"]): tuple(str(a) for a in q.get("avoid") or ())
        for q in root.get("questions") or ()
        if isinstance(q, dict) and q.get("avoid")
    }
    return PlayerLines(
        safety=safety,
        overtime=overtime,
        finished=_text(player["finished"], "text", "player.finished"),
        leg_warning_title=_text(leg, "title", "player.leg_warning"),
        leg_warning_text=_text(leg, "text", "player.leg_warning"),
        leg_warning_keys=keys,
        leg_warning_days=days,
        leg_warning_recorded=_text(leg, "recorded", "player.leg_warning"),
        no_heat_name=_text(heat, "name", "player.no_heat"),
        no_heat_text=_text(heat, "text", "player.no_heat"),
        left_out_name=_text(left_out, "name", "player.leg_warning.left_out"),
        left_out_text=_text(left_out, "text", "player.leg_warning.left_out"),
        checked_name=_text(checked, "name", "player.leg_warning.checked"),
        checked_text=_text(checked, "text", "player.leg_warning.checked"),
        activities={str(k): tuple(str(x) for x in v or ()) for k, v in activities.items()},
        avoid=avoid,
        sources=sources,
    )


def _lines(section: Mapping[str, Any], where: str) -> tuple[str, ...]:
    lines = section.get("lines")
    if not isinstance(lines, list) or not lines or not all(isinstance(x, str) for x in lines):
        raise ValueError(f"{where}.lines: expected a list of one-line texts, longest first")
    if len(lines[-1]) > NARROWEST:
        raise ValueError(f"{where}.lines: the last must fit in {NARROWEST} columns")
    return tuple(line.strip() for line in lines)


def _map(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected a mapping")
    return value


def _text(section: Mapping[str, Any], key: str, where: str) -> str:
    value = section.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}.{key}: expected some text")
    return value.strip()
