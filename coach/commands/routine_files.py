"""`coach list`, `validate`, `plan` and `compile`: the commands that read routine files and print
what they find. Everything from a file is printed through coach.output (escaped)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

RELIEF_ID = "cramp-now"
FOOT_RELIEF_ID = "cramp-foot"


def cmd_list(args: argparse.Namespace) -> int:
    from coach.core.routines.catalog import load_catalog
    from coach.core.routines.timeline import build_timeline, length_text
    from coach.core.safe_text import printable
    from coach.output import out

    catalog = load_catalog()
    rows = [  # escaped before the widths are counted, so the columns stay straight
        tuple(printable(cell) for cell in (r.id, r.kind, length_text(build_timeline(r))))
        + (printable(_shown_path(r.source_path)),)
        for r in sorted(catalog.routines.values(), key=lambda r: (r.kind, r.id))
    ]
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(_LIST_HEAD)]
    for row in [_LIST_HEAD, *rows]:
        out("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if catalog.broken:
        out()
        out("Not loaded (fix and run `coach validate`):")
        for error in catalog.broken:
            out(f"  {error}")
    return 0


_LIST_HEAD = ("ID", "KIND", "TIME", "FILE")


def _shown_path(path: str) -> str:
    from coach.core.safe_text import printable  # a folder name may hold bytes that are not UTF-8

    try:
        return printable(str(Path(path).relative_to(Path.cwd())))
    except ValueError:
        return printable(path)


def cmd_validate(args: argparse.Namespace) -> int:
    from coach.core.routines.catalog import load_catalog
    from coach.core.routines.errors import RoutineFileInvalid
    from coach.core.routines.loader import load_exercise_library, load_routine_file
    from coach.output import err, out

    if not args.files:
        catalog = load_catalog()
        for error in catalog.broken:
            err(error)
        mine = [r.source_path for r in catalog.routines.values() if not r.builtin]
        warned = _warn(sorted(str(p) for p in mine if p), err)
        counts = f"{len(catalog.routines)} valid, {_count_files(catalog.broken)} with errors"
        out(counts + _warnings(warned))
        return 1 if catalog.broken else 0
    library = load_exercise_library()
    bad = 0
    for name in args.files:
        try:
            load_routine_file(Path(name), library, display_path=name)
        except RoutineFileInvalid as invalid:
            bad += 1
            for error in invalid.errors:
                err(error)  # the file name too may hold control characters or odd bytes
    warned = _warn(args.files, err)
    out(f"{len(args.files) - bad} valid, {bad} with errors" + _warnings(warned))
    return 1 if bad else 0


def _warn(paths: list[str], err: Callable[[object], None]) -> int:
    """Print each file's warnings (yes/no/on/off as booleans: yaml_booleans.py); how many."""
    from coach.core.routines.yaml_booleans import routine_file_warnings
    from coach.core.routines.yaml_source import SourceError, read_source

    count = 0
    for name in paths:
        try:
            warnings = routine_file_warnings(read_source(Path(name)), name)
        except SourceError:
            continue  # unreadable: its error is already said
        for warning in warnings:
            err(warning)
        count += len(warnings)
    return count


def _warnings(count: int) -> str:
    return f", {count} warning{'s' * (count != 1)}" if count else ""


def _count_files(errors: list) -> int:
    return len({e.path for e in errors})


def cmd_plan(args: argparse.Namespace) -> int:
    from coach.core.routines.timeline import plan_lines
    from coach.launch import resolve_or_report

    routine = resolve_or_report(args.routine)
    if routine is None:
        return 1
    from coach.output import out  # names from the file: escaped

    out(f"{routine.name} ({routine.kind})")
    if routine.ask_first:
        out(f"Safety: {routine.ask_first}")
    for line in plan_lines(routine):
        out(line)
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from coach.core.paths import builtin_dir
    from coach.core.routines.catalog import load_catalog
    from coach.core.routines.compiled import write_compiled
    from coach.output import out

    catalog = load_catalog(user_dir=None, include_user=False)
    for routine_id in (RELIEF_ID, FOOT_RELIEF_ID):
        target = builtin_dir("routines") / "compiled" / f"{routine_id}.json"
        write_compiled(catalog.routines[routine_id], target)
        out(f"wrote {target}")
    from coach.core.guidance.signs_file import write_compiled_lines

    out(f"wrote {write_compiled_lines()}")
    return 0


def run(args: argparse.Namespace) -> int:
    commands = {"list": cmd_list, "validate": cmd_validate, "plan": cmd_plan}
    return commands.get(args.command, cmd_compile)(args)
