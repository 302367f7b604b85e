"""Start the Textual app for the commands that show a screen.

`coach now` is the latency-critical path: it reads the compiled relief routine (JSON, no YAML),
paints the first instruction itself from that plain data, builds the Routine, and only then
imports Textual.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing's: the cramp path does without importing it
if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from coach.core.builder.draft import RoutineDraft
    from coach.core.routines.routine import Routine
    from coach.ui.app import CoachApp


def relief_routine(foot: bool) -> Routine:
    """The built-in relief routine, from its compiled JSON unless the user overrides it."""
    compiled = compiled_relief(foot)
    if compiled is not None:
        from coach.core.routines.compiled import routine_from_compiled

        return routine_from_compiled(*compiled)
    from coach.core.routines.catalog import load_catalog

    return load_catalog().routines[_relief_id(foot)]


def compiled_relief(foot: bool) -> tuple[dict, Path] | None:
    """The built-in relief routine's compiled JSON as plain data, with its path; None when the
    user's own file overrides it (or nothing was compiled): then only the catalog knows it."""
    from coach.core.paths import builtin_dir, coach_home

    routine_id = _relief_id(foot)
    if coach_home() is not None and _user_override_exists(routine_id):
        return None
    path = builtin_dir("routines") / "compiled" / f"{routine_id}.json"
    if not path.is_file():
        return None
    from coach.core.routines.compiled import read_compiled

    return read_compiled(path), path


def _relief_id(foot: bool) -> str:
    return "cramp-foot" if foot else "cramp-now"


def _user_override_exists(routine_id: str) -> bool:
    from coach.core.paths import user_routines_dir

    folder = user_routines_dir()
    return any((folder / f"{routine_id}{ext}").exists() for ext in (".yaml", ".yml"))


def run_relief_now(args: argparse.Namespace) -> int:
    problem = terminal_problem()
    if problem is not None:
        return _refused("coach now", problem)
    from coach.early_paint import paint, paint_step

    compiled = compiled_relief(args.foot)
    if compiled is None:  # the user's own routine: loaded and checked before it is shown
        routine = relief_routine(args.foot)
        painted = paint(routine)
    else:  # the built-in one: painted from the plain data, built into a Routine after
        steps = compiled[0]["steps"]
        built = compiled  # a leg on the safety record needs the Routine before the paint

        def build() -> Routine:
            from coach.core.routines.compiled import routine_from_compiled

            return routine_from_compiled(*built)

        painted = paint_step(steps[0]["name"], steps[0].get("instructions", ""), len(steps), build)
        if painted:  # the cue and the first line get ready while Textual loads
            from coach.audio import early_sound

            early_sound.start(_sound_mode(args), getattr(args, "voice", None), compiled)
    try:
        if compiled is not None:
            from coach.core.routines.compiled import routine_from_compiled

            routine = routine_from_compiled(*compiled)
        from coach.ui.app import CoachApp

        app = CoachApp(
            start_routine=routine,
            sound_mode=_sound_mode(args),
            early_painted=painted,
            voice=getattr(args, "voice", None),
        )
        return _run(app)
    except BaseException:  # Ctrl+C (SIGINT: the tty is not raw yet) while Textual loads
        if painted:
            from coach.early_paint import unpaint

            unpaint()
        raise


def run_app(args: argparse.Namespace) -> int:
    from coach.ui.app import CoachApp

    routine = None
    if args.command == "run":
        routine = resolve_or_report(args.routine)
        if routine is None:
            return 1
    start_screen = "history" if args.command == "history" else None
    if start_screen == "history" and terminal_problem() is not None:
        from coach.commands import export

        return export.run("md")  # history's plain form, for a file or a pipe
    app = CoachApp(
        start_routine=routine,
        sound_mode=_sound_mode(args),
        start_screen=start_screen,
        voice=getattr(args, "voice", None),
    )
    return _run(app)


def resolve_or_report(id_or_file: str) -> Routine | None:
    """The routine an id or file names, or None after its errors went to stderr, one a line."""
    from coach.core.routines.catalog import RoutineNotFound, load_catalog, resolve
    from coach.core.routines.errors import RoutineFileInvalid
    from coach.output import err

    try:
        return resolve(load_catalog(), id_or_file)
    except RoutineFileInvalid as invalid:
        for error in invalid.errors:
            err(error)
    except RoutineNotFound as missing:
        err(f"coach: {missing}")
    return None


def _sound_mode(args: argparse.Namespace) -> str | None:
    """From the command line; None leaves it to settings.yaml, read after the first frame."""
    if args.mute:
        return "off"
    return args.sound


def terminal_problem() -> str | None:
    """Why a full-screen command cannot run here (`coach now | cat`, `coach history > file`),
    or None. coach serve draws through its own driver and has no terminal to need."""
    from coach.early_paint import _is_terminal, not_a_terminal_front_end

    if not_a_terminal_front_end():
        return None
    for name, stream in (("output", sys.stdout), ("input", sys.stdin)):
        if not _is_terminal(stream):
            return f"its standard {name} is not a terminal"
    return None


def _refused(what: str, problem: str) -> int:
    from coach.output import err

    err(f"coach: {what} is a full-screen app and {problem}; run it in a terminal window")
    return 2


HANGUP_STATUS = 128 + 1  # SIGHUP: the terminal was closed under the app


def _run(app: CoachApp) -> int:
    problem = terminal_problem()
    if problem is not None:
        return _refused(" ".join(["coach", *sys.argv[1:2]]), problem)
    try:
        app.run()
    finally:
        # The terminal is restored: let the voice finish the line it renders (<= ~1 s), so
        # onnxruntime is not inside a daemon thread as Python exits (that aborts the process).
        app.close_voice(wait=3.0)
    code = int(app.return_code or 0)
    if code == HANGUP_STATUS:
        # The terminal is gone and the session is saved (finish() closed the journal): end
        # here, skipping Python's finalisation, where a daemon thread once crashed the process
        # (SIGSEGV, 1 closed terminal in about 90). Nothing is left to flush to a gone terminal.
        import os

        os._exit(code)
    return code


def run_builder(args: argparse.Namespace, draft: RoutineDraft, routines: dict[str, Routine]) -> int:
    from coach.ui.app import CoachApp

    app = CoachApp(sound_mode=_sound_mode(args), start_builder=(draft, routines))
    return _run(app)


def run_log_screen(args: argparse.Namespace) -> int:
    """`coach log` without options: the log screen, over home."""
    from coach.ui.app import CoachApp

    app = CoachApp(sound_mode="off", start_screen="log")
    return _run(app)


def run_entry_check(args: argparse.Namespace, session_id: int) -> int:
    """The warning-sign check for a cramp `coach log --when ...` has just written."""
    from coach.core.journal.entries import EntryRecorder
    from coach.ui.app import CoachApp
    from coach.ui.check.screen import CheckScreen

    def check(app: CoachApp) -> CheckScreen:
        return CheckScreen(recorder=EntryRecorder(app.journal, session_id=session_id))

    app = CoachApp(sound_mode="off", start_factory=check)
    return _run(app)
