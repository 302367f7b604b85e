"""Text from files, settings, paths and the journal is data: what a terminal must never act on.

A routine file may hold `"\\e]0;title\\a"`, an OSC 52 clipboard write or a right-to-left override; a
file name may hold bytes that are not UTF-8 (Python keeps them as lone surrogates). Printed raw,
any of these acts on the user's terminal. `printable` turns each into a visible escape (`\\x1b`,
`\\u202e`), so the text still shows what the file holds and nothing reaches the terminal raw.
Markup is the UI's job (it shows this text with markup off); this module only knows characters.
"""

from __future__ import annotations

import re

# C0 controls and DEL, C1 controls, bidi embeddings/overrides/isolates and marks, the line and
# paragraph separators, and lone surrogates (undecodable bytes of a file name).
_UNSAFE = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff"
)
_UNSAFE_LINE = re.compile(f"[{_UNSAFE}\t\n]")  # one line: tab and newline escaped too
_UNSAFE_LINES = re.compile(f"[{_UNSAFE}]")  # several lines: tab and newline kept


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code == 0x09:
        return "\\t"
    if code == 0x0A:
        return "\\n"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """One line that is safe to show: every control, bidi or undecodable character escaped."""
    return _UNSAFE_LINE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Like printable, but tab and newline stay: for instructions shown over several lines."""
    return _UNSAFE_LINES.sub(_escape, text)


def unsafe_character(text: str, *, lines: bool = False) -> tuple[int, str] | None:
    """The offset and escaped form of the first character printable would change, or None.

    `lines=True` allows tab and newline (where a value may have several lines)."""
    found = (_UNSAFE_LINES if lines else _UNSAFE_LINE).search(text)
    if found is None:
        return None
    return found.start(), _escape(found)
