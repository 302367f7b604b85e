"""`coach build [ID|FILE]`: the routine builder, from empty or from a copy of a routine."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    from coach.core.builder.draft import draft_for
    from coach.core.routines.catalog import RoutineNotFound, load_catalog
    from coach.core.routines.errors import RoutineFileInvalid
    from coach.output import err

    catalog = load_catalog()
    try:
        draft = draft_for(args.routine, catalog)
    except RoutineNotFound as missing:
        err(f"coach: {missing}")
        return 1
    except RoutineFileInvalid as invalid:
        for error in invalid.errors:
            err(error)
        return 1
    from coach.launch import run_builder

    return run_builder(args, draft, catalog.routines)
