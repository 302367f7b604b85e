"""The countdown, as large as the terminal allows: read from a metre away, one hand on the foot.

Textual's Digits are three rows tall. On a large enough terminal this draws five-row block
digits, two cells per pixel, instead; on a smaller one it draws Digits' own three-row glyphs.
`value` and `update()` are Digits' own, so the rest of the app (and the tests) treat it as
Digits.

It renders line by line (Textual's Line API) from plain strings instead of through a Rich
renderable: the countdown is drawn once a second all night, and `show()` asks for a new layout
only when the digits' width changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
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


@lru_cache(maxsize=256)  # each second's rows are built once, not once per row drawn
def big_rows(value: str, scale: int = 1) -> tuple[str, ...] | None:
    """The text rows for `value` (five per scale step), or None when a character has no glyph."""
    if any(ch not in _FONT for ch in value):
        return None
    rows = []
    for row in range(_FONT_ROWS):
        line = GAP.join(_FONT[ch][row] for ch in value)
        # Two cells per font pixel: a terminal cell is about twice as tall as it is wide.
        drawn = line.replace(" ", "  " * scale).replace("#", "██" * scale)
        rows += [drawn] * scale
    return tuple(rows)


@lru_cache(maxsize=256)
def small_rows(value: str, bold: bool) -> tuple[str, ...]:
    """Textual Digits' three rows for `value` (its bold glyphs when the style is bold)."""
    rows: list[str] = []
    line = ""
    style = Style(bold=bold)
    for segment in DigitsRenderable(value, style).render(style):
        assert isinstance(segment, Segment)  # Digits renders segments only
        if segment.text == "\n":
            rows.append(line)
            line = ""
        else:
            line += segment.text
    return tuple(rows)


class BigClock(Digits):
    """Digits that grow to five rows when the screen sets `big`."""

    DEFAULT_CSS = """
    BigClock {
        width: auto;
    }
    """

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        self.big = False
        self.scale = 1

    def set_big(self, big: bool, scale: int = 1) -> None:
        if big != self.big or scale != self.scale:
            self.big = big
            self.scale = scale
            self.refresh(layout=True)

    def show(self, value: str) -> bool:
        """Take `value`. True: only the digits changed, and the caller repaints the clock
        (with the bars); a new width asks for a new layout here and returns False."""
        if value == self.value:
            return False
        if self._rows_width(value) != self._rows_width(self.value):
            self.update(value)
            return False
        self.update(value)
        return True

    def _rows_width(self, value: str) -> int:
        rows = big_rows(value, self.scale) if self.big else None
        return len(rows[0]) if rows else DigitsRenderable.get_width(value)

    def _big_rows(self) -> tuple[str, ...] | None:
        return big_rows(self.value, self.scale) if self.big else None

    def _rows(self, bold: bool) -> tuple[str, ...]:
        return self._big_rows() or small_rows(self.value, bold)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        rows = self._big_rows()
        return len(rows[0]) if rows else super().get_content_width(container, viewport)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return (
            _FONT_ROWS * self.scale
            if self._big_rows()
            else super().get_content_height(container, viewport, width)
        )

    def render_line(self, y: int) -> Strip:
        """Row `y` of the digits, placed as `text-align` says, in the widget's style."""
        style = self.rich_style
        align = self.styles.text_align
        return self._line(y, style, align)

    def _line(self, y: int, style: Style, align: str) -> Strip:
        width = self.size.width
        rows = self._rows(bool(style.bold))
        text = rows[y] if y < len(rows) else ""
        room = max(0, width - len(text))
        if align == "center":
            text = " " * (room // 2) + text
        elif align == "right":
            text = " " * room + text
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)
