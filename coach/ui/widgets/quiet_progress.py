"""A ProgressBar that repaints only when told to.

Textual's ProgressBar starts a once-a-second interval on mount to refresh its ETA. The player
shows no ETA and sets the progress itself whenever it wakes, so that interval only woke the app
twice a second (two bars) and painted the bar in a frame of its own, apart from the countdown's.
"""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    def on_mount(self, event: events.Mount) -> None:
        # Stops ProgressBar.on_mount (the ETA interval). The only other mount handler in the MRO
        # is Widget._on_mount, which shows scrollbars set to `scroll`: a bar has none.
        event.prevent_default()
        self.update()
