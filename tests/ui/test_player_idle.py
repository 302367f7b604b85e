"""An idle countdown changes only what moves: the digits and the bars, not the words around them.

Static.update() asks for a new layout, which repaints the whole screen; Textual's ProgressBar
had a once-a-second timer of its own that painted the bars in a frame apart from the digits.
Both doubled what a countdown cost on a laptop running on battery all night. (What the whole
countdown costs against termdown: tests/bench/idle_cpu.py.)
"""

from __future__ import annotations

import pytest
from textual.widgets import Static

from coach.ui.widgets.line_progress import LineProgress

from .helpers import advance, make_app, player, relief, wait_for_text, wait_until


async def test_a_second_of_countdown_updates_no_text_and_starts_no_timer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_text(pilot, "toes")
        # the countdown starts once the first frame is out (the journal row opens just after)
        await wait_until(pilot, lambda: player(app).recorder is not None, "the countdown began")
        await advance(pilot, clock, 1)
        updated: list[str] = []
        real_update = Static.update

        def counting_update(self: Static, *args: object, **kwargs: object) -> None:
            updated.append(self.id or "?")
            real_update(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Static, "update", counting_update)
        bars = list(player(app).query(LineProgress))
        assert len(bars) == 2
        await advance(pilot, clock, 1)
        assert updated == [], "the same words were set again"
        assert player(app).query_one("#clock").value == "0:28"
        # the bars keep no timer: nothing but the player wakes the screen each second
        assert not [timer for bar in bars for timer in bar._timers], "a bar keeps a timer"
