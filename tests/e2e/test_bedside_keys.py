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
