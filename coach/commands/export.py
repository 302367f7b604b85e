"""`coach history --export md|csv`: the journal for a clinician, on standard output."""

from __future__ import annotations

import sys


def run(kind: str) -> int:
    """Read-only: the export never migrates, writes or sets aside the journal it reads."""
    from coach.core.journal.export import export_csv, export_markdown
    from coach.core.journal.store import Journal
    from coach.core.safe_text import printable

    journal = Journal.open_read_only()
    try:
        if not journal.readable:
            print(
                f"coach: {printable(journal.problem or 'cannot read the journal')}", file=sys.stderr
            )
            return 1
        (export_csv if kind == "csv" else export_markdown)(journal, sys.stdout)
        sys.stdout.flush()  # a full disk or a closed pipe is found here, not at exit
        if journal.problem:  # a page that could not be read part-way
            print(f"coach: {printable(journal.problem)}", file=sys.stderr)
            return 1
        return 0
    finally:
        journal.close()
