"""The player's arrangement is chosen before drawing (coach/ui/player/fit.py): these check the
estimate against Textual's real layout, so big digits never push a line under the safety line."""

from __future__ import annotations

import pytest

from coach.core.routines.timeline import SegmentKind
from coach.ui.player.fit import BIG_CLOCK_MIN_WIDTH, choose_fit, content_rows, text_rows
from coach.ui.player.screen import PlayerScreen
from coach.ui.widgets.big_clock import BigClock

from .helpers import builtin, make_app, player, wait_for_screen

FLOW = [
    "title",
    "instructions",
    "phase",
    "clock",
    "where",
    "prompt",
    "caution",
    "step-progress",
    "routine-progress",
    "next-up",
    "overtime",
]


def test_text_rows_wraps_on_words_and_counts_an_empty_text_as_one_row() -> None:
    assert text_rows("", 20) == 1
    assert text_rows("one two three", 20) == 1
    assert text_rows("one two three", 8) == 2
    assert text_rows("a\nb\n\nc", 20) == 4


TEXTS = dict(
    title="Stretch  ·  step 1 of 3",
    instructions="Leg straight.\nPull the toes toward you.",
    where="Left leg",
    prompt="",
    caution="",
    next_up="Next: rest",
    overtime="",
)


SAFETY = "Press ! now."  # one row at these widths; the key bar is one more


def test_big_digits_first_then_tight_spacing_then_small_digits() -> None:
    roomy = content_rows(80, clock_rows=5, tight=False, **TEXTS)
    tight = content_rows(80, clock_rows=5, tight=True, **TEXTS)
    assert roomy - tight == 4  # title, instructions, two progress bars
    small = content_rows(80, clock_rows=3, tight=True, **TEXTS)

    def fit_at(content_height: int) -> tuple[bool, bool]:
        fit = choose_fit(80, content_height + 2, has_clock=True, safety=SAFETY, **TEXTS)
        return fit.big_clock, fit.tight

    assert fit_at(roomy) == (True, False)
    # One or two rows short: the blank lines above the bars go first, the others stay.
    fit = choose_fit(80, roomy - 1 + 2, has_clock=True, safety=SAFETY, **TEXTS)
    assert fit.big_clock and not fit.tight and not fit.bar_gaps
    assert fit_at(roomy - 2) == (True, False)
    assert fit_at(roomy - 3) == (True, True)  # then every blank line
    assert fit_at(tight) == (True, True)
    assert fit_at(tight - 2) == (True, True)  # then the progress bars go
    fit = choose_fit(80, tight - 2 + 2, has_clock=True, safety=SAFETY, **TEXTS)
    assert not fit.bars
    assert fit_at(tight - 3) == (False, True)  # then the digits shrink too
    assert fit_at(small - 2) == (False, True)
    narrow = choose_fit(BIG_CLOCK_MIN_WIDTH - 1, 60, has_clock=True, safety=SAFETY, **TEXTS)
    assert not narrow.big_clock and not narrow.tight
    assert not choose_fit(80, 60, has_clock=False, safety=SAFETY, **TEXTS).big_clock  # a note


def test_a_large_window_grows_the_digits() -> None:
    assert choose_fit(200, 50, has_clock=True, safety=SAFETY, **TEXTS).scale == 4
    assert choose_fit(80, 24, has_clock=True, safety=SAFETY, **TEXTS).scale == 1
    assert choose_fit(200, 24, has_clock=True, safety=SAFETY, **TEXTS).scale == 1  # too short


def test_a_wrapped_safety_line_leaves_less_room() -> None:
    roomy = content_rows(80, clock_rows=5, tight=False, **TEXTS)
    long_safety = "word " * 30  # two rows at 80 columns
    assert choose_fit(80, roomy + 2, has_clock=True, safety=SAFETY, **TEXTS).tight is False
    assert choose_fit(80, roomy + 2, has_clock=True, safety=long_safety, **TEXTS).bar_gaps is False


async def _walk(routine_id: str, size: tuple[int, int]) -> list[str]:
    """Every step and part of a built-in routine at this size; the problems seen."""
    problems: list[str] = []
    app, _, _ = make_app(builtin(routine_id))
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        screen = player(app)
        seen: set[tuple[int, SegmentKind]] = set()
        for _ in range(300):
            await pilot.pause()
            if not isinstance(app.screen, PlayerScreen) or screen.session is None:
                break
            segment = screen.session.current
            if segment is None:
                break
            if (segment.step_index, segment.kind) not in seen:
                seen.add((segment.step_index, segment.kind))
                shown = [screen.query_one(f"#{name}") for name in FLOW]
                bottom = max(w.region.bottom for w in shown if w.display)
                limit = screen.query_one("#safety").region.y
                where = f"{routine_id} {size} step {segment.step_index} {segment.kind.name}"
                if bottom > limit:
                    problems.append(f"{where}: content ends at {bottom}, safety line at {limit}")
                clock = screen.query_one(BigClock)
                if size[0] >= BIG_CLOCK_MIN_WIDTH and size[1] >= 32 and clock.display:
                    if not clock.big:
                        problems.append(f"{where}: small digits on a large terminal")
            if segment.kind is SegmentKind.RELEASED_QUESTION:
                await pilot.press("y")
            elif segment.duration is None:
                await pilot.press("enter")
            else:
                await pilot.press("n")
    return problems


@pytest.mark.parametrize("size", [(60, 20), (60, 24), (80, 20), (80, 24), (100, 30), (120, 40)])
@pytest.mark.parametrize("routine_id", ["cramp-now", "cramp-foot", "nightly", "nightly-quick"])
async def test_nothing_goes_under_the_safety_line(routine_id: str, size: tuple[int, int]) -> None:
    assert await _walk(routine_id, size) == []


async def test_80x24_shows_the_big_digits_for_the_first_stretch() -> None:
    app, _, _ = make_app(builtin("cramp-now"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        await pilot.pause()
        clock = player(app).query_one(BigClock)
        assert clock.big and clock.size.height == 5
