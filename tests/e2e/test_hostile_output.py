"""What the printing commands write, from the installed `coach`: no control character from a
file reaches the terminal (names, instructions, file names, bytes that are not UTF-8), and a
closed pipe or a full disk ends the command like a Unix tool (quiet, or one line), no traceback.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from ptyprocess import PtyProcess

from coach.output import CLOSED_PIPE_STATUS

pytestmark = pytest.mark.e2e

# What a file may hold to act on a terminal: a window title (OSC 0, ended by BEL), a clipboard
# write (OSC 52), a screen clear, a C1 CSI, a right-to-left override.
HOSTILE = ["\x1b]0;x\x07", "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x9b31m", "\u202e"]


def run_in_pty(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[bytes, int]:
    """Everything the program wrote to a real terminal, and its exit status."""
    proc = PtyProcess.spawn(argv, env={**os.environ, **env}, cwd=str(cwd), dimensions=(40, 200))
    chunks = []
    while True:
        try:
            chunks.append(proc.read(65536))
        except EOFError:
            break
    proc.wait()
    return b"".join(chunks), proc.exitstatus or 0


def hostile_routine(name: str) -> str:
    quoted = name.encode("unicode_escape").decode().replace('"', '\\"')  # YAML reads \x1b back
    return (
        f'name: "Calves {quoted} end"\n'
        "kind: prevention\n"
        "steps:\n"
        f'  - name: "Step {quoted}"\n'
        f'    instructions: "Do {quoted} it"\n'
        "    hold: 10s\n"
    )


def user_folder(coach_home: Path) -> Path:
    folder = coach_home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(HOSTILE):
        (folder / f"hostile-{n}.yaml").write_text(hostile_routine(text), encoding="utf-8")
    # File names too: control characters, and a byte that is not UTF-8 (Latin-1 e-acute).
    (folder / "evil\x1b]0;x\x07.yaml").write_text(hostile_routine("x"), encoding="utf-8")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.yaml"), "w", encoding="utf-8") as f:
        f.write(hostile_routine("y"))
    return folder


def assert_nothing_from_the_files(output: bytes) -> None:
    assert b"Traceback" not in output, output.decode(errors="replace")
    # None of these commands colours anything: every ESC, BEL or C1 byte would be the file's.
    for raw in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode()):
        assert raw not in output, (raw, output.decode(errors="replace"))


def test_list_escapes_names_and_file_names(coach: Path, coach_home: Path, tmp_path: Path) -> None:
    user_folder(coach_home)
    output, status = run_in_pty([str(coach), "list"], {"COACH_HOME": str(coach_home)}, tmp_path)
    assert_nothing_from_the_files(output)
    text = output.decode("utf-8")
    assert "caf\\xe9" in text  # the odd byte is shown as what it is
    assert status == 0


def test_plan_escapes_the_routine_it_prints(coach: Path, coach_home: Path, tmp_path: Path) -> None:
    folder = user_folder(coach_home)
    env = {"COACH_HOME": str(coach_home)}
    for n in range(len(HOSTILE)):
        output, _status = run_in_pty(
            [str(coach), "plan", str(folder / f"hostile-{n}.yaml")], env, tmp_path
        )
        assert_nothing_from_the_files(output)
        assert b"Calves" in output or b"hostile" in output  # the plan, or the loader's refusal
    odd_name = os.path.join(os.fsencode(folder), b"caf\xe9.yaml")
    for command in (["plan"], ["validate"]):
        proc = PtyProcess.spawn([os.fsencode(coach), *map(str.encode, command), odd_name],
                                env={**os.environ, **env}, cwd=str(tmp_path))  # fmt: skip
        output = b""
        while True:
            try:
                output += proc.read(65536)
            except EOFError:
                break
        assert_nothing_from_the_files(output)


def test_validate_escapes_file_names(coach: Path, coach_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad\x1b]0;x\x07.yaml"
    bad.write_text("name: x\nkind: nope\nsteps: []\n", encoding="utf-8")
    for argv in ([str(coach), "validate", str(bad)], [str(coach), "validate"]):
        user_folder(coach_home)
        (coach_home / "routines" / "broken\x1b[2J.yaml").write_text("kind: [\n", encoding="utf-8")
        output, status = run_in_pty(argv, {"COACH_HOME": str(coach_home)}, tmp_path)
        assert_nothing_from_the_files(output)
        assert status == 1  # the bad file is still reported as bad
        assert b"\\x1b" in output  # ... under its name, escaped


def run_into(coach: Path, stdout: int, coach_home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(coach), "list"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COACH_HOME": str(coach_home)},
        timeout=60,
    )


def test_list_into_a_closed_pipe_ends_quietly(coach: Path, coach_home: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `coach list | head -1` once head has gone
    try:
        done = run_into(coach, write_end, coach_home)
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == CLOSED_PIPE_STATUS  # as a shell reports a tool ended by SIGPIPE


def test_list_into_a_full_disk_says_so_in_one_line(coach: Path, coach_home: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = run_into(coach, full.fileno(), coach_home)
    assert done.stderr == "coach: cannot write the output: No space left on device\n"
    assert done.returncode == 1
