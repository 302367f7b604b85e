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


def big_rows(value: str, scale: int = 1) -> list[str] | None:
    """The text rows for `value` (five per scale step), or None when a character has no glyph."""
    if any(ch not in _FONT for ch in value):
        return None
    rows = []
    for row in range(_FONT_ROWS):
        line = GAP.join(_FONT[ch][row] for ch in value)
        # Two cells per font pixel: a terminal cell is about twice as tall as it is wide.
        drawn = line.replace(" ", "  " * scale).replace("#", "██" * scale)
        rows += [drawn] * scale
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
        self.scale = 1

    def set_big(self, big: bool, scale: int = 1) -> None:
        if big != self.big or scale != self.scale:
            self.big = big
            self.scale = scale
            self.refresh(layout=True)

    def _big_rows(self) -> list[str] | None:
        return big_rows(self.value, self.scale) if self.big else None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        rows = self._big_rows()
        return len(rows[0]) if rows else super().get_content_width(container, viewport)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (
            _FONT_ROWS * self.scale
            if self._big_rows()
            else super().get_content_height(container, viewport, width)
        )

    def render(self) -> RenderResult:
        rows = self._big_rows()
        if rows is None:
            return super().render()
        if self.styles.text_align == "center":  # a wide clock (the player's large window)
            pad = " " * max(0, (self.size.width - len(rows[0])) // 2)
            rows = [pad + row for row in rows]
        return Text("\n".join(rows), style=self.rich_style, no_wrap=True)
