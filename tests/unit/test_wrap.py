"""Wrapping with a hanging indent (coach/core/wrap.py)."""

from __future__ import annotations

import pytest

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


# Issue 20: text is laid out by terminal cells. Each of these characters takes two cells.
JAPANESE = "ふくらはぎのストレッチ 足がつったらすぐにつま先を手前に引いてください"


def test_japanese_text_wraps_to_sixteen_cells_not_sixteen_characters() -> None:
    from coach.core.wrap import cell_len

    rows = wrap_line(JAPANESE, 16)
    assert max(cell_len(row) for row in rows) <= 16
    assert "".join(rows).replace(" ", "") == JAPANESE.replace(" ", "")  # nothing lost
    assert rows[0] == "ふくらはぎのスト"  # 8 characters, 16 cells


def test_a_two_cell_character_in_a_one_cell_row_still_moves_on() -> None:
    from coach.core.wrap import wrap_cells

    assert wrap_cells("日本", 1) == ["日", "本"]


def test_ascii_wraps_as_textwrap_did() -> None:
    import textwrap

    from coach.core.wrap import wrap_cells

    text = "Leg straight. Pull your toes and the ball of your foot toward you, then hold it."
    for width in (10, 16, 33, 80):
        assert wrap_cells(text, width) == textwrap.wrap(text, width, break_on_hyphens=False)


def test_the_player_counts_rows_in_cells() -> None:
    from coach.ui.player.fit import text_rows

    assert text_rows("足" * 16, 16) == 2  # 32 cells; textwrap counted 16 characters: one row


def test_the_early_paint_writes_japanese_within_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import re

    from coach.core.wrap import cell_len
    from coach.early_paint import paint_step
    from coach.launch import relief_routine

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "18")  # 16 cells for text: the paint starts at column 2
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.delenv("COACH_EARLY_PAINT", raising=False)
    out = Terminal()
    assert paint_step("足がつったら" * 3, JAPANESE, 3, lambda: relief_routine(False), out)
    written = re.split(r"\x1b\[\d+;2H", out.getvalue())[1:]
    rows = [re.sub(r"\x1b\[[0-9;]*[a-zA-Z]", "", part) for part in written]
    assert len(rows) >= 4 and max(cell_len(row) for row in rows) <= 16


def test_what_is_measured_without_rich_is_one_cell_for_rich_too() -> None:
    import re

    from rich.cells import cell_len as rich_cell_len

    from coach.core.wrap import NARROW

    narrow = re.compile(f"[{NARROW}]")
    chars = [chr(c) for c in range(0x20, 0x2100) if narrow.fullmatch(chr(c))]
    assert len(chars) > 700 and "·" in chars and "—" in chars and "\xad" not in chars
    assert [c for c in chars if rich_cell_len(c) != 1] == []
