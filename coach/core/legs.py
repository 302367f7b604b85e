"""Which leg: one set of names for the codes the journal, the record and the screens use.

The journal stores "l", "r", "both" (and "unknown"); steps, the safety record and the screens say
"left", "right", "both". Both spellings, and "2" (the key for both legs), parse here.

    Leg.parse("l") is Leg.LEFT; Leg.LEFT.code == "l"; Leg.LEFT.other is Leg.RIGHT
"""

from __future__ import annotations

from enum import StrEnum


class Leg(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @classmethod
    def parse(cls, text: str | None) -> Leg | None:
        """The leg a code or word names; None for anything else ("", "unknown", "none")."""
        return _BY_TEXT.get((text or "").strip().lower())

    @property
    def code(self) -> str:
        """How the journal stores it: "l", "r" or "both"."""
        return {Leg.LEFT: "l", Leg.RIGHT: "r", Leg.BOTH: "both"}[self]

    @property
    def other(self) -> Leg:
        """The other leg (both stays both)."""
        return {Leg.LEFT: Leg.RIGHT, Leg.RIGHT: Leg.LEFT, Leg.BOTH: Leg.BOTH}[self]

    @property
    def words(self) -> str:
        """ "left leg", "right leg", "both legs"."""
        return "both legs" if self is Leg.BOTH else f"{self.value} leg"

    @property
    def one_side(self) -> bool:
        return self is not Leg.BOTH


_BY_TEXT = {
    "l": Leg.LEFT,
    "left": Leg.LEFT,
    "r": Leg.RIGHT,
    "right": Leg.RIGHT,
    "2": Leg.BOTH,
    "both": Leg.BOTH,
}
