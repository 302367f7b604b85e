"""The `coach` command. Only commands that show a screen import the UI, and `coach now` puts its
first instruction on the terminal before anything heavy is imported (see coach/early_paint.py)."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from coach import __version__

TYPE_CHECKING = False  # not typing's: the cramp path does without importing it
if TYPE_CHECKING:
    import argparse
    from typing import Any

SOUND_MODES = ("auto", "bell", "off")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from coach.core.paths import user_routines_dir
    from coach.core.settings import settings_path

    parser = argparse.ArgumentParser(
        prog="coach",
        description="Get through a foot or leg cramp; a nightly stretch may reduce how often "
        "they come (the evidence is limited). "
        "General self-care information, not medical advice.",
        epilog=f"Your routines: {_shown(user_routines_dir())}. "
        f"Your settings: {_shown(settings_path())}. "
        "Press ! in the app at any time for the signs that need care now.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument("--mute", action="store_true", help="no sound at all")
    parser.add_argument("--sound", choices=SOUND_MODES, default=None, help="how cues are played")
    _voice_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    now = _command(sub, "now", "start cramp relief straight away")
    now.add_argument("--foot", action="store_true", help="an arch or toe cramp")
    run = _command(sub, "run", "run a routine by id or file")
    run.add_argument(
        "routine", metavar="ID|FILE", help="a routine's id (coach list) or a YAML file"
    )
    for command in (now, run):  # `coach now --mute` works as well as `coach --mute now`
        # SUPPRESS: not given here, the value from before the command stands.
        command.add_argument(
            "--mute", action="store_true", default=argparse.SUPPRESS, help="no sound at all"
        )
        command.add_argument(
            "--sound", choices=SOUND_MODES, default=argparse.SUPPRESS, help="how cues are played"
        )
        _voice_options(command, argparse.SUPPRESS)
    _command(sub, "list", "every routine with its id, kind, total time and file")
    validate = _command(sub, "validate", "check routine files (all when none given)")
    validate.add_argument("files", nargs="*", metavar="FILE", help="routine YAML files")
    plan = _command(sub, "plan", "print a routine's timeline")
    plan.add_argument(
        "routine", metavar="ID|FILE", help="a routine's id (coach list) or a YAML file"
    )
    history = _command(sub, "history", "your journal: cramps and routines over the weeks")
    history.add_argument(
        "--export", choices=("csv", "md"), help="print the journal for a clinician instead"
    )
    build = _command(sub, "build", "build a routine: from empty, or from a copy of one")
    build.add_argument("routine", nargs="?", metavar="ID|FILE", help="the routine to start from")
    say = _command(sub, "say", "speak a line with your voice settings (a sound test)")
    say.add_argument("text", nargs="?", metavar="TEXT", help="the words to speak")
    say.add_argument(
        "--warm", action="store_true",
        help="render every line cramp relief speaks into the voice cache now (no TEXT)",
    )  # fmt: skip
    say.add_argument("--out", metavar="FILE.wav", help="write the speech to a new WAV file instead")
    say.add_argument("--force", action="store_true", help="with --out: replace an existing file")

    from coach.commands import log, trial

    log.add_parser(sub)
    trial.add_parser(sub)
    _command(sub, "schema", "print the JSON Schema for routine files (for editors)")
    _add_bedside_commands(sub)
    return parser


def _shown(path: object) -> str:
    """A path in help text: control characters escaped, and % doubled (argparse formats help)."""
    from coach.core.safe_text import printable

    return printable(str(path)).replace("%", "%%")


def _command(sub: Any, name: str, what: str) -> argparse.ArgumentParser:
    """A subcommand whose `--help` says what it does, in the words the command list uses."""
    return sub.add_parser(name, help=what, description=what[0].upper() + what[1:] + ".")


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


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, as build_parser() reads it; `coach now` is read without argparse."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["compile"]:
        # Maintainers only (refresh routines/compiled): read here, so neither `--help` nor the
        # invalid-choice error offers it to users.
        return _namespace(command="compile", mute=False, sound=None)
    return _relief_now_args(args) or build_parser().parse_args(args)


def _relief_now_args(argv: list[str]) -> argparse.Namespace | None:
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
    return _namespace(command="now", mute=mute, sound=sound, foot=foot, voice=voice)


def _namespace(**values: object) -> argparse.Namespace:
    """What argparse would return, without importing it (the cramp path): a Namespace is read
    only by attribute, as a SimpleNamespace is."""
    return SimpleNamespace(**values)  # type: ignore[return-value]  # typing.cast costs an import


def _add_bedside_commands(sub: Any) -> None:  # argparse names no public type for it
    serve = _command(sub, "serve", "the coach in a browser (a phone on your network)")
    serve.add_argument("--port", type=int, default=8000, help="default 8000")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer)",
    )
    remind = _command(sub, "remind", "a nudge when tonight's routine is not done yet")
    remind.add_argument("--ics", metavar="HH:MM", help="print a calendar file with a daily alarm")
    remind.add_argument("--days", metavar="DAYS", help="with --ics: e.g. mon-fri (default daily)")


def main(argv: list[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else argv) == ["remind"]:  # every shell start: no argparse
        from coach.commands.remind import run_nudge

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
            from coach.commands import export

            return export.run(args.export)
        if args.command == "build":
            from coach.commands import build

            return build.run(args)
        if args.command in ("log", "trial"):
            from coach.commands import log, trial

            return (log if args.command == "log" else trial).run(args)
        if args.command in ("run", "history", None):
            from coach.launch import run_app

            return run_app(args)
        if args.command in ("serve", "remind"):
            if args.command == "serve":
                from coach.commands.serve import run_serve

                return run_serve(args)
            from coach.commands.remind import run_from_args

            return run_from_args(args)
        if args.command in ("list", "validate", "plan", "compile"):
            from coach.commands import routine_files

            return routine_files.run(args)
        if args.command == "say":
            from coach.commands.say import run_say

            return run_say(args.text, args.out, args.force, args.warm)
        if args.command == "schema":
            from coach.core.routines.schema import schema_json

            sys.stdout.write(schema_json())
            return 0
        raise AssertionError(f"no handler for {args.command}")  # argparse knows every command
    except KeyboardInterrupt:
        return 130
