"""Relief that adapts to what has worked for you, within safe bounds (issue 25).

What may change is only what follows the first stretch: the dorsiflexion stretch (toe pull-back
for the foot) always comes first, because the sources advise it first and the safety line is
read there, and coaching_for (coaching.py) still decides what may be coached at all: this only
changes the order of what it allowed. The setting `adapt: off` turns it off.

Thresholds, from the journal (journal/what_worked.py counts cramps as episodes):
- at least MIN_CRAMPS coached cramps with a let-go noted, else nothing changes;
- CLOSE_OUT_SOONER: the first stretch was enough for at least FIRST_STRETCH_SHARE (80%) of them:
  after "yes, it let go" the routine goes straight to the close-out (its last step);
- MASSAGE_SOONER: stretching (first or repeated) was enough for at most STRETCH_RARELY (30%),
  and massage for at least MASSAGE_USUALLY (70%) of the rest: the first "no" goes on to massage
  instead of a second round of stretching.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.journal.what_worked import NOT_NOTED, WhatWorked
from coach.core.routines.routine import Step
from coach.core.session.release_step import MASSAGE, STRETCH, STRETCH_AGAIN, technique

MIN_CRAMPS = 5
FIRST_STRETCH_SHARE = 0.8
STRETCH_RARELY = 0.3
MASSAGE_USUALLY = 0.7

USUAL, MASSAGE_SOONER, CLOSE_OUT_SOONER = "usual", "massage-sooner", "close-out-sooner"
REASONS = {
    MASSAGE_SOONER: "Your cramps usually ease with massage: it comes sooner (adapt: off to stop).",
    CLOSE_OUT_SOONER: (
        "Your cramps usually ease in the first stretch: once it lets go, straight to the end "
        "(adapt: off to stop)."
    ),
}


@dataclass(frozen=True)
class Adaptation:
    plan: str  # USUAL, MASSAGE_SOONER or CLOSE_OUT_SOONER
    reason: str = ""  # the one line the screen shows; "" for USUAL

    @property
    def adapted(self) -> bool:
        return self.plan != USUAL


def decide(worked: WhatWorked, enabled: bool = True) -> Adaptation:
    """How relief should run for this person (pure: a tally in, a plan out)."""
    noted = worked.let_go - worked.count(NOT_NOTED)
    if not enabled or noted < MIN_CRAMPS:
        return Adaptation(USUAL)
    first = worked.count(STRETCH)
    stretching = first + worked.count(STRETCH_AGAIN)
    if first >= FIRST_STRETCH_SHARE * noted:
        return Adaptation(CLOSE_OUT_SOONER, REASONS[CLOSE_OUT_SOONER])
    rest = noted - stretching
    if stretching <= STRETCH_RARELY * noted and worked.count(MASSAGE) >= MASSAGE_USUALLY * rest:
        return Adaptation(MASSAGE_SOONER, REASONS[MASSAGE_SOONER])
    return Adaptation(USUAL)


def fits(adaptation: Adaptation, steps: tuple[Step, ...]) -> bool:
    """Whether a routine has the shape the plan assumes: a first stretch that asks "has it let
    go?", then massage (for MASSAGE_SOONER) or a close-out after other steps (CLOSE_OUT_SOONER)."""
    if not adaptation.adapted or len(steps) < 2 or not steps[0].until_released:
        return False
    if adaptation.plan == MASSAGE_SOONER:
        return technique(steps[1]) == MASSAGE
    return len(steps) > 2
