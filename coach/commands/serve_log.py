"""What `coach serve` prints after its link: one line per problem, never the token.

textual-serve's logging shows tracebacks with their local variables (the token among them), and
aiohttp's access log writes every request line (`GET /?token=...`, `/ws/<token>`). Here the
access log is off, a record is its message alone (no traceback), and the token, should a
message hold it, is blotted out.
"""

from __future__ import annotations

import logging
import sys

ACCESS_LOG = "aiohttp.access"


class _OneLine(logging.Formatter):
    def __init__(self, token: str) -> None:
        super().__init__("coach serve: %(message)s")
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a record that cannot format is still one line
            message = str(record.msg)
        line = f"coach serve: {message}".replace(self.token, "<token>")
        return line.splitlines()[0] if line else line  # no traceback, no locals


def quiet_logging(token: str) -> None:
    """Warnings and errors only, one line each, to stderr; no access log."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine(token))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    access = logging.getLogger(ACCESS_LOG)
    access.disabled = True  # request lines carry the token; nothing here needs them
    access.propagate = False
