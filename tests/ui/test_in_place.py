"""Once a second the countdown repaints only the digits and the bar, straight onto the terminal
(coach/ui/terminal/in_place.py), and what it writes is cell for cell what a whole frame would draw.

Pilot runs headless, where the app never paints in place; these tests let Textual's headless
driver stand in for a terminal's and catch what would be written."""

from __future__ import annotations

from typing import Any

import pytest
from rich.color import ColorSystem
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from coach.ui.terminal import in_place
from coach.ui.widgets.big_clock import BigClock
from coach.ui.widgets.line_progress import LineProgress

from .helpers import advance, builtin, make_app, player, relief, wait_for_text

Cells = list[tuple[str, str]]


def cells(strip: Strip, start: int = 0, end: int | None = None) -> Cells:
    """A strip as (character, the SGR codes its style sends) per cell: what a terminal shows
    (mouse metadata, and attributes set to off such as reverse=False, send nothing)."""
    out: Cells = []
    for segment in strip:
        codes = segment.style._make_ansi_codes(ColorSystem.TRUECOLOR) if segment.style else ""
        out += [(char, codes) for char in segment.text]
    return out[start:end]


def as_terminal(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Treat the headless driver as a terminal's; return the list every write is put in."""
    monkeypatch.setattr(in_place, "LinuxDriver", type(app._driver))
    written: list[Any] = []
    monkeypatch.setattr(app, "_display", lambda screen, update: written.append(update))
    return written


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_second_of_countdown_writes_the_digits_and_bar_as_a_frame_would(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=size) as pilot:
        await wait_for_text(pilot, "toes")
        await advance(pilot, clock, 1)
        written = as_terminal(app, monkeypatch)
        await advance(pilot, clock, 1)
        screen = player(app)
        assert screen.query_one(BigClock).value == "0:28"
        # One write, no whole frame: the digits and the step bar, nothing else.
        assert len(written) == 1 and isinstance(written[0], in_place._Updates), written
        painted = {(update.region.x, update.region.y): update for update in written[0].updates}
        # Both draw their own lines (Line API, plain styles), skipping Textual's styling pass.
        assert screen.query_one(BigClock).lines_in_place() is not None
        assert screen.query_one("#step-progress", LineProgress).lines_in_place() is not None
        regions = {
            w.id: w.region for w in (screen.query_one(BigClock), screen.query_one("#step-progress"))
        }
        assert sorted(painted) == sorted((r.x, r.y) for r in regions.values())
        # Cell for cell what Textual draws for the whole screen from the same state.
        frame = app.screen._compositor.render_strips()
        for update in written[0].updates:
            region = update.region
            for row, (strip,) in enumerate(update.strips):
                expected = cells(frame[region.y + row], region.x, region.right)
                assert cells(strip) == expected, (region, row)


async def test_a_routine_paints_its_two_bars_and_digits_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, clock, _ = make_app(builtin("nightly-quick"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # a routine waits for Enter before its first hold
        await advance(pilot, clock, 3)  # into the first hold: its words are up
        written = as_terminal(app, monkeypatch)
        for _ in range(5):
            await advance(pilot, clock, 1)
        assert written and all(isinstance(update, in_place._Updates) for update in written)
        painted = {update.region for batch in written for update in batch.updates}
        screen = player(app)
        assert screen.query_one(BigClock).region in painted
        assert screen.query_one("#routine-progress", LineProgress).region in painted


async def test_not_in_place_under_another_screen_or_under_another_widget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, _clock, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        as_terminal(app, monkeypatch)
        digits = player(app).query_one(BigClock)
        assert in_place._placement(digits) == digits.region  # the terminal's case
        # Anything drawn over the digits (a toast, say) would be painted over.
        cover = Static("over the digits")
        cover.styles.position = "absolute"
        cover.styles.offset = (digits.region.x + 2, digits.region.y + 1)
        cover.styles.width = 10
        await player(app).mount(cover)
        await pilot.pause()
        assert cover.region.overlaps(digits.region)
        assert in_place._placement(digits) is None
        await cover.remove()
        await pilot.pause()
        assert in_place._placement(digits) == digits.region
        # Another screen shown over the player: the player's digits are not on the terminal.
        await app.push_screen(Screen())
        await pilot.pause()
        assert in_place._placement(digits) is None


async def test_headless_takes_whole_frames() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        clock_widget = player(app).query_one(BigClock)
        assert in_place._placement(clock_widget) is None
        assert not in_place.paint_in_place(clock_widget)
