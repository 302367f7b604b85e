"""LineProgress draws what Textual's ProgressBar drew (the bar in half cells, the percentage),
cell for cell, so moving off ProgressBar changed what a countdown costs and not what it shows."""

from __future__ import annotations

from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import ProgressBar

from coach.ui.widgets.line_progress import LineProgress

Cells = list[tuple[str, str]]


def cells(strip: Strip, start: int = 0, end: int | None = None) -> Cells:
    """A strip as (character, the SGR codes its style sends) per cell: what a terminal shows
    (mouse metadata, and attributes set to off such as reverse=False, send nothing)."""
    out: Cells = []
    for segment in strip:
        codes = segment.style._make_ansi_codes(ColorSystem.TRUECOLOR) if segment.style else ""
        out += [(char, codes) for char in segment.text]
    return out[start:end]


class SideBySide(App[None]):
    def __init__(self, show_percentage: bool) -> None:
        super().__init__()
        self.show_percentage = show_percentage

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1.0, show_eta=False, show_percentage=self.show_percentage)
        yield LineProgress(show_percentage=self.show_percentage)


async def _compare(show_percentage: bool) -> None:
    app = SideBySide(show_percentage)
    async with app.run_test(size=(60, 4)) as pilot:
        theirs, ours = app.query_one(ProgressBar), app.query_one(LineProgress)
        # Every half cell of the 32-cell bar, both sides of each step, and the ends.
        fractions = sorted(
            {0.0, 1.0, *(k / 64 for k in range(65)), *(k / 64 - 0.004 for k in range(1, 65))}
        )
        for fraction in fractions:
            theirs.update(progress=fraction)
            ours.set_fraction(fraction)
            ours.refresh()
            await pilot.pause()
            frame = app.screen._compositor.render_strips()
            assert ours.region.width == theirs.region.width
            expected = cells(frame[theirs.region.y], theirs.region.x, theirs.region.right)
            assert cells(frame[ours.region.y], ours.region.x, ours.region.right) == expected, (
                fraction
            )


async def test_the_bar_alone_looks_like_textuals() -> None:
    await _compare(show_percentage=False)


async def test_the_bar_and_percentage_look_like_textuals() -> None:
    await _compare(show_percentage=True)


def test_set_fraction_says_when_the_drawn_cells_change() -> None:
    bar = LineProgress()
    assert not bar.set_fraction(0.001)  # no half cell, still 0%
    assert bar.set_fraction(0.006)  # 1%
    assert not bar.set_fraction(0.0061)
    assert bar.set_fraction(1 / 64)  # the first half cell
    assert bar.set_fraction(2.0) and bar.fraction == 1.0  # clamped
