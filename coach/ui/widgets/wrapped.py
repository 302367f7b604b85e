"""A Static that wraps its text itself, so a wrapped line keeps its indent (coach/core/wrap.py).

Used for the longer texts: urgent help, help, the done screen, the check's result, history's
opening words. The text is re-wrapped when the widget's width changes, and only then."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.core.safe_text import printable_lines
from coach.core.wrap import wrap_text


class WrappedStatic(Static):
    """`text` is data (never markup) unless `markup=True` (the app's own words, like help)."""

    def __init__(self, text: str = "", *, markup: bool = False, **kwargs: Any) -> None:
        super().__init__("", markup=markup, **kwargs)
        self._raw = text
        self._is_markup = markup
        self._width = 0

    def set_text(self, text: str) -> None:
        self._raw = text
        self._rewrap(force=True)

    def on_mount(self) -> None:
        self._rewrap(force=True)

    def on_resize(self) -> None:
        self._rewrap()

    def _rewrap(self, force: bool = False) -> None:
        width = self.size.width or self.app.size.width
        if width == self._width and not force:
            return
        self._width = width
        wrapped = wrap_text(self._raw if self._is_markup else printable_lines(self._raw), width)
        self.update(wrapped if self._is_markup else Content(wrapped))
