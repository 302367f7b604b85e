"""The user's keymap checked against the app's bindings: unknown ids and clashing keys.

The UI describes its bindings as plain values (scope, id, action, keys); this decides, so the rule
is tested without Textual. Bindings of the scope "app" are live on every screen, so a screen key
that takes an app key (say `pause: "!"`, which would hide urgent help) is a clash. Textual's own
keys (ctrl+q quits, ctrl+p opens the command palette, tab moves the focus) come in as bindings of
the scope "app" whose id starts with "textual:", so taking one is a clash too. A binding that acts
while a text field has the focus (a priority binding: quit-now, urgent help) or that ends a
session never takes a key that types a character: typing that letter in a name would fire it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from coach.core.bedside.settings_keys import KeymapEntry

APP_SCOPE = "app"
# Safety keys a keymap can add to but never take away: ! is urgent help from anywhere.
ALWAYS = {"urgent": "exclamation_mark", "quit-now": "ctrl+c"}
# Ends the session at once, without asking: never on a key that types a character.
ENDS_SESSION = {"quit-now"}
TEXTUAL = "textual:"  # the id prefix of Textual's own bindings, described by the UI


class BindingInfo(NamedTuple):
    scope: str  # the screen (or "app") the binding belongs to
    binding_id: str
    action: str
    keys: tuple[str, ...]
    priority: bool = False  # acts before the focused widget, so also while typing in a field


def check_keymap(
    entries: Iterable[KeymapEntry],
    bindings: Iterable[BindingInfo],
    normalize: Callable[[str], str] = lambda key: key,
    known_key: Callable[[str], bool] = lambda key: True,
    types_text: Callable[[str], bool] = lambda key: len(key) == 1,
) -> tuple[dict[str, str], list[str]]:
    """The keymap to apply (binding id -> keys) and one located line per problem.

    An entry is dropped (and reported) when its id is unknown, or when one of its keys would
    then do two different things on a screen that did not already share it by design
    (n is both "next" and "no" on the player)."""
    from coach.core.routines.errors import RoutineError
    from coach.core.routines.loader_rules import did_you_mean

    known = list(bindings)
    ids = {b.binding_id for b in known}
    keymap: dict[str, str] = {}
    problems: list[str] = []

    def report(entry: KeymapEntry, message: str) -> None:
        key_path = f"keymap.{entry.binding_id}"
        line = RoutineError(entry.path, entry.line, entry.column, key_path, message + " (ignored)")
        problems.append(str(line))

    for entry in entries:
        if entry.binding_id not in ids:
            hint = did_you_mean(entry.binding_id, sorted(ids)) or "; README.md lists the ids"
            report(entry, f"unknown binding id {entry.binding_id!r}{hint}")
            continue
        keys = tuple(normalize(k) for k in entry.keys.split(","))
        unknown = [k for k in keys if not known_key(k)]
        if unknown:
            report(entry, f"expected a key like p, space, ctrl+j or f5, got {unknown[0]!r}")
            continue
        kept = ALWAYS.get(entry.binding_id)
        typing = _fires_while_typing(entry.binding_id, known)
        letter = next((k for k in keys if k != kept and types_text(k)), None)
        if typing and letter is not None:
            report(entry, f"{letter!r} types a character, and {entry.binding_id!r} {typing}:"
                          " use a key with ctrl or a function key")  # fmt: skip
            continue
        if kept is not None and kept not in keys:
            keys += (kept,)
        if entry.binding_id in keymap:
            report(entry, f"{entry.binding_id!r} is given twice")
            continue
        clash = _clash(entry.binding_id, keys, known, keymap, normalize)
        if clash is not None:
            report(entry, clash)
            continue
        keymap[entry.binding_id] = ",".join(keys)
    return keymap, problems


def _fires_while_typing(binding_id: str, known: list[BindingInfo]) -> str | None:
    """Why a typed letter must not fire this binding, or None when it may have one."""
    if binding_id in ENDS_SESSION:
        return "ends the session at once"
    if any(b.priority for b in known if b.binding_id == binding_id):
        return "acts even while you type in a text field"
    return None


def _clash(
    binding_id: str,
    keys: tuple[str, ...],
    known: list[BindingInfo],
    keymap: dict[str, str],
    normalize: Callable[[str], str],
) -> str | None:
    mine = [b for b in known if b.binding_id == binding_id]
    for binding in mine:
        for other in known:
            if other.binding_id == binding_id or other.action == binding.action:
                continue
            same_screen = other.scope == binding.scope
            if not (same_screen or APP_SCOPE in (other.scope, binding.scope)):
                continue
            if other.binding_id in keymap:
                theirs = tuple(keymap[other.binding_id].split(","))
            else:
                theirs = tuple(normalize(k) for k in other.keys)
            shared_by_design = set(binding.keys) & set(other.keys)
            taken = (set(keys) & set(theirs)) - shared_by_design
            if taken:
                key = sorted(taken)[0]
                if other.binding_id.startswith(TEXTUAL):
                    return f"key {key!r} is Textual's own ({other.action})"
                return f"key {key!r} is already {other.binding_id!r} ({other.scope})"
    return None
