"""`coach log` with options: one row, one line, no Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coach.cli import main
from coach.core.journal.store import Journal


def rows():  # type: ignore[no-untyped-def]
    with Journal.open() as journal:
        return list(journal.iter_sessions())


def test_a_cramp_with_every_option(capsys) -> None:
    code = main(
        ["log", "--when", "2026-11-03T03:10", "--leg", "left", "--minutes", "3", "--pain", "6",
         "--note", "after a long walk", "--site", "calf"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Logged a cramp on Tue 03 Nov at 03:10: left leg, calf, about 3 min, pain 6/10" in out
    assert "No warning-sign check here (not a terminal)" in out  # pytest's stdin is no tty
    (row,) = rows()
    assert (row.kind, row.leg, row.pain, row.note) == ("relief", "l", 6, "after a long walk")
    assert row.entered_afterwards and row.release_seconds == 180


def test_a_routine_done_without_the_app(capsys) -> None:
    assert main(["log", "--routine", "nightly", "--when", "2026-11-03T22:30"]) == 0
    assert "Logged the routine nightly on Tue 03 Nov at 22:30" in capsys.readouterr().out
    (row,) = rows()
    assert (row.routine_id, row.kind, row.status) == ("nightly", "prevention", "completed")
    assert row.entered_afterwards and row.duration_seconds and row.duration_seconds > 60


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--pain", "11"], "coach log: pain: expected a whole number from 0 to 10; got '11'"),
        (["--when", "tomorrow"], "coach log: when: expected a time like"),
        (["--routine", "nope"], "coach log: no routine with id 'nope'"),
        (["--routine", "cramp-now"], "coach log: cramp-now is a relief routine"),
        (["--routine", "nightly", "--pain", "3"], "--routine takes only --when; not --pain"),
    ],
)
def test_mistakes_are_one_line_and_write_nothing(capsys, argv, says) -> None:
    assert main(["log", "--no-check", *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert rows() == []


def test_help_works(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["log", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--when TIME" in out and "--no-check" in out and "last night 3am" in out


def test_options_never_import_textual() -> None:
    code = (
        "import sys\nfrom coach.cli import main\n"
        "main(['log', '--when', '1h ago', '--leg', 'right', '--no-check'])\n"
        "main(['log', '--routine', 'nightly', '--when', '2h ago'])\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual loaded'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
