"""The answer to "has it let go?" as two large targets, side by side under the question: one
hand on the foot, the other taps without aiming. Shown where the window has the rows (a phone
does); in a short one the key bar's "y Yes  n No" are the taps. They take no focus, so Enter
and the y / n keys mean what they always mean."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from coach.ui.widgets.tap_button import TapButton


def answer_height(window_rows: int) -> int:
    """Rows for the answers: 5 in a tall window (a phone), 3 from 30 rows, else none (nothing
    may be pushed below the safety line: tests/ui/test_player_fit.py)."""
    if window_rows >= 40:
        return 5
    return 3 if window_rows >= 30 else 0


class LetGoAnswers(Horizontal):
    DEFAULT_CSS = """
    LetGoAnswers {
        display: none;
        height: auto;
    }
    LetGoAnswers TapButton {
        width: 1fr;
        margin: 0 1 0 0;
    }
    """

    def compose(self) -> ComposeResult:
        yield TapButton("y  Yes, it has let go", id="let-go-yes")
        yield TapButton("n  No, stretch again", id="let-go-no")

    def set_rows(self, rows: int) -> None:
        """0: not shown (not asked, or no room)."""
        self.display = rows > 0
        for button in self.query(TapButton):
            button.styles.height = max(rows, 1)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        await self.app.run_action("yes" if event.button.id == "let-go-yes" else "no", self.screen)
