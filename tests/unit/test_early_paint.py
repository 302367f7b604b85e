"""The early paint writes to the terminal raw, before Textual: words from a routine file (the
user's own cramp-now.yaml) must reach it escaped, never as escape sequences."""

from __future__ import annotations

import io

import pytest

from coach.core.routines.routine import Routine, Step
from coach.early_paint import paint


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_control_characters_in_the_first_step_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COACH_EARLY_PAINT", raising=False)
    step = Step(name="Toes\x1b]0;x\x07", instructions="Pull\x1b[2J back\nthen \x9b31m\u202e hold")
    terminal = FakeTerminal()
    assert paint(Routine("r", "R", "relief", (step,)), terminal)
    written = terminal.getvalue()
    assert "Toes\\x1b]0;x\\x07" in written
    assert "Pull\\x1b[2J back" in written and "then \\x9b31m\\u202e hold" in written
    for raw in ("\x1b]", "\x07", "\x1b[2J", "\x9b", "\u202e"):
        assert raw not in written.replace("\x1b[H\x1b[2J", "")  # our own clear is the only one
