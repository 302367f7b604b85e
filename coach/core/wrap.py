"""Text wrapped to a width the way a person reads it: a wrapped line keeps its indent.

Textual wraps a long line back to the left edge, so a bullet's second line sits under the dash
and a key's description under the key. Here each line of a text is wrapped on its own; its
continuation rows start where its words start: after the indent, after a bullet ("- ", "1. "),
or after a key column ("  n or →   next part": a few words, then two or more spaces). A key of
one or two characters stays with the word after it ("y / n", "! now"), so no row ends in a
lone key.

Widths are terminal cells, not characters: a Japanese or Chinese character takes two cells, a
combining accent none (Rich's tables, the ones Textual draws with). textwrap counts characters,
so a routine named in Japanese overflowed its row; wrap_cells is textwrap.wrap's greedy word
wrap (no hyphen breaks, whitespace dropped at the row ends) measured in cells. Text whose
characters are all one cell wide (NARROW) is measured with len(), so the cramp path's early
paint never imports Rich.
"""

from __future__ import annotations

import re

_GLUE = "\u00a0"  # joins a short key to its neighbour while wrapping; a plain space after
# Leading spaces, then a bullet or a key column of at most three short words and 2+ spaces.
_HANG = re.compile(r"^( *)([-*•] +|\d{1,2}[.)] +|(?:\S{1,12} ){0,2}\S{1,12} {2,})?")


# Characters that always take one cell: printable ASCII and Latin-1 (no soft hyphen), Latin
# Extended, and the common punctuation (‐ – — ‘ ’ “ ” † • … ·); tests/unit/test_wrap.py checks
# each against Rich. Text made only of these is measured with len(), without importing Rich.
NARROW = "\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027"
_NARROW_TEXT = re.compile(f"[{NARROW}]*")


def cell_len(text: str) -> int:
    """Terminal cells `text` takes: len() when each character is one cell, else Rich's count
    (the one Textual draws with)."""
    if _NARROW_TEXT.fullmatch(text):
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def fit_cells(text: str, width: int) -> str:
    """The longest start of `text` that takes at most `width` cells (never half a character)."""
    if _NARROW_TEXT.fullmatch(text):
        return text[: max(width, 0)]
    if width <= 0:
        return ""
    from rich.cells import chop_cells

    return (chop_cells(text, width) or [""])[0]


def wrap_cells(
    text: str, width: int, *, initial_indent: str = "", subsequent_indent: str = ""
) -> list[str]:
    """`text` as rows of at most `width` cells, broken between words where it can be and inside
    a word longer than a row (textwrap.wrap with break_on_hyphens=False, counted in cells)."""
    text = text.expandtabs().translate(_WHITESPACE)
    chunks = [c for c in _WORDS.split(text) if c]
    chunks.reverse()  # popped from the end, as textwrap does
    rows: list[str] = []
    while chunks:
        indent = subsequent_indent if rows else initial_indent
        room = width - cell_len(indent)
        if rows and not chunks[-1].strip():
            chunks.pop()  # a row after the first never starts with the space it broke at
        row: list[str] = []
        used = 0
        while chunks and used + cell_len(chunks[-1]) <= room:
            used += cell_len(chunks[-1])
            row.append(chunks.pop())
        if chunks and cell_len(chunks[-1]) > room:  # a word wider than any row: cut it
            head = fit_cells(chunks[-1], 1 if room < 1 else room - used)
            if not head and not row:
                head = chunks[-1][0]  # a two-cell character in a one-cell row: overflow, move on
            if head:
                row.append(head)
                chunks[-1] = chunks[-1][len(head) :]
                if not chunks[-1]:
                    chunks.pop()
        if row and not row[-1].strip():
            row.pop()
        if row:
            rows.append(indent + "".join(row))
    return rows


_WORDS = re.compile(r"( +)")
_WHITESPACE = {ord(c): " " for c in "\t\n\x0b\x0c\r"}


def hanging_indent(line: str) -> int:
    """Columns a wrapped continuation of `line` starts at."""
    return cell_len(line[: _hang_end(line)])


def _hang_end(line: str) -> int:
    """Characters of `line` before the words its continuation rows line up with."""
    match = _HANG.match(line)
    assert match is not None  # the pattern matches the empty string
    indent, marker = match.group(1), match.group(2) or ""
    if not marker.strip():  # only spaces (or nothing): plain indented text
        return len(indent)
    return len(indent) + len(marker)


def wrap_line(line: str, width: int) -> list[str]:
    """One line (no newline in it) as rows of at most `width` cells where words allow."""
    if width <= 0 or cell_len(line) <= width:
        return [line]
    end = _hang_end(line)
    if (
        cell_len(line[:end]) >= width // 2
    ):  # a key column wider than half the room: indent a little only
        end = len(line) - len(line.lstrip(" "))
    head, body = line[:end], line[end:]
    glued = _glue_short_keys(body)
    rows = wrap_cells(glued, width, initial_indent=head, subsequent_indent=" " * cell_len(head))
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
