"""Wrapping with a hanging indent (coach/core/wrap.py)."""

from __future__ import annotations

from coach.core.wrap import hanging_indent, wrap_line, wrap_text


def test_a_bullet_hangs_under_its_words() -> None:
    rows = wrap_line("  - you have chest or upper-back pain, worse when you breathe in", 30)
    assert rows[0].startswith("  - you have")
    assert all(row.startswith("    ") and row[4] != " " for row in rows[1:])
    assert max(len(row) for row in rows) <= 30


def test_a_key_line_hangs_under_its_description() -> None:
    rows = wrap_line("  y / n   answer the question about whether it let go", 30)
    assert rows[0].startswith("  y / n   answer")
    assert rows[1].startswith(" " * 10) and rows[1][10] != " "


def test_short_keys_stay_with_the_next_word() -> None:
    rows = wrap_line("Leg swollen, red or hot? Chest pain? Press ! now.", 31)
    assert rows[-1] == "Press ! now." or rows[-1].endswith("! now.")
    assert not any(row.rstrip().endswith(" !") for row in rows)


def test_plain_text_and_blank_lines_are_kept() -> None:
    assert wrap_text("one\n\ntwo", 10) == "one\n\ntwo"
    assert hanging_indent("plain words") == 0
    assert hanging_indent("   indented") == 3
    assert hanging_indent("1. first") == 3
    assert wrap_line("short", 0) == ["short"]


def test_a_very_wide_key_column_only_keeps_the_indent() -> None:
    line = "  a-very-long-key    " + "word " * 10
    rows = wrap_line(line.rstrip(), 30)
    assert all(row.startswith("  ") for row in rows[1:])
