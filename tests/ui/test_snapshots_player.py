"""The player's look, pinned at 40x12, 80x24 and 200x50: the countdown and the key bar.

Sync tests (pytest-textual-snapshot); the app runs on a fake clock with a fake sound player, so
the countdown is the same every run. `pytest --snapshot-update` rewrites the baselines in
__snapshots__/ after a deliberate change of look; look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest

from coach.ui.player.screen import PlayerScreen

from .helpers import make_app, player, relief, wait_for_screen, wait_until

pytestmark = pytest.mark.usefixtures("night_theme")  # tests/ui/conftest.py


async def _on_the_stretch(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for_screen(pilot, PlayerScreen)
    await wait_until(pilot, lambda: player(pilot.app).recorder is not None, "journal row opened")
    await pilot.pause()


async def _paused_after_urgent_help(pilot) -> None:  # type: ignore[no-untyped-def]
    await _on_the_stretch(pilot)
    await pilot.press("exclamation_mark")
    await pilot.pause()
    await pilot.press("escape")
    await wait_until(pilot, lambda: player(pilot.app).session.paused, "paused")
    await pilot.pause()


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (200, 50)])
def test_player_countdown_and_key_bar(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app, _, _ = make_app(relief())
    assert snap_compare(app, terminal_size=size, run_before=_on_the_stretch)


def test_player_paused_after_urgent_help_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _, _ = make_app(relief())
    assert snap_compare(app, terminal_size=(80, 24), run_before=_paused_after_urgent_help)
