"""The serve token: any value a request carries is compared without raising, and no log line
repeats the token (issue 22: `?token=%C3%A9` raised inside compare_digest, a 500 and a traceback
with the real token in its locals; every access-log line carried the token)."""

from __future__ import annotations

import logging
import sys

import pytest

from coach.core.bedside.access import hide_token, new_token, refusal, tokens_match

pytest.importorskip("aiohttp")

TOKEN = new_token()


@pytest.mark.parametrize("given", ["é", "\udcff", "\x00", "", "ü" * 100, TOKEN + "é", TOKEN[:-1]])
def test_an_odd_token_is_refused_not_raised(given: str) -> None:
    assert tokens_match(given, TOKEN) is False
    why = refusal(token=TOKEN, given_token=given, host_header="192.0.2.1:8000", origin=None)
    assert why is not None and "token is needed" in why


def test_the_right_token_still_matches() -> None:
    assert tokens_match(TOKEN, TOKEN)
    assert (
        refusal(token=TOKEN, given_token=TOKEN, host_header="192.0.2.1:8000", origin=None) is None
    )


def test_the_token_is_hidden_from_text() -> None:
    line = f'"GET /?token={TOKEN} HTTP/1.1" 200 then "GET /ws/{TOKEN} HTTP/1.1"'
    assert TOKEN not in hide_token(line, TOKEN) and hide_token(line, TOKEN).count("<token>") == 2
    assert hide_token(line, None) == line


def test_the_server_log_hides_the_token_in_lines_and_tracebacks() -> None:
    from coach.serve import _TokenHidden

    formatter = _TokenHidden(TOKEN)
    record = logging.LogRecord(
        "aiohttp.access", logging.INFO, __file__, 1, "GET /ws/%s", (TOKEN,), None
    )
    assert formatter.format(record) == "GET /ws/<token>"
    try:
        secret = TOKEN  # noqa: F841 - a local a traceback with locals would show
        raise ValueError(f"bad {TOKEN}")
    except ValueError:
        failed = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    text = formatter.format(failed)
    assert "ValueError: bad <token>" in text and TOKEN not in text
