"""A plain "window too small" for screens that cannot work in a small window (the builder, the
history table): their content is hidden and one line says the size needed, until it is there.
coach.tcss hides the rest of such a screen while it has the class `too-small`."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static


def too_small_note() -> Static:
    return Static("", id="too-small", markup=False)


def fit_or_say(screen: Screen, need: tuple[int, int]) -> None:
    """Show the screen, or say the window is too small for it and what it needs."""
    width, height = screen.app.size
    small = width < need[0] or height < need[1]
    screen.set_class(small, "too-small")
    if small:
        note = screen.query_one("#too-small", Static)
        note.update(
            f"This window is too small for this screen ({width}x{height}): it needs "
            f"{need[0]}x{need[1]}. Make the window larger, or press Escape to go back."
        )
