from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .installed import COACH


@pytest.fixture
def coach() -> Path:
    if not COACH.exists():
        pytest.skip(f"the coach command is not installed next to {sys.executable}")
    return COACH
