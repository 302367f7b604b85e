"""Control, bidi and undecodable characters become visible escapes; ordinary text is untouched."""

from __future__ import annotations

import os

import pytest

from coach.core.safe_text import printable, printable_lines, unsafe_character


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("a\x9bb", "a\\x9bb"),  # C1 CSI
        ("abc\u202edef", "abc\\u202edef"),  # right-to-left override
        ("x\u2066y\u2069", "x\\u2066y\\u2069"),
        ("two\nlines\tand tab", "two\\nlines\\tand tab"),
        ("\x7f", "\\x7f"),
    ],
)
def test_printable_escapes_what_a_terminal_would_act_on(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_an_undecodable_file_name_shows_its_byte() -> None:
    name = os.fsdecode(b"caf\xe9.yaml")  # how Python keeps a Latin-1 name under a UTF-8 locale
    assert printable(name) == "caf\\xe9.yaml"
    printable(name).encode("utf-8")  # and it can be written anywhere


@pytest.mark.parametrize("text", ["Calves [/]", "Wadenkrämpfe 😖", "日本語", "a - b (c) +1"])
def test_ordinary_text_and_markup_look_alikes_are_untouched(text: str) -> None:
    assert printable(text) == text and unsafe_character(text) is None


def test_lines_keep_newline_and_tab_but_not_escapes() -> None:
    assert printable_lines("one\n\ttwo\x1b[31m") == "one\n\ttwo\\x1b[31m"
    assert unsafe_character("one\ntwo", lines=True) is None
    assert unsafe_character("one\ntwo") == (3, "\\n")
    assert unsafe_character("ok\u202e", lines=True) == (2, "\\u202e")
