"""Routine file bytes -> checked text: the guards that run before any YAML is parsed.

A regular file only (a FIFO or device would block), at most MAX_BYTES, UTF-8 without a BOM, none
of the characters YAML forbids. Every problem is a SourceError carrying a 1-based line and column.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 1024 * 1024  # a routine is a few KiB; the exercise library maybe 100 KiB
# Characters YAML forbids (the set libyaml's reader checks), found before parsing. The full
# class costs ~7 ms to compile, so ASCII text (the usual case) gets a cheap one.
_FORBIDDEN_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORBIDDEN_ANY = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    key_path: str
    message: str


class SourceError(Exception):
    """A problem that stops reading the file (the only kind `read_source` and `decode` raise)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def fatal(message: str, line: int = 1, column: int = 1, key_path: str = "") -> SourceError:
    return SourceError(Problem(line, column, key_path, message))


def read_source(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES; SourceError says why not."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise fatal("expected a routine file, got a folder")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise fatal("expected a regular file, got a device or pipe")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise fatal("no such file") from None
    except PermissionError:
        raise fatal("cannot read the file: permission denied") from None
    except OSError as err:
        raise fatal(f"cannot read the file: {err.strerror or err}") from None
    check_size(len(data))
    return data


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise fatal(f"expected a file of at most {MAX_BYTES // 1024} KiB, got a larger one")


def decode(data: bytes | str) -> str:
    """UTF-8 text without a BOM, or SourceError naming the first bad byte or character."""
    if isinstance(data, str):
        check_size(len(data))
        text = data
    else:
        check_size(len(data))
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise fatal("expected UTF-8 text, got UTF-16 (save the file as UTF-8)")
        nul = data.find(b"\0")
        if nul >= 0:
            raise fatal("expected UTF-8 text, got a binary file (NUL byte)", *_byte_pos(data, nul))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line, column = _byte_pos(data, err.start)
            bad = data[err.start : err.start + 1].hex()
            raise fatal(f"expected UTF-8 text, got byte 0x{bad}", line, column) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    bad_char = (_FORBIDDEN_ASCII if text.isascii() else re.compile(_FORBIDDEN_ANY)).search(text)
    if bad_char:
        line, column = _char_pos(text, bad_char.start())
        code = ord(bad_char.group())
        what = "a binary file (NUL character)" if code == 0 else f"control character U+{code:04X}"
        raise fatal(f"expected text, got {what}", line, column)
    return text


def _byte_pos(data: bytes, offset: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _char_pos(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def offset_of(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column (clamped to the text)."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(len(text), start + column - 1)
