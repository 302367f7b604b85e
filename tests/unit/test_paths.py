"""Where the user's data lives: the cramp path's quick XDG answer agrees with platformdirs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import user_data_path

from coach.core.paths import APP_NAME, user_data_dir

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the quick answer is Linux's")

# (HOME, XDG_DATA_HOME); None: not set. Unusual values must fall back to platformdirs itself.
CASES = [
    ("/home/ana", None),
    ("/home/ana", ""),
    ("/home/ana/", None),
    ("/", None),
    ("/home/ana", "/data/xdg"),
    ("/home/ana", "/data/xdg/"),
    ("/home/ana", "relative/xdg"),
    ("/home/ana", "   "),
    ("/home/ana", " /data/xdg"),
    ("relative-home", None),
]


@linux_only
@pytest.mark.parametrize(("home", "xdg"), CASES)
def test_user_data_dir_is_where_platformdirs_says(
    monkeypatch: pytest.MonkeyPatch, home: str, xdg: str | None
) -> None:
    monkeypatch.delenv("COACH_HOME")
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert user_data_dir() == user_data_path(APP_NAME, appauthor=False)


@linux_only
def test_the_usual_linux_home_does_not_import_platformdirs(tmp_path: Path) -> None:
    """The point of the quick answer: `coach now` finds the safety record without platformdirs."""
    import subprocess

    code = (
        "import sys\nfrom coach.core.paths import user_data_dir\n"
        "print(user_data_dir())\nprint('platformdirs' in sys.modules)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert out[:2] == [str(tmp_path / ".local" / "share" / APP_NAME), "False"]


def test_coach_home_wins(coach_home: Path) -> None:
    assert user_data_dir() == coach_home
