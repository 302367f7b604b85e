"""Issue 23: a line that says "press Enter" has Enter on the key bar beside it."""

from __future__ import annotations

from .helpers import footer, make_app, routine_from_text, visible_text, wait_for_text, wait_until

REPS_THEN_HOLD = """\
name: Pumps then a hold
kind: prevention
steps:
  - name: Ankle pumps
    instructions: Point and flex the foot.
    reps: 10
  - name: Calf
    instructions: Lean on the wall.
    hold: 20s
"""


async def test_enter_is_on_the_key_bar_where_it_acts() -> None:
    app, _, _ = make_app(routine_from_text(REPS_THEN_HOLD))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_text(pilot, "Press Enter when done")
        await wait_until(pilot, lambda: " Enter Done " in footer(app), "Enter Done on the bar")
        assert "⏎" not in visible_text(app)
        await pilot.press("enter")
        await wait_for_text(pilot, "Lean on the wall")
        await wait_until(pilot, lambda: "Enter" not in footer(app), "no Enter on a hold")
