"""Home's key bar: every key whole at 80 columns; narrower, shorter labels, and at 40 columns two
rows, so every key still shows (coach/ui/widgets/key_bar.py, home's KEY_SHORT_LABELS). Only when
even two rows cannot hold them do the least needed go, never `? Help` or `! Urgent help`."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from coach.ui.app import CoachApp
from coach.ui.screens.home import KEY_DROP_ORDER, KEY_SHORT_LABELS, HomeScreen
from coach.ui.widgets.key_bar import KeyBar, fit_keys, lay_out

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


def bar_rows(app: CoachApp) -> list[str]:
    return [row.strip() for row in str(app.screen.query_one(KeyBar).render()).split("\n")]


async def test_at_40x12_every_home_key_shows_on_two_rows() -> None:
    app = app_with()
    async with app.run_test(size=(40, 12)) as pilot:
        await home_bar(pilot)
        assert bar_rows(app) == ["h History  b Build  L Log  q Quit", "! Urgent help  ? Help"]
        assert app.screen.query_one(KeyBar).size.height == 2
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "b Build routine" in footer(app), "all keys back")
        assert len(bar_rows(app)) == 1 and app.screen.query_one(KeyBar).size.height == 1


KEYS = [
    ("h", "History", "history"),
    ("b", "Build routine", "build"),
    ("L", "Log past cramp", "app.log"),
    ("q", "Quit", "app.quit"),
    ("!", "Urgent help", "app.urgent"),
    ("?", "Help", "app.help"),
]


def test_home_shortens_then_wraps_and_drops_only_when_two_rows_cannot_hold_the_keys() -> None:
    def rows(width: int) -> list[list[str]]:
        laid = lay_out(KEYS, width, KEY_DROP_ORDER, 2, KEY_SHORT_LABELS)
        return [[f"{key} {label}" for key, label, _ in row] for row in laid]

    assert rows(77) == [[f"{k} {label}" for k, label, _ in KEYS]]  # whole labels, one row
    short = ["h History", "b Build", "L Log", "q Quit", "! Urgent help", "? Help"]
    assert rows(76) == rows(58) == [short]  # shorter labels, one row
    assert rows(38) == [short[:4], short[4:]]  # 40 columns: two rows, every key
    assert [[k[2] for k in row] for row in lay_out(KEYS, 20, KEY_DROP_ORDER, 2)] == [
        ["app.urgent", "app.help"]
    ]  # not even two rows hold them: the least needed go, one row
    assert lay_out(KEYS, 38) == [fit_keys(KEYS, 38)]  # one row allowed (the player): as before


def test_home_drops_the_least_needed_key_first() -> None:
    keys = KEYS
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
        assert bar.endswith("! Urgent help  ? Help") and "^b Build  ^l Log" in bar, bar  # short
