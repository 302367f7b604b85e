"""No "prevent" promise: the nightly routine "may reduce" cramps (medical.md 3.1 and 4)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import coach
from coach.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def test_help_says_may_reduce_and_never_prevent() -> None:
    text = build_parser().format_help().lower()
    assert "prevent" not in text
    assert "may reduce" in text


def test_package_summary_and_docstring_make_no_promise() -> None:
    summary = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["description"]
    assert "prevent" not in summary.lower() and "may reduce" in summary
    assert "prevent" not in (coach.__doc__ or "").lower()
