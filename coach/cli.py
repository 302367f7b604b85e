"""The `coach` command. Only commands that show a screen import the UI, and `coach now` puts its
first instruction on the terminal before anything heavy is imported (see coach/early_paint.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from coach import __version__

if TYPE_CHECKING:
    import argparse

RELIEF_ID = "cramp-now"
FOOT_RELIEF_ID = "cramp-foot"
SOUND_MODES = ("auto", "bell", "off")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="coach",
        description="Get through a foot or leg cramp, and prevent the next one. "
        "General self-care information, not medical advice.",
        epilog="Routines you write live in $COACH_HOME/routines (or your user config folder). "
        "Press ! in the app at any time for the signs that need care now.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--mute", action="store_true", help="no sound at all")
    parser.add_argument("--sound", choices=SOUND_MODES, default=None, help="how cues are played")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    now = sub.add_parser("now", help="start cramp relief straight away")
    now.add_argument("--foot", action="store_true", help="an arch or toe cramp")
    run = sub.add_parser("run", help="run a routine by id or file")
    run.add_argument("routine", metavar="ID|FILE")
    for command in (now, run):  # `coach now --mute` works as well as `coach --mute now`
        # SUPPRESS: not given here, the value from before the command stands.
        command.add_argument(
            "--mute", action="store_true", default=argparse.SUPPRESS, help="no sound at all"
        )
        command.add_argument(
            "--sound", choices=SOUND_MODES, default=argparse.SUPPRESS, help="how cues are played"
        )
    sub.add_parser("list", help="every routine with its id, kind, total time and file")
    validate = sub.add_parser("validate", help="check routine files (all when none given)")
    validate.add_argument("files", nargs="*", metavar="FILE")
    plan = sub.add_parser("plan", help="print a routine's timeline")
    plan.add_argument("routine", metavar="ID|FILE")
    history = sub.add_parser("history", help="your journal: cramps and routines over the weeks")
    history.add_argument(
        "--export", choices=("csv", "md"), help="print the journal for a clinician instead"
    )
    build = sub.add_parser("build", help="build a routine: from empty, or from a copy of one")
    build.add_argument("routine", nargs="?", metavar="ID|FILE", help="the routine to start from")
    from coach.commands import log, trial

    log.add_parser(sub)
    trial.add_parser(sub)
    sub.add_parser("schema", help="print the JSON Schema for routine files (for editors)")
    return parser


def parse_args(argv: list[str] | None = None) -> argparse.Namespace | SimpleNamespace:
    """The command line, as build_parser() reads it; `coach now` is read without argparse."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["compile"]:
        # Maintainers only (refresh routines/compiled): read here, so neither `--help` nor the
        # invalid-choice error offers it to users.
        return SimpleNamespace(command="compile", mute=False, sound=None)
    return _relief_now_args(args) or build_parser().parse_args(args)


def _relief_now_args(argv: list[str]) -> SimpleNamespace | None:
    """`now [--foot]` with `--mute` and `--sound MODE` before or after it: the cramp path, read
    by hand, as argparse and building the parser cost ~0.3 MiB of the relief session's memory.
    Anything else, including what argparse would accept in other spellings (--sound=bell,
    abbreviations, -h), returns None and goes to argparse, so the two cannot disagree
    (tests/unit/test_cli.py compares them)."""
    mute, sound, foot, seen_now = False, None, False, False
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "now" and not seen_now:
            seen_now = True
        elif option == "--mute":
            mute = True
        elif option == "--sound" and rest and rest[0] in SOUND_MODES:
            sound = rest.pop(0)  # given twice, the last one counts, as with argparse
        elif option == "--foot" and seen_now and not foot:
            foot = True
        else:
            return None
    if not seen_now:
        return None
    return SimpleNamespace(command="now", mute=mute, sound=sound, foot=foot)


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # what is still buffered fails here, where it can be said
        return code
    except OSError as exc:  # a closed pipe (`coach list | head -1`), a full disk (> /dev/full)
        from coach.output import is_stdout_failure, stdout_failed

        if not is_stdout_failure(exc):
            raise
        return stdout_failed(exc)


def _main(argv: list[str] | None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "now":
            from coach.launch import run_relief_now

            return run_relief_now(args)
        if args.command == "history" and args.export:
            return cmd_export(args.export)
        if args.command == "build":
            return cmd_build(args)
        if args.command in ("log", "trial"):
            from coach.commands import log, trial

            return (log if args.command == "log" else trial).run(args)
        if args.command in ("run", "history", None):
            from coach.launch import run_app

            return run_app(args)
        handler = {"list": cmd_list, "validate": cmd_validate, "plan": cmd_plan}
        if args.command == "compile":
            return cmd_compile()
        if args.command == "schema":
            from coach.core.routines.schema import schema_json

            sys.stdout.write(schema_json())
            return 0
        return handler[args.command](args)
    except KeyboardInterrupt:
        return 130


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
        out(f"{len(catalog.routines)} valid, {_count_files(catalog.broken)} with errors")
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
    out(f"{len(args.files) - bad} valid, {bad} with errors")
    return 1 if bad else 0


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
    for line in plan_lines(routine):
        out(line)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
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


def cmd_export(kind: str) -> int:
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


def cmd_compile() -> int:
    from coach.core.paths import builtin_dir
    from coach.core.routines.catalog import load_catalog
    from coach.core.routines.compiled import write_compiled

    catalog = load_catalog(user_dir=None, include_user=False)
    for routine_id in (RELIEF_ID, FOOT_RELIEF_ID):
        target = builtin_dir("routines") / "compiled" / f"{routine_id}.json"
        write_compiled(catalog.routines[routine_id], target)
        print(f"wrote {target}")
    return 0
