"""What the terminal can draw."""

from __future__ import annotations

import sys


def draws_box_glyphs() -> bool:
    """Whether the stream Textual draws on can encode the Digits' box-drawing characters
    (a Latin-1 locale cannot: Textual would print them as \\u escapes)."""
    encoding = getattr(sys.__stderr__, "encoding", None) or "utf-8"
    try:
        "┏━┓".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
