"""The core never imports Textual, and the cramp path imports nothing it does not need.

Each check runs in a clean interpreter: sys.modules in this test process is polluted by others.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import coach.core

CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(coach.core.__path__, prefix="coach.core.") if not m.ispkg
)


def modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_core_modules_are_found() -> None:
    assert {
        "coach.core.routines.routine",
        "coach.core.routines.loader",
        "coach.core.session.machine",
    } <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    loaded = modules_loaded_by(f"import {module}")
    assert not {name for name in loaded if name.split(".")[0] == "textual"}


def test_cramp_path_before_first_paint_is_light() -> None:
    """What `coach now` loads before it paints: no Textual, YAML, sound, journal or builder."""
    loaded = modules_loaded_by(
        "from coach.launch import relief_routine\n"
        "from coach.early_paint import first_instruction_lines\n"
        "first_instruction_lines(relief_routine(False))"
    )
    heavy = ("textual", "yaml", "playsound3", "sqlite3", "coach.audio", "coach.core.builder")
    heavy += ("coach.core.journal", "coach.core.routines.loader")
    assert not {name for name in loaded for h in heavy if name == h or name.startswith(h + ".")}


# Everything of the coach's that `coach now` may load before its first paint. A module added
# here must be worth its import time: the whole path is ~30 ms above the interpreter's own start.
CRAMP_PATH_COACH_MODULES = {
    "coach",
    "coach.cli",
    "coach.launch",
    "coach.early_paint",
    "coach.core",
    "coach.core.paths",
    "coach.core.safe_text",
    "coach.core.routines",
    "coach.core.routines.compiled",
    "coach.core.session",
    "coach.core.session.step_title",
    "coach.core.wrap",
}
# Standard-library modules kept off the path (issue 20): shutil (bz2, lzma) for the terminal's
# width, tempfile and random through platformdirs, datetime through the safety record's module,
# dataclasses (inspect, ast, dis) and typing: the Routine is built after the paint, from the data
# the paint used. argparse is read around by hand.
CRAMP_PATH_NEVER = ("shutil", "tempfile", "random", "hashlib", "datetime", "argparse")
CRAMP_PATH_NEVER += ("bz2", "lzma", "dataclasses", "inspect", "typing", "ast", "textwrap")


def test_cramp_path_to_the_first_paint_loads_only_what_it_needs(tmp_path: Path) -> None:
    """`coach now` as a user runs it (no COACH_HOME, the usual Linux home, no safety record), up
    to the moment the early paint flushes what it wrote: only the coach modules listed, no
    third-party module at all (platformdirs, Textual, Rich, YAML) and none of the standard
    library's heavy ones."""
    code = (
        "import io, sys\n"
        "class Tty(io.StringIO):\n"
        "    def isatty(self): return True\n"
        "    def flush(self):\n"
        "        assert 'toes' in self.getvalue()\n"
        "        print('\\n'.join(sys.modules))\n"
        "        raise SystemExit(0)\n"
        "sys.__stderr__ = Tty()  # what the early paint writes on\n"
        "sys.stdin.isatty = sys.stdout.isatty = lambda: True  # a terminal, as far as we ask\n"
        "from coach.cli import main\n"
        "main(['now'])\n"
        "raise SystemExit('the early paint never wrote')"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    loaded = set(out.stdout.split())
    assert {m for m in loaded if m.split(".")[0] == "coach"} <= CRAMP_PATH_COACH_MODULES
    outside = {m.split(".")[0] for m in loaded} - set(sys.stdlib_module_names)
    site_hooks = {"__main__", "_distutils_hack", "sitecustomize", "usercustomize"}
    assert outside - site_hooks == {"coach"}
    assert not {m for m in loaded if m.split(".")[0] in CRAMP_PATH_NEVER}


def test_relief_now_does_not_import_argparse() -> None:
    """`coach now` reads its few options by hand: argparse is never needed in a relief session."""
    loaded = modules_loaded_by(
        "from coach.cli import parse_args\n"
        "import coach.launch\n"
        "assert parse_args(['--mute', 'now', '--foot']).foot"
    )
    assert "argparse" not in loaded


def test_cli_import_is_light() -> None:
    loaded = modules_loaded_by("import coach.cli")
    assert not {name for name in loaded if name.split(".")[0] in ("textual", "yaml", "rich")}


VOICE = ("coach.audio.script", "coach.audio.voice", "coach.audio.voice_cache")
VOICE += ("coach.audio.speaker", "coach.audio.speech_queue", "coach.commands.say")
VOICE += ("piper", "onnxruntime", "numpy")


def test_the_first_frame_imports_nothing_of_the_voice() -> None:
    """The player and the app, all the first frame needs: the voice comes after that frame."""
    loaded = modules_loaded_by(
        "import coach.ui.app, coach.ui.player.screen, coach.launch, coach.cli\n"
        "from coach.cli import parse_args\n"
        "assert parse_args(['now', '--voice']).voice is True"
    )
    assert not {name for name in loaded for v in VOICE if name == v or name.startswith(v + ".")}


def test_the_voice_modules_load_no_engine_until_it_is_needed() -> None:
    loaded = modules_loaded_by("import coach.audio.speaker, coach.commands.say")
    heavy = ("piper", "onnxruntime", "numpy", "playsound3", "textual", "yaml")
    assert not {name for name in loaded if name.split(".")[0] in heavy}


def test_the_safety_record_check_before_the_first_paint_is_light() -> None:
    """With no safety record (the usual case) the early path only looks for the file."""
    loaded = modules_loaded_by(
        "from coach.early_paint import leg_warning_lines\n"
        "from coach.core.routines.routine import Routine\n"
        "assert leg_warning_lines(lambda: Routine('x', 'x', 'relief', ())) is None"
    )
    heavy = ("textual", "yaml", "sqlite3", "coach.core.journal", "coach.core.routines.loader")
    assert not {name for name in loaded for h in heavy if name == h or name.startswith(h + ".")}


def test_no_voice_installed_maps_no_openssl(tmp_path: Path) -> None:
    """Voice on (the default) with no engine: the app asks the speaker module, hears "none", and
    hashlib (OpenSSL, ~4 MiB of the relief session's memory) and wave are never imported."""
    code = (
        "import sys\n"
        "from types import SimpleNamespace\n"
        "from coach.audio.speaker import make_speaker\n"
        "speaker, notice = make_speaker(SimpleNamespace(mode='auto'), True)\n"
        "assert speaker is None and notice, (speaker, notice)\n"
        "print('\\n'.join(sys.modules))"
    )
    env = {"COACH_HOME": str(tmp_path), "PATH": str(tmp_path), "COACH_VOICE_ENGINE": "espeak-ng"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert not {"hashlib", "_hashlib", "wave"} & set(out.stdout.split())


def test_the_first_frame_looks_for_no_region() -> None:
    """The number to call (locale, zone.tab, the numbers table) is found when urgent help or the
    check needs it, never on the way to the cramp path's first frame."""
    loaded = modules_loaded_by(
        "import coach.ui.app, coach.ui.player.screen, coach.launch, coach.cli\n"
        "from coach.early_paint import first_instruction_lines\n"
        "first_instruction_lines(coach.launch.relief_routine(False))"
    )
    assert not {"coach.core.guidance.region", "coach.core.guidance.call_numbers"} & set(loaded)
