"""The start-up baseline: the least a Textual app can do to show a cramp instruction.

One line of text with the word "toes" and a 0:30 Digits clock, centred; q quits. Nothing else is
imported, so its first frame is the floor any Textual-based `coach now` can reach.
"""

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static


class BareApp(App[None]):
    # Centred, so a resize visibly moves the text (the harness tests rely on that).
    CSS = """
    Screen { align: center middle; }
    Static, Digits { width: auto; }
    """
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Pull your toes up towards your knee.")
        yield Digits("0:30")


if __name__ == "__main__":
    BareApp().run()
