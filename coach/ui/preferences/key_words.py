"""The keys in force, in words, for the help screen: the user's own (settings.yaml keymap)
beside the defaults they replace. Reads what the app applied; imports no screen."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding


def keys_in_force(app: App) -> str:
    applied: dict[str, str] = getattr(app, "user_keymap", {}) or {}
    lines = ["[b]Also[/b]", "  t       night / day theme       Ctrl+P  commands"]
    if applied:
        lines.append("")
        lines.append("[b]Your keys[/b] (settings.yaml keymap: these replace the keys above)")
        for binding_id, keys in sorted(applied.items()):
            shown = ", ".join(app.get_key_display(Binding(key, "")) for key in keys.split(","))
            lines.append(f"  {binding_id:<16}{shown}")
    return "\n".join(lines)
