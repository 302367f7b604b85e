"""The `coach` command. Only commands that show a screen import the UI, and `coach now` puts its
first instruction on the terminal before anything heavy is imported (see coach/early_paint.py)."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from coach import __version__

if TYPE_CHECKING:
    import argparse

SOUND_MODES = ("auto", "bell", "off")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="coach",
        description="Get through a foot or leg cramp; a nightly stretch may reduce how often "
        "they come (the evidence is limited). "
        "General self-care information, not medical advice.",
        epilog="Routines you write live in $COACH_HOME/routines (or your user config folder). "
        "Press ! in the app at any time for the signs that need care now.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--mute", action="store_true", help="no sound at all")
    parser.add_argument("--sound", choices=SOUND_MODES, default=None, help="how cues are played")
    _voice_options(parser, None)
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
        _voice_options(command, argparse.SUPPRESS)
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
    say = sub.add_parser("say", help="speak a line with your voice settings (a sound test)")
    say.add_argument("text", metavar="TEXT")
    say.add_argument("--out", metavar="FILE.wav", help="write the speech to a new WAV file instead")
    say.add_argument("--force", action="store_true", help="with --out: replace an existing file")

    from coach.commands import log, trial

    log.add_parser(sub)
    trial.add_parser(sub)
    sub.add_parser("schema", help="print the JSON Schema for routine files (for editors)")
    _add_bedside_commands(sub)
    return parser


def _voice_options(parser: argparse.ArgumentParser, default: object) -> None:
    voice = parser.add_mutually_exclusive_group()
    voice.add_argument(
        "--voice", dest="voice", action="store_const", const=True, default=default,
        help="speak the steps (settings.yaml: voice: on)",
    )  # fmt: skip
    voice.add_argument(
        "--no-voice", dest="voice", action="store_const", const=False, default=default,
        help="cues only, no speech",
    )  # fmt: skip


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
    voice: bool | None = None
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "now" and not seen_now:
            seen_now = True
        elif option == "--mute":
            mute = True
        elif option == "--sound" and rest and rest[0] in SOUND_MODES:
            sound = rest.pop(0)  # given twice, the last one counts, as with argparse
        elif option in ("--voice", "--no-voice"):
            if voice is not None and voice != (option == "--voice"):
                return None  # argparse refuses both in one place: let it say so
            voice = option == "--voice"
        elif option == "--foot" and seen_now and not foot:
            foot = True
        else:
            return None
    if not seen_now:
        return None
    return SimpleNamespace(command="now", mute=mute, sound=sound, foot=foot, voice=voice)


def _add_bedside_commands(sub) -> None:  # type: ignore[no-untyped-def]
    serve = sub.add_parser("serve", help="the coach in a browser (a phone on your network)")
    serve.add_argument("--port", type=int, default=8000, help="default 8000")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer)",
    )
    remind = sub.add_parser("remind", help="a nudge when tonight's routine is not done yet")
    remind.add_argument("--ics", metavar="HH:MM", help="print a calendar file with a daily alarm")
    remind.add_argument("--days", metavar="DAYS", help="with --ics: e.g. mon-fri (default daily)")


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["remind"]:  # every shell start: no argparse
        from coach.remind import run_nudge

        return run_nudge()

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
        if args.command in ("serve", "remind"):
            return _bedside(args)
        if args.command in ("list", "validate", "plan", "compile"):
            from coach.commands import routine_files

            return routine_files.run(args)
        if args.command == "say":
            from coach.audio.say_command import run_say

            return run_say(args.text, args.out, args.force)
        if args.command == "schema":
            from coach.core.routines.schema import schema_json

            sys.stdout.write(schema_json())
            return 0
        raise AssertionError(f"no handler for {args.command}")  # argparse knows every command
    except KeyboardInterrupt:
        return 130


def _bedside(args: argparse.Namespace) -> int:
    if args.command == "serve":
        from coach.serve import run_serve

        return run_serve(args)
    from coach.remind import run_ics, run_nudge

    if args.ics is None:
        if args.days is not None:
            print("coach: --days goes with --ics HH:MM", file=sys.stderr)
            return 2
        return run_nudge()
    return run_ics(args.ics, args.days)


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
