"""The early paint writes only to a real terminal: never under coach serve's web driver."""

from __future__ import annotations

import io

import pytest

from coach.early_paint import paint, unpaint
from coach.launch import relief_routine


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_paints_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("COACH_EARLY_PAINT", raising=False)
    out = FakeTty()
    assert paint(relief_routine(False), out) is True and "Pull your toes" in out.getvalue()


def test_under_a_web_driver_nothing_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    monkeypatch.setenv("TERM", "xterm-256color")
    out = FakeTty()
    assert paint(relief_routine(False), out) is False
    unpaint(out)
    assert out.getvalue() == ""


def test_unpaint_leaves_a_pipe_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    out = io.StringIO()
    unpaint(out)
    assert out.getvalue() == ""
