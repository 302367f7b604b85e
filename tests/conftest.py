"""Every test gets its own COACH_HOME: no test reads or writes a real user's routines or journal."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def coach_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("coach-home")
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COACH_EMERGENCY_NUMBER", raising=False)
    # No region from the machine running the tests: the number to call is the generic words
    # unless a test sets a region (tests/unit/test_emergency_numbers.py).
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setattr("coach.core.guidance.region.ETC", home / "no-etc")
    return home
