"""Wake (coach/ui/terminal/wake.py) calls back on the event loop, and an exception in the
callback ends the app as a Textual timer's would: raised where Textual handles it, not lost."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import Screen

from coach.ui.terminal.wake import Wake


class Waking(Screen[None]):
    def __init__(self, fail: bool) -> None:
        super().__init__()
        self.fail, self.calls = fail, 0
        self.wake = Wake(self, self.woken)

    def woken(self) -> None:
        self.calls += 1
        if self.fail:
            raise ValueError("the callback broke")


class WakingApp(App[None]):
    def __init__(self, fail: bool) -> None:
        super().__init__()
        self.waking = Waking(fail)

    def on_mount(self) -> None:
        self.push_screen(self.waking)


async def test_it_calls_back_once_after_the_delay() -> None:
    app = WakingApp(fail=False)
    async with app.run_test() as pilot:
        app.waking.wake.after(0.01)
        assert app.waking.wake.pending
        for _ in range(100):
            await pilot.pause(0.01)
            if app.waking.calls:
                break
        assert app.waking.calls == 1 and not app.waking.wake.pending


async def test_an_error_in_the_callback_ends_the_app_with_it() -> None:
    app = WakingApp(fail=True)
    with pytest.raises(ValueError, match="the callback broke"):
        async with app.run_test() as pilot:
            app.waking.wake.after(0.01)
            for _ in range(100):
                await pilot.pause(0.01)
    assert app.return_code == 1


async def test_no_call_back_once_the_app_is_exiting() -> None:
    app = WakingApp(fail=False)
    async with app.run_test() as pilot:
        app.waking.wake.after(0.05)
        app.exit()
        await pilot.pause(0.1)
    assert app.waking.calls == 0
