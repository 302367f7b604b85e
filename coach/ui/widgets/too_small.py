"""A plain "window too small" for screens that cannot work in a small window (the builder, the
history table): their content is hidden and one line says the size needed, until it is there.
coach.tcss hides the rest of such a screen while it has the class `too-small`.

Hidden is not enough: a key typed then would still reach a field nobody can see (a builder
step removed, a hold changed). So while the screen says it is too small, what it hides is also
disabled (no key, click or Tab reaches it), the screen runs only the actions it allows
(leaving; the app's own keys, help and urgent help, stay), and when the window is large enough
again the focus goes back where it was.
"""

from __future__ import annotations

from collections.abc import Collection

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static


def too_small_note() -> Static:
    return Static("", id="too-small", markup=False)


class TooSmall:
    """One screen's guard: `fit()` on mount and on every resize; `allows(action)` from the
    screen's check_action."""

    def __init__(self, screen: Screen, need: tuple[int, int], allowed: Collection[str]) -> None:
        self.screen = screen
        self.need = need
        self.allowed = frozenset(allowed)  # the screen's actions that still run (leaving)
        self.small = False
        self._focus: Widget | None = None  # what had the focus when the content was hidden

    def fit(self) -> None:
        """Show the screen, or say the window is too small for it and what it needs."""
        width, height = self.screen.app.size
        small = width < self.need[0] or height < self.need[1]
        if small:
            self.screen.query_one("#too-small", Static).update(
                f"This window is too small for this screen ({width}x{height}): it needs "
                f"{self.need[0]}x{self.need[1]}. Make the window larger, or press Escape to "
                "go back."
            )
        if small == self.small:
            return
        self.small = small
        if small:
            self._focus = self.screen.focused
        self.screen.set_class(small, "too-small")
        for child in self.screen.children:  # the same widgets coach.tcss hides
            if child.id != "too-small" and not isinstance(child, Footer):
                child.disabled = small
        self.screen.refresh_bindings()
        if not small:
            self.screen.call_after_refresh(self._refocus)

    def allows(self, action: str) -> bool:
        return not self.small or action in self.allowed

    def _refocus(self) -> None:
        focus, self._focus = self._focus, None
        if self.small or self.screen.focused is not None:
            return
        if focus is not None and focus.is_attached and focus.focusable:
            self.screen.set_focus(focus)
        else:
            self.screen.focus_next()
