"""The core never imports Textual, and the cramp path imports nothing it does not need.

Each check runs in a clean interpreter: sys.modules in this test process is polluted by others.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
        "assert leg_warning_lines(Routine('x', 'x', 'relief', ())) is None"
    )
    heavy = ("textual", "yaml", "sqlite3", "coach.core.journal", "coach.core.routines.loader")
    assert not {name for name in loaded for h in heavy if name == h or name.startswith(h + ".")}
