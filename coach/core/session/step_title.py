"""The player's title row for a step, in its own module because the cramp path needs it.

The early paint (coach/early_paint.py) writes these words before Textual starts, and the player
(player_view.py) draws the same words in the same place. player_view pulls in the session
machine, its events and the progress maths (~5 ms of imports before the first paint): this
module pulls in nothing.
"""

from __future__ import annotations


def step_title(name: str, index: int, total: int) -> str:
    """The title row: the step's name and where it stands, e.g. "Calf stretch  ·  step 1 of 4"."""
    return f"{name}  ·  step {index + 1} of {total}"
