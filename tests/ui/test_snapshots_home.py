"""Home's look, pinned at 40x12, 80x24 and 200x50: the relief buttons, the routines and the key
bar (every key whole at 80 columns; at 40 every key on two rows, shorter labels). An empty
journal of the test's own, so the journal line is the same every run; `pytest --snapshot-update`
on this file after a deliberate change of look."""

from __future__ import annotations

import pytest

from coach.ui.app import CoachApp
from coach.ui.screens.home import HomeScreen

from .helpers import FakeCues, footer, wait_for_screen, wait_until

pytestmark = pytest.mark.usefixtures("night_theme")  # tests/ui/conftest.py

SIZES = [(40, 12), (80, 24), (200, 50)]


async def _home_settled(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, HomeScreen)
    await wait_until(pilot, lambda: "? Help" in footer(pilot.app), "the key bar drawn")
    await pilot.app.workers.wait_for_complete()  # the journal line, read on a thread
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_home(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    assert snap_compare(app, terminal_size=size, run_before=_home_settled)
