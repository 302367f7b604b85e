"""The installed `coach now` in a real pty with `keymap: {pause: p}` in settings.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from .installed import START_TIMEOUT, STEP_TIMEOUT, start

pytestmark = pytest.mark.e2e


def test_keymap_pause_p_pauses_coach_now(coach: Path, coach_home: Path) -> None:
    (coach_home / "settings.yaml").write_text("keymap: {pause: p}\n", encoding="utf-8")
    with start(coach, coach_home, "now") as term:
        term.wait_for("toes", timeout=START_TIMEOUT)
        term.wait_for("p Pause", timeout=START_TIMEOUT)  # the key bar, once the keymap is in
        term.press("p")
        term.wait_for("Paused", timeout=STEP_TIMEOUT)
        assert "Traceback" not in term.text()


def test_pause_p_then_p_goes_on_again(coach: Path, coach_home: Path) -> None:
    """Issue 23: the README's own keymap left the player stuck on pause."""
    (coach_home / "settings.yaml").write_text("keymap: {pause: p}\n", encoding="utf-8")
    with start(coach, coach_home, "now", cols=80, rows=24) as term:
        term.wait_for("p Pause", timeout=START_TIMEOUT)
        term.press("p")
        screen = term.wait_for_all(["Paused · p to go on", "p Go on"], timeout=STEP_TIMEOUT)
        assert "space" not in screen
        term.press("p")
        term.wait_for("p Pause", timeout=STEP_TIMEOUT)
        assert "Paused" not in term.settled()
        assert "Traceback" not in term.text()


def test_help_after_next_j_names_j(coach: Path, coach_home: Path) -> None:
    (coach_home / "settings.yaml").write_text("keymap: {next: j}\n", encoding="utf-8")
    with start(coach, coach_home, "now", cols=100, rows=40) as term:
        term.wait_for("j Next", timeout=START_TIMEOUT)
        term.press("?")
        screen = term.wait_for("next part", timeout=STEP_TIMEOUT) and term.settled()
        assert "j or →  next part" in screen and "n or →" not in screen
        assert "Traceback" not in term.text()
