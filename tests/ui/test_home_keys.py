"""Home's key bar: every key whole at 80 columns, and on a narrower window the least needed go
first, never `? Help` or `! Urgent help` (coach/ui/widgets/key_bar.py, home's KEY_DROP_ORDER)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from coach.ui.app import CoachApp
from coach.ui.screens.home import KEY_DROP_ORDER, HomeScreen
from coach.ui.widgets.key_bar import fit_keys

from .helpers import FakeCues, footer, wait_for_screen, wait_until

HOME_KEYS = ["h History", "b Build routine", "L Log past cramp", "q Quit", "! Urgent help"]


def app_with() -> CoachApp:
    return CoachApp(cues=FakeCues(), emergency_number="112")


async def home_bar(pilot: Pilot) -> str:
    """Home's key bar once it is up (it is fitted after the first frame)."""
    await wait_for_screen(pilot, HomeScreen)
    await wait_until(pilot, lambda: "? Help" in footer(pilot.app), "? Help in the key bar")
    return footer(pilot.app).rstrip()


async def test_every_home_key_is_whole_at_80_columns() -> None:
    app = app_with()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = await home_bar(pilot)
        assert bar.endswith("  ? Help"), bar  # whole, not "? He"
        for part in HOME_KEYS:
            assert f"  {part}  " in bar, (part, bar)


async def test_a_narrow_home_keeps_help_and_urgent_help() -> None:
    app = app_with()
    async with app.run_test(size=(40, 12)) as pilot:
        bar = await home_bar(pilot)
        assert bar.endswith("! Urgent help  ? Help") and "q Quit" in bar, bar
        assert "Build" not in bar and "Log" not in bar and "History" not in bar
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "b Build routine" in footer(app), "all keys back")


def test_home_drops_the_least_needed_key_first() -> None:
    keys = [
        ("h", "History", "history"),
        ("b", "Build routine", "build"),
        ("L", "Log past cramp", "app.log"),
        ("q", "Quit", "app.quit"),
        ("!", "Urgent help", "app.urgent"),
        ("?", "Help", "app.help"),
    ]
    actions = [[k[2] for k in fit_keys(keys, width, KEY_DROP_ORDER)] for width in (77, 76, 50)]
    assert actions[0] == [k[2] for k in keys]
    assert actions[1] == ["history", "app.log", "app.quit", "app.urgent", "app.help"]
    assert actions[2] == ["history", "app.quit", "app.urgent", "app.help"]
    assert [k[2] for k in fit_keys(keys, 5, KEY_DROP_ORDER)] == ["app.urgent", "app.help"]


async def test_your_own_keys_show_and_help_still_fits(coach_home: Path) -> None:
    keymap = "keymap:\n  home-history: ctrl+j\n  home-build: ctrl+b\n  home-log: ctrl+l\n"
    (coach_home / "settings.yaml").write_text(keymap, encoding="utf-8")
    app = app_with()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await wait_until(pilot, lambda: "^j History" in footer(app), "the keymap in the bar")
        bar = footer(app).rstrip()
        assert bar.endswith("! Urgent help  ? Help") and "Build" not in bar, bar  # 80 needed
