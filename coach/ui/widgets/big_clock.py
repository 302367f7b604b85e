"""The countdown, as large as the terminal allows: read from a metre away, one hand on the foot.

Textual's Digits are three rows tall. On a large enough terminal this draws five-row block
digits, two cells per pixel, instead; on a smaller one it is plain Digits. `value` and
`update()` are Digits' own, so the rest of the app (and the tests) treat it as Digits.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widgets import Digits

_FONT_ROWS = 5
# Each glyph: five rows of equal width. "#" is drawn as a full block.
_FONT = {
    "0": ("####", "#  #", "#  #", "#  #", "####"),
    "1": ("  # ", " ## ", "  # ", "  # ", " ###"),
    "2": ("####", "   #", "####", "#   ", "####"),
    "3": ("####", "   #", " ###", "   #", "####"),
    "4": ("#  #", "#  #", "####", "   #", "   #"),
    "5": ("####", "#   ", "####", "   #", "####"),
    "6": ("####", "#   ", "####", "#  #", "####"),
    "7": ("####", "   #", "  # ", " #  ", " #  "),
    "8": ("####", "#  #", "####", "#  #", "####"),
    "9": ("####", "#  #", "####", "   #", "####"),
    ":": (" ", "#", " ", "#", " "),
    " ": ("  ", "  ", "  ", "  ", "  "),
}
GAP = " "


def big_rows(value: str) -> list[str] | None:
    """The five text rows for `value`, or None when a character has no big glyph."""
    if any(ch not in _FONT for ch in value):
        return None
    rows = []
    for row in range(_FONT_ROWS):
        line = GAP.join(_FONT[ch][row] for ch in value)
        # Two cells per font pixel: a terminal cell is about twice as tall as it is wide.
        rows.append(line.replace(" ", "  ").replace("#", "██"))
    return rows


class BigClock(Digits):
    """Digits that grow to five rows when the screen sets `big`."""

    DEFAULT_CSS = """
    BigClock {
        width: auto;
    }
    """

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        self.big = False

    def set_big(self, big: bool) -> None:
        if big != self.big:
            self.big = big
            self.refresh(layout=True)

    def _big_rows(self) -> list[str] | None:
        return big_rows(self.value) if self.big else None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        rows = self._big_rows()
        return len(rows[0]) if rows else super().get_content_width(container, viewport)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (
            _FONT_ROWS
            if self._big_rows()
            else super().get_content_height(container, viewport, width)
        )

    def render(self) -> RenderResult:
        rows = self._big_rows()
        if rows is None:
            return super().render()
        return Text("\n".join(rows), style=self.rich_style, no_wrap=True)
