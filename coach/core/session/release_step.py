"""Which technique was running when a cramp let go, as the journal stores it (`release_step`).

The relief routines (cramp-now, cramp-foot) run a stretch that asks "has it let go?" and repeats
on "no", then massage, then walking. A release is filed under one of TECHNIQUES by the step's
exercise (or name) and, for the stretch, the round: the first hold or a repeated one. A user's
own relief routine files unknown steps under "other".
"""

from __future__ import annotations

from coach.core.routines.routine import Step

STRETCH, STRETCH_AGAIN, MASSAGE, WALKING, OTHER = (
    "stretch",
    "stretch-again",
    "massage",
    "walking",
    "other",
)
TECHNIQUES = (STRETCH, STRETCH_AGAIN, MASSAGE, WALKING, OTHER)
LABELS = {
    STRETCH: "the first stretch",
    STRETCH_AGAIN: "a repeated stretch",
    MASSAGE: "massage",
    WALKING: "walking",
    OTHER: "another step",
}


def technique(step: Step, repeats: int = 0) -> str:
    """The technique of a relief step; `repeats`: how many times "no" repeated its hold."""
    words = f"{step.exercise or ''} {step.name}".lower()
    if "massage" in words or " rub" in f" {words}":
        return MASSAGE
    if "walk" in words:
        return WALKING
    if step.until_released or "stretch" in words or "pullback" in words:
        return STRETCH_AGAIN if repeats > 0 else STRETCH
    return OTHER
