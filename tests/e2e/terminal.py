"""Drive a terminal program in a real pseudo-terminal and read its screen through pyte.

Used by the end-to-end tests and by the benchmarks in tests/bench. The program runs in its own
session (ptyprocess calls setsid), so ``close()`` can kill its whole process group.

A background thread reads everything the program writes, feeds it to a pyte screen and keeps a
short history of (arrival time, screen text) so that ``wait_for`` can report when a text *first*
appeared, even if the caller only started looking after it was drawn.
"""

from __future__ import annotations

import os
import re
import signal as signals
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyte
from ptyprocess import PtyProcess

# What a real xterm sends for each key name that tests use (normal cursor-key mode).
KEYS: dict[str, str] = {
    "enter": "\r",
    "space": " ",
    "escape": "\x1b",
    "tab": "\t",
    "backspace": "\x7f",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
}

Pattern = str | re.Pattern[str]

# Screen states kept for timing; a start-up produces a few dozen, so this is plenty.
HISTORY_SIZE = 1024


def key_bytes(key: str) -> bytes:
    """The bytes a terminal sends for a key name: "enter", "ctrl+c", "q", ..."""
    if key in KEYS:
        return KEYS[key].encode()
    if key.startswith("ctrl+") and len(key) == 6 and key[5].isalpha():
        # Control characters are the letter's code with the top bits cleared: ctrl+c is 0x03.
        return bytes([ord(key[5].lower()) & 0x1F])
    if len(key) == 1:
        return key.encode()
    raise ValueError(f"unknown key name {key!r}; known: {sorted(KEYS)}, ctrl+<letter>, one char")


def matches(pattern: Pattern, text: str) -> bool:
    """A plain string matches as a substring; a compiled regex with ``search``."""
    if isinstance(pattern, str):
        return pattern in text
    return pattern.search(text) is not None


class _AnsweringScreen(pyte.Screen):
    """A pyte screen whose replies to terminal queries go back to the program.

    pyte already knows how to answer device attributes (CSI c) and cursor position / status
    reports (CSI 6n, CSI 5n); by default it throws the answer away. A program that waits for
    one of these (many TUIs ask for the cursor position) would otherwise hang.
    """

    def __init__(self, columns: int, lines: int, reply: Callable[[str], None]) -> None:
        super().__init__(columns, lines)
        self._reply = reply

    def write_process_input(self, data: str) -> None:
        self._reply(data)


class _ForgivingStream(pyte.ByteStream):
    """A pyte byte stream that skips a sequence it chokes on instead of losing the chunk.

    pyte resets its parser and re-raises when a handler fails, which would drop the rest of
    the chunk being fed. Textual emits sequences pyte does not know (kitty keyboard protocol,
    DECRQM queries); today pyte ignores them quietly, but a future one must not blank the screen.
    """

    errors: int = 0

    def _send_to_parser(self, data: str) -> bool | None:
        try:
            return super()._send_to_parser(data)
        except Exception:
            # The parser has been reset to its initial state, which is "taking plain text".
            self.errors += 1
            return True


class Terminal:
    """A program running in a pseudo-terminal of a given size, with its screen readable."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        cols: int = 80,
        rows: int = 24,
        cwd: str | os.PathLike[str] | None = None,
    ) -> None:
        """Start ``argv``. ``env`` is added on top of the current environment."""
        self.argv = list(argv)
        self._lock = threading.Condition()
        self._write_lock = threading.Lock()
        self._screen = _AnsweringScreen(cols, rows, self._write_text)
        self._stream = _ForgivingStream(self._screen)
        self._history: deque[tuple[float, str]] = deque(maxlen=HISTORY_SIZE)
        self._eof = False
        self.bytes_read = 0
        self.started = time.monotonic()
        self._last_read = self.started
        self._proc = PtyProcess.spawn(
            self.argv, env=_child_env(env), dimensions=(rows, cols), cwd=cwd
        )
        self._proc.delayafterclose = 0.0  # ptyprocess sleeps 0.1 s in close() by default
        self.pid: int = self._proc.pid
        self._reader = threading.Thread(target=self._read_loop, name="pty-reader", daemon=True)
        self._reader.start()

    # -- reading the screen ---------------------------------------------------------------

    def _read_loop(self) -> None:
        """Feed every chunk to pyte as it arrives, stamping the screen with the arrival time."""
        fd = self._proc.fd
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""  # EIO: every holder of the pty's other side has closed it
            arrived = time.monotonic() - self.started
            if not data:
                break
            with self._lock:
                self._last_read = time.monotonic()
                self.bytes_read += len(data)
                self._stream.feed(data)
                text = self._render()
                if not self._history or self._history[-1][1] != text:
                    self._history.append((arrived, text))
                self._lock.notify_all()
        with self._lock:
            self._eof = True
            self._lock.notify_all()

    def _render(self) -> str:
        return "\n".join(line.rstrip() for line in self._screen.display)

    def text(self) -> str:
        """The screen now, one line per row, trailing spaces stripped."""
        with self._lock:
            return self._render()

    def lines(self) -> list[str]:
        return self.text().split("\n")

    @property
    def parse_errors(self) -> int:
        """How many escape sequences pyte failed on (and the harness skipped)."""
        return self._stream.errors

    def _first_seen(self, pattern: Pattern) -> float:
        """When the pattern began to be continuously on screen (seconds since spawn)."""
        seen = self._history[-1][0] if self._history else 0.0
        for arrived, text in reversed(self._history):
            if not matches(pattern, text):
                break
            seen = arrived
        return seen

    def wait_for_any(self, patterns: Sequence[Pattern], timeout: float = 10.0) -> tuple[int, float]:
        """Wait until one of the patterns is on screen; return (its index, seconds since spawn).

        Fails at once, with the screen, if the program exits without drawing any of them.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                screen = self._render()
                for index, pattern in enumerate(patterns):
                    if matches(pattern, screen):
                        return index, self._first_seen(pattern)
                remaining = deadline - time.monotonic()
                if self._eof or remaining <= 0:
                    why = "the program exited" if self._eof else f"{timeout:.1f} s passed"
                    raise AssertionError(self._failure(patterns, why, screen))
                self._lock.wait(remaining)

    def wait_for(self, pattern: Pattern, timeout: float = 10.0) -> float:
        """Wait until ``pattern`` is on screen; return seconds from spawn to its first frame."""
        return self.wait_for_any([pattern], timeout)[1]

    def wait_for_all(self, patterns: Sequence[Pattern], timeout: float = 10.0) -> str:
        """Wait until every pattern is on one and the same screen; return that screen.

        Textual paints a new screen in several writes, so a text read right after one pattern
        appeared can still be half the old screen: check everything a screen must show here,
        never with an ``assert ... in term.text()`` straight after ``wait_for``.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                screen = self._render()
                if all(matches(pattern, screen) for pattern in patterns):
                    return screen
                remaining = deadline - time.monotonic()
                if self._eof or remaining <= 0:
                    why = "the program exited" if self._eof else f"{timeout:.1f} s passed"
                    missing = [p for p in patterns if not matches(p, screen)]
                    raise AssertionError(self._failure(missing, why, screen))
                self._lock.wait(remaining)

    def settled(self, quiet: float = 0.2, timeout: float = 10.0) -> str:
        """The screen once the program has written nothing for ``quiet`` seconds: a whole frame,
        not one caught half-way through a repaint. A ticking countdown still leaves such gaps."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                now = time.monotonic()
                if self._eof or now - self._last_read >= quiet:
                    return self._render()
                if now >= deadline:
                    why = f"never quiet for {quiet} s"
                    raise AssertionError(self._failure([], why, self._render()))
                self._lock.wait(min(quiet - (now - self._last_read), deadline - now))

    def _failure(self, patterns: Sequence[Pattern], why: str, screen: str) -> str:
        wanted = " or ".join(repr(p.pattern if isinstance(p, re.Pattern) else p) for p in patterns)
        wanted = wanted or "a settled screen"
        rule = "-" * self._screen.columns
        return (
            f"{wanted} not on screen: {why} ({' '.join(self.argv)}; "
            f"{self.bytes_read} bytes read, exit status {self.exit_status()})\n"
            f"{rule}\n{screen}\n{rule}"
        )

    # -- talking to the program -----------------------------------------------------------

    def _write_text(self, data: str) -> None:
        self.write(data.encode())

    def write(self, data: bytes) -> None:
        """Send raw bytes as if typed. Locked: the reader thread also writes query replies."""
        with self._write_lock:
            os.write(self._proc.fd, data)

    def press(self, *keys: str) -> None:
        """Press keys by name, one after the other."""
        for key in keys:
            self.write(key_bytes(key))

    def type_text(self, text: str) -> None:
        """Send text as if typed, character by character in one write."""
        self.write(text.encode())

    def resize(self, cols: int, rows: int) -> None:
        """Resize the pty (the kernel sends SIGWINCH to the program) and the pyte screen."""
        with self._lock:
            self._screen.resize(rows, cols)
            self._proc.setwinsize(rows, cols)

    def signal(self, sig: int) -> None:
        """Send a signal to the program itself (not its group)."""
        os.kill(self.pid, sig)

    # -- the process ----------------------------------------------------------------------

    def exit_status(self) -> int | None:
        """The exit code, minus the signal number if a signal ended it, None while running."""
        if self._proc.isalive():
            return None
        if self._proc.exitstatus is not None:
            return int(self._proc.exitstatus)
        return -int(self._proc.signalstatus)

    def wait_exit(self, timeout: float = 10.0) -> int | None:
        """Wait for the program to end; return its exit status, or None if it is still running."""
        deadline = time.monotonic() + timeout
        while (status := self.exit_status()) is None and time.monotonic() < deadline:
            time.sleep(0.005)
        return status

    def process_tree(self) -> list[int]:
        """The program's pid and its living descendants' pids."""
        return [self.pid, *descendants(self.pid)]

    def peak_memory_kb(self) -> int:
        """Peak resident memory (VmHWM) of the program plus its living descendants, in KiB."""
        return sum(proc_status_kb(pid, "VmHWM") for pid in self.process_tree())

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the program and its descendants."""
        return sum(proc_cpu_seconds(pid) for pid in self.process_tree())

    def close(self, grace: float = 1.0) -> int | None:
        """End the program's process group: SIGTERM, then SIGKILL after ``grace`` seconds."""
        if self.exit_status() is None:
            self._kill_group(signals.SIGTERM)
            if self.wait_exit(grace) is None:
                self._kill_group(signals.SIGKILL)
                self.wait_exit(grace)
        # Children may still hold the pty open; they are in the same group, so kill them too.
        self._kill_group(signals.SIGKILL)
        self._reader.join(timeout=grace)
        self._proc.close(force=True)
        return self.exit_status()

    def _kill_group(self, sig: int) -> None:
        try:
            os.killpg(self.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass  # the whole group has already gone

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _child_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    """The current environment, a terminal pyte can follow, and no size overrides."""
    env = dict(os.environ)
    # COLUMNS/LINES would win over the pty's real size in most programs (shutil, Textual).
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env["TERM"] = "xterm-256color"
    env.update(extra or {})
    return env


# -- /proc readers, shared with the benchmarks ------------------------------------------------


def descendants(pid: int) -> list[int]:
    """Living descendants of ``pid``, found through /proc/PID/task/TID/children."""
    found: list[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue  # the task ended while we looked
            found.extend(children)
            pending.extend(children)
    return found


def proc_status_kb(pid: int, field: str) -> int:
    """A "kB" field of /proc/PID/status, or 0 if the process has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICKS = os.sysconf("SC_CLK_TCK")


def proc_cpu_seconds(pid: int) -> float:
    """utime + stime + cutime + cstime of a process, in seconds; 0 if it has gone.

    Counting the reaped-children fields too means a helper that ran and exited is not lost.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    # The command name is in parentheses and may contain spaces: split after the last ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return (utime + stime + cutime + cstime) / _TICKS
