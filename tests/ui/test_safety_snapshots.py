"""The safety line's look at 40x12, 80x24 and 200x50, and the heat step's caution at 40x12
(pytest-textual-snapshot; baselines in tests/ui/__snapshots__). Deterministic: a fake clock that
stands still, fake sound, an empty journal of the test's own (tests/conftest.py)."""

from __future__ import annotations

import pytest

from .helpers import make_app, relief

pytestmark = pytest.mark.usefixtures("night_theme")  # tests/ui/conftest.py

SIZES = [(40, 12), (80, 24), (200, 50)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_first_stretch_safety_line(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app, _, _ = make_app(relief())
    assert snap_compare(app, terminal_size=size)


def test_heat_step_caution_at_40x12(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app, _, _ = make_app(relief())
    assert snap_compare(app, press=["n", "y", "n", "n"], terminal_size=(40, 12))
