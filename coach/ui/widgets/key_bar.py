"""A one-line key bar for the player: the keys that do something now, as plain text.

Textual's Footer builds a widget per key; on the player, the screen a person in pain looks at,
that cost ~1.7 MiB and a rebuild at every change of keys. This draws the same "key Label" pairs
from the screen's active bindings in one Static.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Redraw from the screen's bindings now on offer (check_action hides the rest)."""
        parts: list[str | tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)  # "n" and "right" both mean next: show it once
            key = self.app.get_key_display(binding)
            parts += [(f" {key} ", "bold $footer-key-foreground"), f"{binding.description} "]
        self.update(Content.assemble(*parts))
