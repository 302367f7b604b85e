"""Opening the journal for a command that prints: what the open did to the file is said once.

A damaged or foreign journal is moved aside by the open itself (coach/core/journal/store.py);
issue 22 found `coach log` and `coach trial` saying "Logged" and nothing else, so the old file,
with everything in it, was gone without a word. The notice goes to stderr, with the full path.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from coach.core.safe_text import printable

if TYPE_CHECKING:
    from coach.core.journal.store import Journal


def open_journal(command: str) -> Journal:
    from coach.core.journal.store import Journal

    journal = Journal.open()
    if journal.aside_notice:
        print(f"coach {command}: {printable(journal.aside_notice)}", file=sys.stderr)
    return journal
