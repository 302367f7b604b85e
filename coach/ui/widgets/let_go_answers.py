"""The answer to "has it let go?" as two large targets, side by side: one hand on the foot, the
other taps without aiming. They take no focus, so Enter and the y / n keys mean what they
always mean; a tap does what the key does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from coach.ui.widgets.tap_button import TapButton


class LetGoAnswers(Horizontal):
    DEFAULT_CSS = """
    LetGoAnswers {
        display: none;
        height: auto;
        margin-top: 1;
    }
    LetGoAnswers TapButton {
        width: 1fr;
        height: 5;
        margin: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield TapButton("y  Yes, it has let go", id="let-go-yes")
        yield TapButton("n  No, stretch again", id="let-go-no")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.app.run_action("yes" if event.button.id == "let-go-yes" else "no", self.screen)
