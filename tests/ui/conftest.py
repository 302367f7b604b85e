"""Pilot tests press keys on a fake clock that stands still: the warning check's read time
(coach/core/guidance/answer_gate.py) would drop every answer, so here it is 0 unless a test
puts it back (tests/ui/test_answer_gate_ui.py does)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def answers_count_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.core.guidance.answer_gate.READ_SECONDS", 0.0)


@pytest.fixture
def night_theme(coach_home: Path) -> None:
    """Snapshots pin the theme: `theme: auto` would follow the clock of the machine running them.
    Night, the look a cramp at 3 a.m. meets."""
    (coach_home / "settings.yaml").write_text("theme: night\n", encoding="utf-8")
