"""The bedside keys of settings.yaml: remind_at, theme, night and keymap.

    remind_at: "21:00"        # `coach remind` nudges after this, if tonight's routine is not done
    theme: auto               # night, day or auto (night inside the `night` window)
    night: "21:00-07:00"      # the auto window, local time
    keymap: {pause: p, next: j}   # binding id -> key (coach/ui/preferences/keys.py lists the ids)

The settings reader (coach/core/settings.py) calls these; a keymap entry keeps where it was written,
so the UI, which knows the bindings, can report an unknown id or a clash at its line.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from coach.core.bedside.time_of_day import is_clock, parse_window

THEMES = ("auto", "night", "day")
DEFAULTS = {"remind_at": "21:00", "theme": "auto", "night": "21:00-07:00"}
# A key as Textual names it: "p", "ctrl+p", "space", "f5", "exclamation_mark"; or one printable
# character, which the UI turns into its name. Several keys: "p,space".
_ONE_KEY = r"(?:[A-Za-z0-9_]+(?:\+[A-Za-z0-9_]+)*|[!-~])"
KEY_TEXT = re.compile(rf"{_ONE_KEY}(?:,{_ONE_KEY})*")
MAX_KEY_TEXT = 40
MAX_ENTRIES = 100


class KeymapEntry(NamedTuple):
    binding_id: str
    keys: str
    path: str
    line: int
    column: int


def remind_at_problem(node: Any, shown: str) -> str | None:
    # node.text is the value as written: YAML 1.1 reads an unquoted 22:30 as the number 1350.
    if is_clock(getattr(node, "text", "") or "") and _scalar(node):
        return None
    return f'expected a time like "22:30", got {shown}'


def theme_problem(node: Any, shown: str) -> str | None:
    if getattr(node, "text", None) in THEMES and _scalar(node):
        return None
    return f"expected night, day or auto, got {shown}"


def night_problem(node: Any, shown: str) -> str | None:
    if parse_window(getattr(node, "text", "") or "") and _scalar(node):
        return None
    return f'expected a window like "21:00-07:00", got {shown}'


def keymap_problem(node: Any, shown: str) -> str | None:
    if hasattr(node, "pairs") and len(node.pairs) <= MAX_ENTRIES:
        return None
    return f"expected a mapping of binding ids to keys (at most {MAX_ENTRIES}), got {shown}"


def read_keymap(node: Any, path: str, report: Any) -> tuple[KeymapEntry, ...]:
    """The entries of a keymap mapping whose id and key read as text; the others reported with
    `report(line, column, key_path, message, then)`."""
    from coach.core.routines.loader_rules import describe

    entries: list[KeymapEntry] = []
    for key, value in node.pairs:
        name = getattr(key, "text", None)
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_-]{1,60}", name):
            report(key.line, key.column, "keymap", f"expected a binding id, got {describe(key)}",
                   " (ignored)")  # fmt: skip
            continue
        keys = ",".join(k.strip() for k in (getattr(value, "text", None) or "").split(","))
        if not (_scalar(value) and len(keys) <= MAX_KEY_TEXT and KEY_TEXT.fullmatch(keys)):
            report(value.line, value.column, f"keymap.{name}",
                   f"expected a key like p, space or ctrl+j, got {describe(value)}",
                   " (ignored)")  # fmt: skip
            continue
        entries.append(KeymapEntry(name, keys, path, value.line, value.column))
    return tuple(entries)


def night_window(text: str) -> tuple[str, str]:
    """'21:00-07:00' -> ('21:00', '07:00'); the default window when it does not read."""
    window = parse_window(text) or parse_window(DEFAULTS["night"])
    assert window is not None
    return window


def _scalar(node: Any) -> bool:
    return getattr(node, "kind", None) in ("str", "int", "float", "bool")
