"""Leg codes have one home (coach/core/legs.py): the journal's l/r, the screens' left/right."""

from __future__ import annotations

import pytest

from coach.core.journal.log_entry import LogEntryError, parse_leg
from coach.core.legs import Leg


@pytest.mark.parametrize(
    ("text", "leg"),
    [("l", Leg.LEFT), ("Left", Leg.LEFT), (" r ", Leg.RIGHT), ("right", Leg.RIGHT),
     ("2", Leg.BOTH), ("both", Leg.BOTH), ("", None), ("unknown", None), (None, None),
     ("none", None), ("x", None)],
)  # fmt: skip
def test_parse_reads_every_spelling(text: str | None, leg: Leg | None) -> None:
    assert Leg.parse(text) is leg


def test_codes_words_and_the_other_leg() -> None:
    assert [leg.code for leg in Leg] == ["l", "r", "both"]
    assert Leg.LEFT.other is Leg.RIGHT and Leg.RIGHT.other is Leg.LEFT
    assert Leg.BOTH.other is Leg.BOTH and not Leg.BOTH.one_side
    assert (Leg.LEFT.words, Leg.BOTH.words) == ("left leg", "both legs")


def test_the_journal_parses_through_it() -> None:
    assert [parse_leg(t) for t in ("left", "R", "2", "unknown", "")] == [
        "l",
        "r",
        "both",
        "unknown",
        "unknown",
    ]
    with pytest.raises(LogEntryError):
        parse_leg("middle")
