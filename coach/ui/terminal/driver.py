"""A Linux driver that does not clear the screen the early paint already drew on.

Textual enters the alternate screen with `ESC[?1049h`, which clears it. When `coach now` has
already entered it and drawn the first instruction (coach/early_paint.py), dropping that one
sequence keeps the words on screen until Textual's first frame replaces them in place.
It reads keys as every run on a terminal does: without waking while idle (quiet_input.py).
"""

from __future__ import annotations

from coach.ui.terminal.quiet_input import QuietInputDriver

ALT_SCREEN_ON = "\x1b[?1049h"


class KeepEarlyPaintDriver(QuietInputDriver):
    _dropped = False

    def write(self, data: str) -> None:
        if not self._dropped and ALT_SCREEN_ON in data:
            self._dropped = True
            data = data.replace(ALT_SCREEN_ON, "", 1)
            if not data:
                return
        super().write(data)
