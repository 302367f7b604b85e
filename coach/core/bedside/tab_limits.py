"""What one `coach serve` may be asked for: the size of a tab's terminal, and how many tabs.

Issue 22: `["resize", {"width": 100000, "height": 100000}]` grew a tab's process to about 2 GB;
negative or text sizes crashed it; 15 tabs took 636 MB. A size a real screen can have is taken
as it is, anything else is refused (the tab keeps its size); past MAX_TABS a new tab is refused.
"""

from __future__ import annotations

MAX_COLUMNS, MAX_ROWS = 1000, 400  # a wall of 8K screens at a small font is still less
MAX_TABS = 8  # each tab is a whole coach process (about 40 MB)


def screen_size(width: object, height: object) -> tuple[int, int] | None:
    """(columns, rows) when both are whole numbers a screen can have; None to refuse."""
    sizes = []
    for value, most in ((width, MAX_COLUMNS), (height, MAX_ROWS)):
        if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 5:
            value = int(value.strip())  # the page's URL carries them as text
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            return None
        sizes.append(value)
    return sizes[0], sizes[1]
