"""A progress bar that costs nothing between the moments it changes, and little when it does.

It looks like Textual's ProgressBar (a 32-cell bar drawn in half cells by Textual's own
BarRenderable, then the percentage in five cells), but it is one widget drawn line by line, has
no ETA and no timer of its own, and it is repainted only when a half cell or the percentage
would change. ProgressBar's update() kept ETA samples, and each
change of its bar asked for a whole frame: once a second for a whole countdown.
"""

from __future__ import annotations

from functools import lru_cache

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.renderables.bar import Bar as BarRenderable
from textual.strip import Strip
from textual.widget import Widget

BAR_WIDTH = 32
PERCENT_WIDTH = 5  # "100%" right-aligned, as ProgressBar's PercentageStatus


class LineProgress(Widget, can_focus=False):
    COMPONENT_CLASSES = {"bar--bar", "bar--complete"}

    DEFAULT_CSS = """
    LineProgress {
        width: auto;
        height: 1;

        &> .bar--bar {
            color: $primary;
            background: $surface;
        }
        &> .bar--complete {
            color: $success;
            background: $surface;
        }
    }
    """

    def __init__(self, *, show_percentage: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_percentage = show_percentage
        self.fraction = 0.0

    def set_fraction(self, fraction: float) -> bool:
        """Take `fraction` (0 to 1) done. True when the drawn cells change: the caller repaints
        the bar then, with whatever else changed in the same moment."""
        fraction = min(1.0, max(0.0, fraction))
        changed = self._drawn(fraction) != self._drawn(self.fraction)
        self.fraction = fraction
        return changed

    def _drawn(self, fraction: float) -> tuple[int, int]:
        """What a fraction looks like: half cells of bar (as Textual's Bar rounds) and percent."""
        return int(fraction * BAR_WIDTH * 2), round(fraction * 100)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return BAR_WIDTH + (PERCENT_WIDTH if self.show_percentage else 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        complete = self.get_component_rich_style("bar--complete")
        styles = (base, self.get_component_rich_style("bar--bar"), complete)
        return self._line(y, *styles)

    def _line(self, y: int, base: Style, bar: Style, complete: Style) -> Strip:
        width = self.size.width
        if y != 0:
            return Strip.blank(width, base)
        half_cells, percent = self._drawn(self.fraction)
        bar_style = bar if self.fraction < 1 else complete
        shown = percent if self.show_percentage else None
        segments = bar_segments(self.app.console, half_cells, shown, base, bar_style)
        return Strip(segments).adjust_cell_length(width, base)


@lru_cache(maxsize=512)  # a hold of any length passes through the same 65 bars
def bar_segments(
    console: Console, half_cells: int, percent: int | None, base: Style, bar_style: Style
) -> tuple[Segment, ...]:
    """The bar drawn by Textual's own BarRenderable (and the percentage), in `base`."""
    renderable = BarRenderable(
        highlight_range=(0, half_cells / 2),
        highlight_style=Style.from_color(bar_style.color),
        background_style=Style.from_color(bar_style.bgcolor),
        width=BAR_WIDTH,
    )
    text = next(iter(renderable.__rich_console__(console, console.options)))
    assert isinstance(text, Text)  # the bar renders one Text
    segments = list(text.render(console))
    if percent is not None:
        segments.append(Segment(f"{percent}%".rjust(PERCENT_WIDTH)))
    return tuple(Segment.apply_style(segments, base))
