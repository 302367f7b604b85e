"""Every command that opens the journal says, once, that it moved a damaged file aside and where
to (issue 22: `coach log` said "Logged" and nothing else; the old file was gone without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.core.journal.store import FILE_NAME, Journal

GARBAGE = b"\x00\x13 not a database at all " * 200


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "--no-check", "--when", "10 min ago"],
        ["log", "--routine", "nightly"],
        ["trial"],
        ["trial", "start"],
        ["trial", "stop"],
    ],
)
def test_a_command_that_moves_a_damaged_journal_says_where_once(
    coach_home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (coach_home / FILE_NAME).write_bytes(GARBAGE)
    assert main(argv) == 0
    err = capsys.readouterr().err
    (aside,) = coach_home.glob(f"{FILE_NAME}.corrupt-*")
    assert aside.read_bytes() == GARBAGE
    assert err.count("moved to") == 1, err
    assert f"coach {argv[0]}: The journal file was damaged; it was moved to {aside} " in err
    assert "\n" not in err.strip()  # one line


def test_a_sound_journal_gets_no_notice(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Journal.open(coach_home / FILE_NAME).close()
    assert main(["log", "--no-check"]) == 0
    assert main(["trial"]) == 0
    assert capsys.readouterr().err == ""


def test_the_app_hears_the_notice_with_the_path(coach_home: Path) -> None:
    (coach_home / FILE_NAME).write_bytes(GARBAGE)
    heard: list[str] = []
    journal = Journal.open_in_background(on_problem=heard.append)
    assert journal.flush(10)
    journal.close()
    (aside,) = coach_home.glob(f"{FILE_NAME}.corrupt-*")
    assert len(heard) == 1 and str(aside) in heard[0]
