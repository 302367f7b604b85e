"""How tall the player's content will be, worked out before it is drawn.

The countdown should be as big as the terminal allows, and on an 80x24 terminal five-row digits
fit on most steps but not on a step with a long caution (heat, ice). Deciding after Textual has
laid the screen out would show the small digits first and then jump; so the player asks here,
from the texts it is about to show, which arrangement fits. Plain Python: the rows each part
takes mirror coach.tcss, and tests/ui/test_player_fit.py checks them against Textual's layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.wrap import wrap_cells

SMALL_CLOCK_ROWS = 3  # Textual's Digits
BIG_CLOCK_ROWS = 5  # BigClock's block digits
BIG_CLOCK_MIN_WIDTH = 60  # "00:00" in block digits is 44 cells; narrower terminals keep Digits
BIG_CLOCK_WIDTH = 44  # "00:00" at scale 1 (BigClock: each scale step is 44 cells more)
MAX_SCALE = 6
ROOMY = (120, 36)  # from this many columns and rows the player centres its content


def is_roomy(width: int, height: int) -> bool:
    return width >= ROOMY[0] and height >= ROOMY[1]


SCREEN_PADDING = 2  # coach.tcss: Screen { padding: 0 1 }
KEY_BAR_ROWS = 1  # docked below the safety line (which wraps on a narrow terminal)


@dataclass(frozen=True)
class Fit:
    big_clock: bool  # five-row digits
    tight: bool  # no blank lines between the parts (up to five rows saved)
    bars: bool = True  # the progress bars (the countdown already says how long is left)
    scale: int = 1  # the big digits' size: 5 rows and 44 columns per step (a large window)
    bar_gaps: bool = True  # the blank line above each bar (the first spacing to go)


def text_rows(text: str, width: int) -> int:
    """Rows a Static of this text takes at this width, in cells (an empty one still takes one)."""
    if width <= 0:
        return 1
    rows = 0
    for paragraph in text.split("\n"):
        rows += max(1, len(wrap_cells(paragraph, width)))
    return max(rows, 1)


def content_rows(
    width: int,
    *,
    title: str,
    instructions: str,
    where: str,
    prompt: str,
    caution: str,
    next_up: str,
    overtime: str,
    clock_rows: int,
    tight: bool,
    bars: bool = True,
    bar_count: int = 2,
    bar_gaps: bool = True,
) -> int:
    """Rows from the top of the screen to the last line of the player's content."""
    inner = width - SCREEN_PADDING
    gap = 0 if tight else 1  # the blank line coach.tcss puts between parts
    rows = text_rows(title, inner) + gap
    rows += text_rows(instructions, inner) + gap
    rows += 1  # the phase line
    rows += clock_rows
    rows += text_rows(where, inner) + text_rows(prompt, inner)
    if caution:
        rows += gap + text_rows(caution, inner)
    if bars:
        rows += bar_count * (1 + (gap if bar_gaps else 0))
    rows += text_rows(next_up, inner)
    if overtime:
        rows += text_rows(overtime, inner)
    return rows


def choose_fit(
    width: int, height: int, *, has_clock: bool, safety: str, bar_count: int = 2, **texts: str
) -> Fit:
    """The roomiest arrangement whose content fits above the safety line, big digits first:
    they are what the user reads from a metre away. On a large window they grow (scale 2, 3...)
    as far as the room allows; on a small one the blank lines go a few at a time, then the bars,
    then the big digits."""
    room = height - KEY_BAR_ROWS - text_rows(safety, width - SCREEN_PADDING)
    big_possible = has_clock and width >= BIG_CLOCK_MIN_WIDTH
    options: list[Fit] = []
    if big_possible:
        widest = (width - SCREEN_PADDING) // BIG_CLOCK_WIDTH
        options += [Fit(True, False, scale=s) for s in range(min(widest, MAX_SCALE), 1, -1)]
        options += [Fit(True, False), Fit(True, False, bar_gaps=False)]
        options += [Fit(True, True), Fit(True, True, False)]
    options += [Fit(False, False), Fit(False, False, bar_gaps=False)]
    options += [Fit(False, True), Fit(False, True, False)]
    for fit in options:
        clock_rows = 0
        if has_clock:
            clock_rows = BIG_CLOCK_ROWS * fit.scale if fit.big_clock else SMALL_CLOCK_ROWS
        needed = content_rows(
            width,
            clock_rows=clock_rows,
            tight=fit.tight,
            bars=fit.bars,
            bar_count=bar_count,
            bar_gaps=fit.bar_gaps,
            **texts,
        )
        if needed <= room:
            return fit
    return options[-1]  # nothing fits: the least; the screen scrolls
