"""How a plain key is shown in the key bar ("question_mark" -> "?"), without Textual's look-up.

Textual's App.get_key_display finds a key's character with unicodedata.lookup, and the first
look-ups page ~0.7 MiB of the Unicode name database into `coach now`'s memory (issue 20.4, P4;
tests/bench/memory_at.py). For the printable ASCII keys the answer never changes, so it is kept
here. tests/unit/test_key_display.py compares every entry with Textual's own format_key and
checks that every ASCII punctuation key is here, so the day Textual shows one differently it
fails. Keys with modifiers, and any key not here, still go to Textual.
"""

from __future__ import annotations

# Textual's names of the printable ASCII punctuation keys, and the character each is shown as.
PUNCTUATION = {
    "exclamation_mark": "!",
    "quotation_mark": '"',
    "number_sign": "#",
    "dollar_sign": "$",
    "percent_sign": "%",
    "ampersand": "&",
    "apostrophe": "'",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "asterisk": "*",
    "plus": "+",
    "comma": ",",
    "minus": "-",
    "full_stop": ".",
    "slash": "/",
    "colon": ":",
    "semicolon": ";",
    "less_than_sign": "<",
    "equals_sign": "=",
    "greater_than_sign": ">",
    "question_mark": "?",
    "at": "@",
    "left_square_bracket": "[",
    "backslash": "\\",
    "right_square_bracket": "]",
    "circumflex_accent": "^",
    "underscore": "_",
    "grave_accent": "`",
    "left_curly_bracket": "{",
    "vertical_line": "|",
    "right_curly_bracket": "}",
    "tilde": "~",
}


def own_display(key: str, given: str | None) -> str | None:
    """The app's text for a bound key, or None to leave it to Textual (the binding's own
    `key_display` wins there). Enter is the word the screens use ("press Enter"), not ⏎."""
    if given:
        return None
    if key == "enter":
        return "Enter"
    return plain_key_display(key)


def plain_key_display(key: str) -> str | None:
    """The key bar's text for an ASCII letter, digit or punctuation key; None for the rest."""
    if len(key) == 1 and key.isascii() and key.isalnum():
        return key
    return PUNCTUATION.get(key)
