"""Pilot tests press keys on a fake clock that stands still: the warning check's read time
(coach/core/guidance/answer_gate.py) would drop every answer, so here it is 0 unless a test
puts it back (tests/ui/test_answer_gate_ui.py does)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def answers_count_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.core.guidance.answer_gate.READ_SECONDS", 0.0)
