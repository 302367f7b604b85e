"""Errors a user can act on: one line each, naming file, line, column, key path and expectation."""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.safe_text import printable


@dataclass(frozen=True)
class RoutineError:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    key_path: str  # "steps[2].hold"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        """One line whatever the file holds: the path, key path and message (which quotes values
        from the file) are escaped, so a newline or escape sequence in a key, a value or a file
        name shows as `\\n` or `\\x1b` instead of splitting the line or acting on the terminal."""
        where = f"{printable(self.path)}:{self.line}:{self.column}"
        return f"{where}: {printable(self.key_path) or '(file)'}: {printable(self.message)}"


class RoutineFileInvalid(Exception):
    """A file had one or more problems; all of them are in `errors`, in file order."""

    def __init__(self, errors: list[RoutineError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.line, e.column))
        super().__init__("\n".join(str(e) for e in self.errors))
