"""The writer thread (coach/ui/terminal/writer.py) on pipes: text arrives in order, a terminal
that refuses a write makes later text drop instead of filling a queue nobody empties, and
neither write nor stop waits for ever (issue 26)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from coach.ui.terminal.writer import MAX_QUEUED, THREAD_NAME, TerminalWriter

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pipes and os.write")

HANG = 10.0  # far longer than any bound in the writer: only a real hang reaches it
# More than a pipe holds (64 KiB on Linux): the thread that takes it stays inside os.write.
BLOCK = "x" * (4 * 65536)


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    read_fd, write_fd = os.pipe()
    yield read_fd, write_fd
    for fd in (read_fd, write_fd):
        try:
            os.close(fd)
        except OSError:
            pass


def writer_on(fd: int, limit: int = MAX_QUEUED) -> TerminalWriter:
    return TerminalWriter(os.fdopen(os.dup(fd), "w", encoding="utf-8"), limit=limit)


def returns(job: Callable[[], object]) -> bool:
    """Whether job() comes back (run on a thread, so a hang fails the test instead of it)."""
    thread = threading.Thread(target=job, daemon=True)
    thread.start()
    thread.join(HANG)
    return not thread.is_alive()


def read_all(fd: int) -> bytes:
    os.set_blocking(fd, False)
    data = b""
    try:
        while chunk := os.read(fd, 65536):
            data += chunk
    except BlockingIOError:
        pass
    return data


def test_text_reaches_the_terminal_in_order_and_stop_ends_the_thread(pipe) -> None:
    read_fd, write_fd = pipe
    writer = writer_on(write_fd)
    writer.start()
    for n in range(100):
        writer.write(f"{n};")
    writer.write("é\x1b[?25h")
    writer.stop()
    assert not writer.running
    assert not writer.gone
    assert read_all(read_fd).decode() == "".join(f"{n};" for n in range(100)) + "é\x1b[?25h"


def test_a_terminal_gone_drops_text_instead_of_filling_the_queue(pipe) -> None:
    read_fd, write_fd = pipe
    os.close(read_fd)  # nobody reads: every write now fails (EPIPE), as EIO after a hangup
    writer = writer_on(write_fd, limit=3)
    writer.start()
    writer.write("first frame")

    def many_frames() -> None:
        for n in range(10 * 3):
            writer.write(f"frame {n}")

    assert returns(many_frames)
    assert writer.gone
    assert returns(writer.stop)
    assert not writer.running


def test_a_writer_that_never_started_does_not_hold_the_app(pipe) -> None:
    _, write_fd = pipe
    writer = writer_on(write_fd, limit=2)
    assert returns(lambda: [writer.write("x") for _ in range(5)])
    assert returns(writer.stop)


def test_a_terminal_that_stops_reading_holds_stop_only_for_its_bound(pipe) -> None:
    read_fd, write_fd = pipe
    writer = writer_on(write_fd, limit=2)
    writer.start()
    writer.write(BLOCK)
    writer.write("queued behind it")
    assert returns(lambda: writer.stop(timeout=0.2))
    assert writer.running  # still blocked in its write, a daemon thread: forgotten
    assert writer.gone
    assert returns(lambda: writer.write("after stop"))  # dropped, no wait for room
    read_all(read_fd)  # let the thread's write finish so it can end


def test_abandon_lets_a_write_waiting_for_room_drop_its_text(pipe) -> None:
    read_fd, write_fd = pipe
    writer = writer_on(write_fd, limit=1)
    writer.start()
    writer.write(BLOCK)  # taken by the thread, which blocks on the full pipe
    writer.write("queued")  # waits until the thread took BLOCK: then the queue is full
    waiting = threading.Thread(target=writer.write, args=("one more",), daemon=True)
    waiting.start()
    waiting.join(0.3)
    assert waiting.is_alive()  # a live terminal that is slow: wait for room, as Textual does
    writer.abandon()
    waiting.join(HANG)
    assert not waiting.is_alive()
    read_all(read_fd)
    writer.stop()


def test_the_thread_has_textuals_name(pipe) -> None:
    _, write_fd = pipe
    writer = writer_on(write_fd)
    writer.start()
    assert THREAD_NAME in [thread.name for thread in threading.enumerate()]
    writer.stop()
