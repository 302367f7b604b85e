"""A screen command without a terminal says so in one line and exits, instead of starting the
full-screen app into a file or a pipe and hanging there (issue 22). Run as real processes with
stdin and stdout not terminals, with a bound: a hang fails the test, it does not freeze it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.mark.parametrize(
    "argv", [["history"], ["now"], [], ["run", "nightly"], ["log"], ["build"], ["--mute", "now"]]
)
def test_a_screen_command_without_a_terminal_is_one_line(argv: list[str]) -> None:
    done = run(*argv)
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "needs a terminal" in line


def test_history_points_to_the_export_which_works_without_one() -> None:
    assert "--export" in run("history").stderr
    export = run("history", "--export", "md")
    assert export.returncode == 0 and "needs a terminal" not in export.stderr


def test_commands_that_print_still_work_without_one() -> None:
    assert run("list").returncode == 0
    logged = run("log", "--no-check", "--when", "10 min ago")
    assert logged.returncode == 0 and "Logged" in logged.stdout
