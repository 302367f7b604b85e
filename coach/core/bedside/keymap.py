"""The user's keymap checked against the app's bindings: unknown ids and clashing keys.

The UI describes its bindings as plain values (scope, id, action, keys); this decides, so the rule
is tested without Textual. Bindings of the scope "app" are live on every screen, so a screen key
that takes an app key (say `pause: "!"`, which would hide urgent help) is a clash. Textual's own
keys (ctrl+q quits, ctrl+p opens the command palette, tab moves the focus) come in as bindings of
the scope "app" whose id starts with "textual:", so taking one is a clash too. A binding that acts
while a text field has the focus (a priority binding: quit-now, urgent help) or that ends a
session never takes a key that types a character: typing that letter in a name would fire it.

Some bindings come in pairs that are never live together and share a key by default (space is
pause, and go on while paused; n is next, and "no" at "has it let go?"). The pair may share any
key. A binding that follows another (go on follows pause) takes its keys unless mapped itself:
the key that paused goes on again. Textual drops every binding on a key when one of them is
remapped, so the partner that is not remapped keeps its own keys in the keymap explicitly.
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
# A binding that takes its leader's keys when the user maps the leader and not it.
FOLLOWS = {"resume": "pause"}


class BindingInfo(NamedTuple):
    scope: str  # the screen the binding belongs to, in words ("on the player"), or "app"
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
    known = list(bindings)
    ids = {b.binding_id for b in known}
    wanted: dict[str, tuple[str, ...]] = {}  # sound on its own, in the file's order
    where: dict[str, tuple[int, KeymapEntry]] = {}
    said: list[tuple[int, KeymapEntry, str]] = []  # (place in the file, entry, problem)
    for place, entry in enumerate(entries):
        keys, problem = _entry_keys(entry, ids, known, normalize, known_key, types_text)
        if problem is None and entry.binding_id in wanted:
            problem = f"{entry.binding_id!r} is given twice"
        if problem is not None:
            said.append((place, entry, problem))
            continue
        wanted[entry.binding_id] = keys
        where[entry.binding_id] = (place, entry)
    # Clashes are judged against the keymap as it will be applied, whatever the order the file
    # gives (`next: space` above `pause: p` frees space as surely as below it). The last given
    # of two that clash goes first, so the one written first wins; each entry dropped gives its
    # binding its own keys back, so the rest are judged again until none clashes.
    applied = dict(wanted)
    dropped = True
    while dropped:
        dropped = False
        for binding_id in reversed(list(applied)):
            others = {k: ",".join(v) for k, v in applied.items() if k != binding_id}
            clash = _clash(binding_id, applied[binding_id], known, others, normalize)
            if clash is not None:
                said.append((*where[binding_id], clash))
                del applied[binding_id]
                dropped = True
                break
    said.sort(key=lambda problem: problem[0])  # each said in the file's order
    problems = [_located(entry, message) for _, entry, message in said]
    return {k: ",".join(v) for k, v in applied.items()}, problems


def _entry_keys(
    entry: KeymapEntry,
    ids: set[str],
    known: list[BindingInfo],
    normalize: Callable[[str], str],
    known_key: Callable[[str], bool],
    types_text: Callable[[str], bool],
) -> tuple[tuple[str, ...], str | None]:
    """One entry on its own: its keys as applied (urgent help keeps !), or why it cannot be."""
    from coach.core.routines.loader_rules import did_you_mean

    if entry.binding_id not in ids:
        hint = did_you_mean(entry.binding_id, sorted(ids)) or "; README.md lists the ids"
        return (), f"unknown binding id {entry.binding_id!r}{hint}"
    keys = tuple(normalize(k) for k in entry.keys.split(","))
    unknown = [k for k in keys if not known_key(k)]
    if unknown:
        return (), f"expected a key like p, space, ctrl+j or f5, got {unknown[0]!r}"
    kept = ALWAYS.get(entry.binding_id)
    typing = _fires_while_typing(entry.binding_id, known)
    letter = next((k for k in keys if k != kept and types_text(k)), None)
    if typing and letter is not None:
        return (), (f"{letter!r} types a character, and {entry.binding_id!r} {typing}:"
                    " use a key with ctrl or a function key")  # fmt: skip
    if kept is not None and kept not in keys:
        keys += (kept,)
    return keys, None


def _located(entry: KeymapEntry, message: str) -> str:
    from coach.core.routines.errors import RoutineError

    key_path = f"keymap.{entry.binding_id}"
    return str(RoutineError(entry.path, entry.line, entry.column, key_path, message + " (ignored)"))


def complete_keymap(
    keymap: dict[str, str],
    known: list[BindingInfo],
    normalize: Callable[[str], str] = lambda key: key,
) -> dict[str, str]:
    """The checked keymap as it is applied: followers given their leader's keys, and every
    binding that shared a default key with a remapped one given its own keys back (Textual
    drops every binding on a key when one of them is remapped)."""
    done = dict(keymap)
    for follower, leader in FOLLOWS.items():
        if leader in keymap and follower not in keymap:
            done[follower] = keymap[leader]
    for binding in known:
        if binding.binding_id in done or binding.binding_id.startswith(TEXTUAL):
            continue
        mine = {normalize(k) for k in binding.keys}
        for other in known:
            if other.binding_id not in done or other.scope != binding.scope:
                continue
            if mine & {normalize(k) for k in other.keys}:
                done[binding.binding_id] = ",".join(normalize(k) for k in binding.keys)
                break
    return done


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
            leader = FOLLOWS.get(other.binding_id)
            if other.binding_id in keymap:
                theirs = tuple(keymap[other.binding_id].split(","))
            elif leader in keymap:  # go on will follow pause to its new keys
                theirs = tuple(keymap[leader].split(","))
            else:
                theirs = tuple(normalize(k) for k in other.keys)
            shared_by_design = set(binding.keys) & set(other.keys)
            if shared_by_design and other.scope == binding.scope:
                continue  # a pair never live together (pause and go on): any key may be theirs
            taken = (set(keys) & set(theirs)) - shared_by_design
            if taken:
                key = sorted(taken)[0]
                if other.binding_id.startswith(TEXTUAL):
                    return f"key {key!r} is Textual's own ({other.action})"
                return f"key {key!r} is already {other.binding_id!r} {_where(other.scope)}"
    return None


def _where(scope: str) -> str:
    return "everywhere" if scope == APP_SCOPE else scope
