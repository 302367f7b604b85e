"""A one-line key bar for the player and home: the keys that do something now. A tap or click on
an entry does what its key does (a phone at the bedside has no keyboard at hand).

Textual's Footer builds a widget per key; on the player, the screen a person in pain looks at,
that cost ~1.7 MiB and a rebuild at every change of keys. This draws the same "key Label" pairs
from the screen's active bindings in one Static, and fits them to the width: on a narrow
window the least needed keys go first (each screen names its order), and `! Urgent help` is
never cut. Textual's Footer cuts the last keys instead: home's `? Help` at 80 columns. A screen
may offer shorter labels and a second row instead (home at 40 columns keeps every key).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import events
from textual.content import Content
from textual.dom import DOMNode
from textual.widgets import Static

# The player's keys, dropped in this order when the bar is too narrow (they still work, they
# are just not listed; ? lists them all). Urgent help is never dropped.
DROP_ORDER: tuple[str, ...] = ("mute", "back", "extend", "app.help", "quit", "alternative")
DROP_ORDER += ("skip", "next_or_no", "pause")
URGENT = "app.urgent"


def part_width(key: str, label: str) -> int:
    return len(f" {key} ") + len(f"{label} ")


def bar_width(keys: list[tuple[str, str, str]]) -> int:
    return sum(part_width(key, label) for key, label, _ in keys)


def fit_keys(
    keys: list[tuple[str, str, str]], width: int, drop_order: tuple[str, ...] = DROP_ORDER
) -> list[tuple[str, str, str]]:
    """(key, label, action) in order, without the least needed ones (by action, `drop_order`
    first to last; an action not named there is never dropped) until they fit `width`; urgent
    help always stays, first if nothing else fits beside it."""
    shown = list(keys)
    drop = list(drop_order)
    while sum(part_width(k, label) for k, label, _ in shown) > width:
        dropping = next((a for a in drop if any(s[2] == a for s in shown)), None)
        if dropping is None:
            break
        shown = [part for part in shown if part[2] != dropping]
    if sum(part_width(k, label) for k, label, _ in shown) > width:
        urgent = [part for part in shown if part[2] == URGENT]
        shown = urgent + [part for part in shown if part[2] != URGENT]
    return shown


def lay_out(
    keys: list[tuple[str, str, str]],
    width: int,
    drop_order: tuple[str, ...] = DROP_ORDER,
    rows: int = 1,
    short: Mapping[str, str] | None = None,
) -> list[list[tuple[str, str, str]]]:
    """The bar's rows: every key on one row if they fit; else with the `short` labels (by
    action); else, with `rows` over 1, every key wrapped onto up to that many rows; else one
    row without the least needed (fit_keys)."""
    if bar_width(keys) <= width:
        return [keys]
    keys = [(key, (short or {}).get(action, label), action) for key, label, action in keys]
    if bar_width(keys) <= width or rows == 1:
        return [fit_keys(keys, width, drop_order)]
    lines: list[list[tuple[str, str, str]]] = [[]]
    for part in keys:
        if lines[-1] and bar_width([*lines[-1], part]) > width:
            lines.append([])
        lines[-1].append(part)
    return lines if len(lines) <= rows else [fit_keys(keys, width, drop_order)]


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(
        self,
        drop_order: tuple[str, ...] = DROP_ORDER,
        *,
        rows: int = 1,
        short_labels: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        """`rows` over 1: a narrow window wraps the keys onto that many rows rather than drop
        any; `short_labels` (by action) are used first when the full ones do not fit."""
        super().__init__(**kwargs)
        self._keys: list[tuple[str, str, str]] = []
        self._drop_order = drop_order
        self._rows = rows
        self._short = dict(short_labels or {})
        self._runs: dict[str, tuple[str, DOMNode]] = {}  # action as shown -> (as bound, on what)
        self._spans: list[tuple[int, int, int, str]] = []  # row, columns [start, end), action

    def on_mount(self) -> None:
        self.refresh_keys()

    def on_resize(self) -> None:
        self._show()

    def refresh_keys(self) -> None:
        """Redraw from the screen's bindings now on offer (check_action hides the rest)."""
        keys: list[tuple[str, str, str]] = []
        self._runs = {}
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)  # "n" and "right" both mean next: show it once
            action = binding.action if active.node is self.screen else f"app.{binding.action}"
            label = binding.description
            relabel = getattr(self.screen, "key_label", None)  # a key whose meaning moves
            label = relabel(binding.action, label) if relabel is not None else label
            keys.append((self.app.get_key_display(binding), label, action))
            self._runs[action] = (binding.action, active.node)
        self._keys = keys
        self._show()

    def _show(self) -> None:
        width = self.size.width or self.app.size.width
        parts: list[str | tuple[str, str]] = []
        self._spans = []
        lines = lay_out(self._keys, width, self._drop_order, self._rows, self._short)
        for row, line in enumerate(lines):
            parts += ["\n"] if row else []
            column = 0
            for key, label, action in line:
                parts += [(f" {key} ", "bold $footer-key-foreground"), f"{label} "]
                self._spans.append((row, column, column + part_width(key, label), action))
                column += part_width(key, label)
        self.styles.height = len(lines)
        self.update(Content.assemble(*parts))

    def action_at(self, column: int, row: int = 0) -> str | None:
        """The entry drawn at `column` of `row` (its action as shown), or None between entries."""
        spans = self._spans
        return next((a for r, start, end, a in spans if r == row and start <= column < end), None)

    async def on_click(self, event: events.Click) -> None:
        shown = self.action_at(event.x, event.y)
        if shown is None or shown not in self._runs:
            return
        event.stop()
        action, node = self._runs[shown]
        # As the key would: Textual asks the node's check_action first (what is on offer now).
        await self.app.run_action(action, default_namespace=node)
