"""Tests of the pty + pyte harness itself, against tiny scripts and the bare Textual app.

No tmux, no audio: only a pseudo-terminal, so these run in CI.
"""

from __future__ import annotations

import re
import signal
import sys
import time
from pathlib import Path

import pytest

from .terminal import Terminal, key_bytes

pytestmark = pytest.mark.e2e

BARE_APP = Path(__file__).resolve().parents[1] / "bench" / "bare_app.py"

# Echoes each key it reads in raw mode as its repr, until it reads "q".
ECHO_KEYS = r"""
import os, sys, tty
tty.setraw(0)
print("ready", end="\r\n", flush=True)
while True:
    data = os.read(0, 32)
    print("got " + repr(data), end="\r\n", flush=True)
    if data == b"q":
        sys.exit(3)
"""

# Prints its terminal size at start and on every SIGWINCH.
SHOW_SIZE = r"""
import os, signal, time
def show(*_):
    size = os.get_terminal_size(0)
    print(f"size {size.columns}x{size.lines}", flush=True)
signal.signal(signal.SIGWINCH, show)
show()
while True:
    time.sleep(1)
"""

# Asks for the cursor position and device attributes, as some TUIs do, and prints the replies.
ASK_TERMINAL = r"""
import os, sys, tty
tty.setraw(0)
def ask(query, end):
    os.write(1, query)
    reply = b""
    while not reply.endswith(end):
        reply += os.read(0, 1)
    return reply
position = ask(b"\x1b[3;5H\x1b[6n", b"R")
attributes = ask(b"\x1b[c", b"c")
print("\r\nreplies " + repr(position) + " " + repr(attributes), end="\r\n", flush=True)
"""


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_text_appears_and_exit_code_is_read() -> None:
    with Terminal(python("print('hello toes'); raise SystemExit(7)")) as term:
        seconds = term.wait_for("hello toes", timeout=10)
        assert 0 < seconds < 10
        assert term.wait_exit(timeout=10) == 7
        assert term.lines()[0] == "hello toes"


def test_wait_for_reports_when_the_text_first_appeared_not_when_asked() -> None:
    with Terminal(python("print('early', flush=True); import time; time.sleep(30)")) as term:
        term.wait_for("early")
        time.sleep(0.5)
        first = term.wait_for("early")
        assert first < time.monotonic() - term.started - 0.4


def test_wait_for_accepts_a_regex_and_wait_for_any_says_which() -> None:
    with Terminal(python("print('count 42', flush=True); import time; time.sleep(30)")) as term:
        assert term.wait_for(re.compile(r"count \d+")) > 0
        index, _ = term.wait_for_any(["nope", re.compile(r"\b42\b")], timeout=5)
        assert index == 1


def test_timeout_fails_with_the_screen_dump() -> None:
    with Terminal(python("print('something else', flush=True); import time; time.sleep(30)")) as t:
        t.wait_for("something else")
        with pytest.raises(AssertionError, match=r"(?s)'toes' not on screen.*something else"):
            t.wait_for("toes", timeout=0.3)


def test_exit_without_the_text_fails_at_once() -> None:
    with Terminal(python("print('bye')")) as term:
        began = time.monotonic()
        with pytest.raises(AssertionError, match="the program exited"):
            term.wait_for("toes", timeout=20)
        assert time.monotonic() - began < 10


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("x", b"x"),
        ("enter", b"\r"),
        ("space", b" "),
        ("tab", b"\t"),
        ("escape", b"\x1b"),
        ("up", b"\x1b[A"),
        ("down", b"\x1b[B"),
        ("right", b"\x1b[C"),
        ("left", b"\x1b[D"),
        ("ctrl+c", b"\x03"),
    ],
)
def test_keys_arrive_as_a_terminal_sends_them(key: str, expected: bytes) -> None:
    with Terminal(python(ECHO_KEYS)) as term:
        term.wait_for("ready")
        term.press(key)
        term.wait_for(f"got {expected!r}", timeout=10)
        term.press("q")
        assert term.wait_exit(timeout=10) == 3


def test_unknown_key_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        key_bytes("hyper+q")


def test_resize_reaches_the_program() -> None:
    with Terminal(python(SHOW_SIZE), cols=80, rows=24) as term:
        term.wait_for("size 80x24")
        term.resize(100, 30)
        term.wait_for("size 100x30", timeout=10)
        assert term.text().count("\n") == 29  # pyte's screen has the new height too


def test_signal_and_close() -> None:
    term = Terminal(python("import time; print('up', flush=True); time.sleep(30)"))
    try:
        term.wait_for("up")
        term.signal(signal.SIGTERM)
        assert term.wait_exit(timeout=10) == -signal.SIGTERM
    finally:
        term.close()


def test_close_kills_a_program_that_ignores_sigterm() -> None:
    code = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('up', flush=True); time.sleep(30)"  # noqa: E501
    term = Terminal(python(code))
    term.wait_for("up")
    assert term.close(grace=0.3) == -signal.SIGKILL


def test_terminal_queries_are_answered() -> None:
    with Terminal(python(ASK_TERMINAL)) as term:
        term.wait_for_all(["replies", r"b'\x1b[3;5R' b'\x1b[?6c'"], timeout=10)


def test_env_is_added_and_term_is_set() -> None:
    code = "import os; print(os.environ['TERM'], os.environ['COACH_X'], 'COLUMNS' in os.environ)"
    with Terminal(python(code), env={"COACH_X": "yes"}) as term:
        term.wait_for("xterm-256color yes False")


def test_bare_textual_app_draws_resizes_and_quits_on_q() -> None:
    with Terminal([sys.executable, str(BARE_APP)], cols=80, rows=24) as term:
        term.wait_for_all(["toes", "╭─╮"], timeout=30)  # ╭─╮: the Digits clock
        column = _column_of("toes", term.settled())
        term.resize(120, 24)
        # The text is centred: 40 more columns move it 20 to the right.
        deadline = time.monotonic() + 10
        while _column_of("toes", term.text()) != column + 20:
            assert time.monotonic() < deadline, term.text()
            time.sleep(0.02)
        term.press("q")
        assert term.wait_exit(timeout=10) == 0
        assert term.parse_errors == 0


def _column_of(word: str, screen: str) -> int:
    for line in screen.split("\n"):
        if word in line:
            return line.index(word)
    return -1


def test_wait_for_all_waits_for_one_screen_with_every_pattern() -> None:
    code = "import time; print('first', flush=True); time.sleep(0.3); print('second', flush=True); time.sleep(5)"  # noqa: E501
    with Terminal(python(code)) as term:
        term.wait_for("first")
        screen = term.wait_for_all(["first", "second"], timeout=5)
        assert "first" in screen and "second" in screen
        with pytest.raises(AssertionError, match="'third' not on screen"):
            term.wait_for_all(["first", "third"], timeout=0.3)


def test_settled_returns_only_after_the_program_goes_quiet() -> None:
    code = "import time\nfor i in range(5):\n    print('line', i, flush=True); time.sleep(0.05)\ntime.sleep(5)"  # noqa: E501
    with Terminal(python(code)) as term:
        term.wait_for("line 0")
        assert "line 4" in term.settled(quiet=0.3)
