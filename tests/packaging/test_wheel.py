"""Build the wheel, install it in a fresh virtual environment, and use it from elsewhere.

Hatchling silently drops git-ignored files, and force-include is easy to get wrong: only an
installed wheel proves the built-in routines and sounds ship.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(work),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(work.glob("cramp_coach-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", str(wheel)], check=True, capture_output=True)
    return env_dir


def run_coach(env_dir: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COACH_HOME": str(home)}
    return subprocess.run(
        [str(env_dir / "bin" / "coach"), *args],
        capture_output=True,
        text=True,
        cwd=home,
        env=env,
        timeout=60,
    )


def test_installed_coach_lists_the_builtins(installed: Path, tmp_path: Path) -> None:
    result = run_coach(installed, "list", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cramp-now" in result.stdout and "nightly" in result.stdout
    assert "relief" in result.stdout and "prevention" in result.stdout


def test_installed_builtins_validate(installed: Path, tmp_path: Path) -> None:
    result = run_coach(installed, "validate", home=tmp_path)
    assert result.returncode == 0, result.stderr


def test_every_bundled_resource_loads_from_the_installed_package(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "from importlib.resources import files\n"
        "import wave, yaml\n"
        "root = files('coach')\n"
        "names = [p.name for p in (root / 'routines').iterdir()]\n"
        "assert 'exercises.yaml' in names and 'warning-signs.yaml' in names, names\n"
        "for p in (root / 'routines').iterdir():\n"
        "    if p.name.endswith('.yaml'): yaml.safe_load(p.read_text('utf-8'))\n"
        "cues = [p for p in (root / 'sounds').iterdir() if p.name.endswith('.wav')]\n"
        "assert len(cues) >= 4, cues\n"
        "for p in cues: wave.open(str(p)).getnframes()\n"
        "assert (root / 'routines' / 'compiled' / 'cramp-now.json').is_file()\n"
        "assert (root / 'ui' / 'coach.tcss').is_file()\n"
        "print('ok')\n"
    )
    python = installed / "bin" / "python"
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.strip() == "ok", result.stderr


def test_installed_version_matches_the_source(installed: Path, tmp_path: Path) -> None:
    from coach import __version__

    result = run_coach(installed, "--version", home=tmp_path)
    assert result.stdout.strip() == f"coach {__version__}"
