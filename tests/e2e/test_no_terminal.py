"""Without a terminal (`coach now | cat`, `coach history > file`, from cron or a script) a screen
command never starts the full-screen app into a pipe: history prints its plain summary, the others
say in one line that they need a terminal and exit 2, at once (issue 22)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def run(coach: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"COACH_HOME": str(home), "PATH": str(coach.parent), "LANG": "C.UTF-8"}
    return subprocess.run(
        [str(coach), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,  # the bug was a hang: a timeout fails the test
    )


@pytest.mark.parametrize(
    "args",
    [("now",), ("--mute", "now", "--foot"), (), ("run", "nightly"), ("build",), ("log",)],
    ids=["now", "now-foot", "home", "run", "build", "log"],
)
def test_a_screen_command_without_a_terminal_says_so_in_one_line(
    coach: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    done = run(coach, tmp_path, *args)
    assert done.returncode == 2, done
    assert done.stdout == ""  # no escape sequences written into the pipe
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "is a full-screen app" in lines[0], done.stderr
    assert "not a terminal" in lines[0] and "Traceback" not in done.stderr


def test_history_into_a_file_is_its_plain_summary(coach: Path, tmp_path: Path) -> None:
    logged = run(coach, tmp_path, "log", "--no-check", "--when", "2h ago")
    assert logged.returncode == 0, logged
    done = run(coach, tmp_path, "history")
    assert done.returncode == 0, done
    assert done.stdout.startswith("# Cramp journal")
    assert "\x1b" not in done.stdout  # plain text, not a screen
