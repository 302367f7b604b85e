"""Errors a user can act on: one line each, naming file, line, column, key path and expectation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoutineError:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    key_path: str  # "steps[2].hold"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.key_path or '(file)'}: {self.message}"


class RoutineFileInvalid(Exception):
    """A file had one or more problems; all of them are in `errors`, in file order."""

    def __init__(self, errors: list[RoutineError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.line, e.column))
        super().__init__("\n".join(str(e) for e in self.errors))
