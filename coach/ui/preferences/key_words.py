"""The keys in force, in words: the user's own (settings.yaml keymap) where they mapped one, else
the default. For the help screen, the player's "Paused · p to go on" and any line that names a
key. Reads what the app applied; imports no screen (callers pass the bindings they describe)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App
from textual.binding import Binding

# Names a person reads in a sentence; Textual's own display is kept for the rest (→, ?, ^j).
SPOKEN = {"enter": "Enter", "escape": "Esc", "space": "space", "tab": "Tab"}


def key_name(app: App, key: str) -> str:
    return SPOKEN.get(key) or app.get_key_display(Binding(key, ""))


def keys_of(app: App, binding_id: str, bindings: Iterable[object], joiner: str = " or ") -> str:
    """The keys of `binding_id` in force, as a person reads them: "space", "p", "n or j"."""
    applied: dict[str, str] = getattr(app, "user_keymap", {}) or {}
    keys = applied.get(binding_id)
    if keys is None:
        found = (b for b in bindings if isinstance(b, Binding) and b.id == binding_id)
        binding = next(found, None)
        keys = binding.key if binding is not None else binding_id
    return joiner.join(key_name(app, key.strip()) for key in keys.split(","))


def keys_in_force(app: App) -> str:
    applied: dict[str, str] = getattr(app, "user_keymap", {}) or {}
    mine: set[str] = getattr(app, "user_keymap_ids", set()) or set()  # as written, not completed
    lines = ["[b]Also[/b]", "  t       night / day theme       Ctrl+P  commands"]
    shown = {binding_id: applied[binding_id] for binding_id in mine if binding_id in applied}
    if shown:
        lines.append("")
        lines.append("[b]Your keys[/b] (settings.yaml keymap: the keys above already use them)")
        for binding_id, keys in sorted(shown.items()):
            words = ", ".join(key_name(app, key) for key in keys.split(","))
            lines.append(f"  {binding_id:<16}{words}")
    return "\n".join(lines)
