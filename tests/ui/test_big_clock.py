from __future__ import annotations

from coach.ui.widgets.big_clock import BigClock, big_rows

from .helpers import advance, make_app, player, relief, wait_for_text


def test_big_rows_draw_five_rows_two_cells_a_pixel() -> None:
    rows = big_rows("0:30")
    assert rows is not None and len(rows) == 5
    assert len({len(row) for row in rows}) == 1  # a clean block
    assert rows[0].startswith("████████")  # the 0's top bar: four pixels, eight cells
    assert big_rows("1h") is None  # no glyph: plain Digits draw it


async def test_the_countdown_grows_on_a_large_terminal_and_shrinks_back() -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_text(pilot, "toes")
        widget = player(app).query_one("#clock", BigClock)
        assert widget.big and widget.size.height == 10  # room for twice the size
        await advance(pilot, clock, 3)
        assert widget.value == "0:27"
        await pilot.resize_terminal(80, 24)  # the usual terminal: still room for the big digits
        await pilot.pause()
        assert widget.big and widget.size.height == 5
        await pilot.resize_terminal(59, 40)  # too narrow for block digits
        await pilot.pause()
        assert not widget.big and widget.size.height == 3
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert widget.big and widget.size.height == 10
        await pilot.resize_terminal(200, 50)  # grows with the window, and centres
        await pilot.pause()
        assert widget.big and widget.size.height == 20
        assert player(app).has_class("roomy")


def test_big_rows_scale_up() -> None:
    rows = big_rows("0:30", 3)
    assert rows is not None and len(rows) == 15
    assert len(rows[0]) == 3 * len(big_rows("0:30")[0])  # type: ignore[index]
