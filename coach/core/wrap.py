"""Text wrapped to a width the way a person reads it: a wrapped line keeps its indent.

Textual wraps a long line back to the left edge, so a bullet's second line sits under the dash
and a key's description under the key. Here each line of a text is wrapped on its own; its
continuation rows start where its words start: after the indent, after a bullet ("- ", "1. "),
or after a key column ("  n or →   next part": a few words, then two or more spaces). A key of
one or two characters stays with the word after it ("y / n", "! now"), so no row ends in a
lone key.
"""

from __future__ import annotations

import re
import textwrap

_GLUE = "\u00a0"  # joins a short key to its neighbour while wrapping; a plain space after
# Leading spaces, then a bullet or a key column of at most three short words and 2+ spaces.
_HANG = re.compile(r"^( *)([-*•] +|\d{1,2}[.)] +|(?:\S{1,12} ){0,2}\S{1,12} {2,})?")


def hanging_indent(line: str) -> int:
    """Columns a wrapped continuation of `line` starts at."""
    match = _HANG.match(line)
    assert match is not None  # the pattern matches the empty string
    indent, marker = match.group(1), match.group(2) or ""
    if not marker.strip():  # only spaces (or nothing): plain indented text
        return len(indent)
    return len(indent) + len(marker)


def wrap_line(line: str, width: int) -> list[str]:
    """One line (no newline in it) as rows of at most `width` columns where words allow."""
    if width <= 0 or len(line) <= width:
        return [line]
    hang = hanging_indent(line)
    if hang >= width // 2:  # a key column wider than half the room: indent a little only
        hang = len(line) - len(line.lstrip(" "))
    head, body = line[:hang], line[hang:]
    glued = _glue_short_keys(body)
    rows = textwrap.wrap(
        glued,
        width,
        initial_indent=head,
        subsequent_indent=" " * hang,
        break_on_hyphens=False,
        break_long_words=True,
        drop_whitespace=True,
    )
    return [row.replace(_GLUE, " ") for row in rows] or [line]


def wrap_text(text: str, width: int) -> str:
    """Every line of `text` wrapped with its hanging indent; blank lines kept."""
    return "\n".join(row for line in text.split("\n") for row in wrap_line(line, width))


def _glue_short_keys(text: str) -> str:
    """A word of one or two characters joined to the next by a no-break space."""
    parts = re.split(r"( +)", text)  # words at even places, runs of spaces at odd ones
    for i in range(0, len(parts) - 2, 2):
        if 0 < len(parts[i]) <= 2 and parts[i + 1] == " ":
            parts[i + 1] = _GLUE
    return "".join(parts)
