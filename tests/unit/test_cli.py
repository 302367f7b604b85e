"""The non-interactive commands, run as a user runs them: a subprocess, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.paths import builtin_dir
from coach.core.routines.compiled import routine_to_dict


def coach(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_list_shows_builtins_with_kind_length_and_file() -> None:
    result = coach("list")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()}
    assert {"cramp-now", "cramp-foot", "nightly", "nightly-quick"} <= set(rows)
    assert "relief" in rows["cramp-now"] and "cramp-now.yaml" in rows["cramp-now"]
    assert "prevention" in rows["nightly"] and "about 10 min" in rows["nightly"]
    assert "optional" in rows["cramp-now"]


def test_list_reports_a_broken_user_file_and_keeps_the_rest(coach_home: Path) -> None:
    folder = coach_home / "routines"
    folder.mkdir()
    (folder / "mine.yaml").write_text("name: Mine\nkind: prevention\nsteps:\n  - hold: 10s\n")
    (folder / "broken.yaml").write_text("name: Broken\nkind: sometimes\nsteps: []\n")
    result = coach("list")
    assert result.returncode == 0
    assert "mine" in result.stdout and "cramp-now" in result.stdout
    assert "broken.yaml:2:7: kind:" in result.stdout


def test_validate_all_builtins_passes() -> None:
    result = coach("validate")
    assert result.returncode == 0, result.stderr
    assert "0 with errors" in result.stdout


def test_validate_a_bad_file_exits_1_with_one_line_per_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nkind: prevention\nsteps:\n  - name: Calf\n    hold: thirty\n")
    result = coach("validate", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{bad}:5:11: steps[0].hold: expected a duration like 30s or 1m30s, got 'thirty'"
    )
    assert "Traceback" not in result.stderr


def test_validate_mixed_files_reports_every_bad_one(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("name: Good\nkind: relief\nsteps:\n  - name: Stretch\n    hold: 30s\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nkind: relief\nstep: []\n")
    result = coach("validate", str(good), str(bad))
    assert result.returncode == 1
    assert "1 valid, 1 with errors" in result.stdout
    assert "did you mean 'steps'" in result.stderr


def test_plan_prints_the_timeline_with_a_total() -> None:
    result = coach("plan", "nightly-quick")
    assert result.returncode == 0, result.stderr
    assert "left" in result.stdout and "right" in result.stdout and "1/3" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("total")


def test_plan_unknown_id_suggests_a_close_one() -> None:
    result = coach("plan", "nightly-quik")
    assert result.returncode == 1
    assert "did you mean 'nightly-quick'" in result.stderr


def test_version_and_help() -> None:
    from coach import __version__

    assert coach("--version").stdout.strip() == f"coach {__version__}"
    help_text = " ".join(coach("--help").stdout.split())  # argparse wraps the description
    for command in ("now", "run", "list", "validate", "plan", "history"):
        assert command in help_text
    assert "not medical advice" in help_text
    # `compile` is for maintainers: neither the help nor the invalid-choice error offers it.
    assert "SUPPRESS" not in help_text and "compile" not in help_text
    wrong = coach("bogus")
    assert wrong.returncode == 2 and "'schema'" in wrong.stderr and "compile" not in wrong.stderr


def test_compile_still_runs_for_maintainers() -> None:
    from coach.cli import parse_args

    assert parse_args(["compile"]).command == "compile"


@pytest.mark.parametrize("routine_id", ["cramp-now", "cramp-foot"])
def test_compiled_relief_routine_matches_its_yaml(routine_id: str) -> None:
    """The cramp path reads JSON; it must say exactly what the YAML says (`coach compile`)."""
    from coach.core.routines.catalog import load_catalog

    routine = load_catalog(include_user=False).routines[routine_id]
    compiled = builtin_dir("routines") / "compiled" / f"{routine_id}.json"
    assert json.loads(compiled.read_text(encoding="utf-8")) == json.loads(
        json.dumps(routine_to_dict(routine))
    ), "run `coach compile` after editing the relief routines"


def test_history_export_csv_and_markdown(coach_home: Path) -> None:
    from coach.core.journal.store import Journal

    with Journal.open() as journal:
        sid = journal.start_session("cramp-now", "relief")
        journal.update_session(sid, leg="r", release_seconds=45.0)
        journal.end_session(sid, "completed")
    csv_out = coach("history", "--export", "csv")
    assert csv_out.returncode == 0, csv_out.stderr
    header, row = csv_out.stdout.strip().splitlines()
    assert header.startswith("id,routine_id") and "cramp-now" in row and ",r," in row
    md_out = coach("history", "--export", "md")
    assert md_out.returncode == 0 and "not a medical record" in md_out.stdout


def test_schema_prints_the_bundled_json_schema() -> None:
    result = coach("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    bundled = json.loads((builtin_dir("routines") / "routine.schema.json").read_text("utf-8"))
    assert schema == bundled
    assert schema["$schema"].endswith("2020-12/schema")


# `coach now` is read without argparse (coach.cli._relief_now_args); it must read exactly what
# argparse reads, and leave everything else, even other spellings of the same thing, to argparse.
RELIEF_NOW_ARGVS = [
    ["now"],
    ["now", "--foot"],
    ["--mute", "now"],
    ["--sound", "bell", "now", "--foot"],
    ["--mute", "--sound", "off", "--mute", "now"],
    ["--sound", "auto", "--sound", "bell", "now"],
    ["now", "--mute"],  # after the command too: what people type
    ["now", "--foot", "--sound", "off"],
    ["--sound", "bell", "now", "--sound", "off", "--mute"],
    ["now", "--voice"],
    ["--no-voice", "now"],
    ["--voice", "now", "--foot", "--voice"],
    ["--mute", "now", "--no-voice", "--sound", "bell"],
]
LEFT_TO_ARGPARSE = [
    [],
    ["run", "now"],
    ["now", "--foot", "--foot"],
    ["now", "extra"],
    ["--foot", "now"],
    ["--sound=bell", "now"],
    ["--sound", "loud", "now"],
    ["--sound", "now"],
    ["--mu", "now"],
    ["-h", "now"],
    ["now", "-h"],
    ["--", "now"],
    ["history"],
    ["now", "now"],
    ["now", "--sound"],
    ["now", "--voice", "--no-voice"],  # argparse says which two cannot go together
    ["--no-voice", "now", "--voice"],
    ["now", "--voic"],
]


@pytest.mark.parametrize("argv", RELIEF_NOW_ARGVS, ids=" ".join)
def test_relief_now_is_read_as_argparse_reads_it(argv: list[str]) -> None:
    from coach.cli import _relief_now_args, build_parser

    fast = _relief_now_args(argv)
    assert fast is not None
    assert vars(fast) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=lambda argv: " ".join(argv) or "(none)")
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    from coach.cli import _relief_now_args

    assert _relief_now_args(argv) is None


def test_mute_and_sound_after_run_work_too() -> None:
    from coach.cli import build_parser

    args = build_parser().parse_args(["run", "nightly", "--mute", "--sound", "bell"])
    assert (args.command, args.routine, args.mute, args.sound) == ("run", "nightly", True, "bell")
    args = build_parser().parse_args(["--sound", "off", "run", "nightly"])
    assert (args.mute, args.sound) == (False, "off")  # not overwritten by the command's options


def test_list_survives_file_and_folder_names_that_are_not_utf8(tmp_path: Path) -> None:
    """Under a UTF-8 locale stdout is strict: a lone surrogate from a file name would crash."""
    import os

    home = Path(os.fsdecode(bytes(tmp_path) + b"/h\xe9me"))
    folder = home / "routines"
    folder.mkdir(parents=True)
    routine = "name: Mine\nkind: prevention\nsteps:\n  - {name: S, hold: 10s}\n"
    (folder / "mine.yaml").write_text(routine)
    Path(os.fsdecode(bytes(folder) + b"/caf\xe9.yaml")).write_text(routine)
    env = {**os.environ, "COACH_HOME": os.fsdecode(bytes(home)), "PYTHONIOENCODING": "utf-8:strict"}
    result = subprocess.run(
        [sys.executable, "-m", "coach", "list"], capture_output=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8")  # strict: every byte printed is UTF-8
    assert "mine" in out and r"h\xe9me" in out
    assert r"caf\xe9.yaml:1:1: (file): expected a file name of UTF-8 text" in out


def test_plan_of_a_missing_routine_names_it_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    """The routine not found is the user's own words: printed, they must not act on the terminal."""
    from coach.cli import main

    assert main(["plan", "no\x1b]0;x\x07such"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "no\\x1b]0;x\\x07such" in err


COMMANDS = ("now", "run", "list", "validate", "plan", "history", "build", "say", "log", "trial")
COMMANDS += ("schema", "serve", "remind")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_help_says_what_it_does(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import main

    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    usage, _, rest = text.partition("\n\n")
    assert usage.startswith(f"usage: coach {command}")
    first = rest.splitlines()[0]  # the description, before the argument lists
    assert first and not first.endswith(":") and first[0].isupper(), text


def test_help_names_the_settings_file_even_at_an_odd_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import main

    home = tmp_path / "100%\x1b[31mred"
    monkeypatch.setenv("COACH_HOME", str(home))
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "settings.yaml" in text and "100%" in text and "\x1b" not in text
