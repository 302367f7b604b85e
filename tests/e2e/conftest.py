from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .installed import COACH, not_this_checkout


@pytest.fixture(scope="session", autouse=True)
def this_checkout_is_what_runs() -> None:
    """Stop the whole run, before the first e2e test, when `coach` would run other code."""
    if not COACH.exists():
        return  # each test skips (below)
    problem = not_this_checkout(COACH)
    if problem is not None:
        pytest.exit(problem, returncode=1)


@pytest.fixture
def coach() -> Path:
    if not COACH.exists():
        pytest.skip(f"the coach command is not installed next to {sys.executable}")
    return COACH
