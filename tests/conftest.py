"""Every test gets its own COACH_HOME: no test reads or writes a real user's routines or journal.
Unit and Pilot tests also get no voice engine, whatever this machine has installed (espeak-ng,
the `voice` extra): they behave the same on a new user's machine as in CI (issue 19). A test that
wants an engine sets COACH_VOICE_ENGINE itself or passes a fake; e2e keeps the machine's."""

from __future__ import annotations

from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parent / "e2e"


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


@pytest.fixture(autouse=True)
def no_voice_engine_but_the_tests_own(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if E2E not in Path(request.node.path).resolve().parents:
        monkeypatch.setenv("COACH_VOICE_ENGINE", "none")  # not piper, not espeak-ng: no engine
