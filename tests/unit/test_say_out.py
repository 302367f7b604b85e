"""`coach say TEXT --out FILE` writes only a new regular file, never over a device, a named pipe,
a symlink or (unless --force) an existing file, and never makes folders (issue 22: run as root,
`--out /dev/null` replaced the machine's /dev/null). A fake engine stands in for the voice."""

from __future__ import annotations

import os
import stat
import wave
from pathlib import Path

import pytest

from coach.audio import voice as voice_module
from coach.cli import main
from coach.core.out_file import OutRefused, check_target, place, staging_path


class FakeEngine:
    def __init__(self) -> None:
        self.said: list[str] = []

    def render(self, text: str, path: Path) -> None:
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"\1\0" * 800)
        self.said.append(text)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr("coach.audio.voice.engine_name", lambda: "fake")
    real = voice_module.Voice

    def with_fake(name: str, speed: float = 1.0) -> voice_module.Voice:
        return real(name, speed, factory=lambda n, s: fake)  # Voice binds its factory early

    monkeypatch.setattr(voice_module, "Voice", with_fake)
    return fake


def say_out(target: Path | str, *extra: str) -> int:
    return main(["say", "hello", "--out", str(target), *extra])


def one_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    (line,) = captured.err.splitlines()
    return line


def only_the_target_left(folder: Path, *names: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no staged file behind


def test_a_new_file_is_written(tmp_path: Path, engine: FakeEngine, capsys) -> None:  # type: ignore[no-untyped-def]
    assert say_out(tmp_path / "x.wav") == 0
    assert "wrote" in capsys.readouterr().out and engine.said == ["hello"]
    with wave.open(str(tmp_path / "x.wav")) as w:
        assert w.getnframes() == 800
    only_the_target_left(tmp_path, "x.wav")


def test_an_existing_file_is_kept_unless_forced(tmp_path: Path, engine: FakeEngine, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "mine.wav"
    target.write_bytes(b"my own recording")
    assert say_out(target) == 1
    assert one_error(capsys) == (
        f"coach: say: --out: {target} already exists; add --force to replace it"
    )
    assert target.read_bytes() == b"my own recording" and engine.said == []  # not even rendered
    assert say_out(target, "--force") == 0
    assert target.read_bytes().startswith(b"RIFF")
    only_the_target_left(tmp_path, "mine.wav")


def test_a_symlink_is_never_replaced(tmp_path: Path, engine: FakeEngine, capsys) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real.txt"
    real.write_text("precious")
    link = tmp_path / "link.wav"
    link.symlink_to(real)
    for extra in ((), ("--force",)):
        assert say_out(link, *extra) == 1
        assert "is a symbolic link" in one_error(capsys)
    assert link.is_symlink() and real.read_text() == "precious"
    dangling = tmp_path / "dangling.wav"
    dangling.symlink_to(tmp_path / "nowhere")
    assert say_out(dangling) == 1 and "symbolic link" in one_error(capsys)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused(tmp_path: Path, engine: FakeEngine, capsys) -> None:  # type: ignore[no-untyped-def]
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert say_out(pipe, "--force") == 1  # and no open() that would block on the pipe
    assert one_error(capsys) == (
        f"coach: say: --out: {pipe} is a named pipe, not a regular file; nothing was written"
    )
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    only_the_target_left(tmp_path, "pipe")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_refused(engine: FakeEngine, capsys) -> None:  # type: ignore[no-untyped-def]
    before = os.lstat("/dev/null")
    assert say_out("/dev/null", "--force") == 1
    assert "/dev/null is a device, not a regular file" in one_error(capsys)
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino
    assert engine.said == []


def test_a_missing_folder_is_not_made(tmp_path: Path, engine: FakeEngine, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "not" / "there" / "x.wav"
    assert say_out(target) == 1
    assert one_error(capsys) == (
        f"coach: say: --out: the folder {target.parent} does not exist; create it first"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", [".", ""])
def test_a_folder_is_refused(engine: FakeEngine, capsys, name: str) -> None:  # type: ignore[no-untyped-def]
    assert say_out(name) == 1
    assert "expected a file name, got the folder" in one_error(capsys)


def test_a_file_that_appears_while_rendering_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "x.wav"
    check_target(target, force=False)
    staged = staging_path(target)
    staged.write_bytes(b"new speech")
    target.write_bytes(b"someone else's, just now")
    with pytest.raises(OutRefused, match="already exists"):
        place(staged, target, force=False)
    assert target.read_bytes() == b"someone else's, just now"


def test_a_symlink_that_appears_while_rendering_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "x.wav"
    staged = staging_path(target)
    staged.write_bytes(b"new speech")
    target.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OutRefused, match="symbolic link"):
        place(staged, target, force=True)
    assert target.is_symlink()


def test_a_cache_that_cannot_be_written_is_named_and_the_line_still_spoken(
    coach_home: Path, engine: FakeEngine, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Issue 22: a read-only voice cache was reported as the voice failing to speak."""
    (coach_home / "cache").write_text("a file where the cache folder should be")
    played: list[bytes] = []
    monkeypatch.setattr(
        "coach.commands.say._play", lambda path: played.append(path.read_bytes()) or 0
    )
    assert main(["say", "hello"]) == 0
    out = capsys.readouterr().out
    assert "the voice cache cannot be written" in out and "could not speak" not in out
    assert played and played[0].startswith(b"RIFF") and engine.said == ["hello"]


def test_a_damaged_cached_line_is_rendered_again(
    coach_home: Path, engine: FakeEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("coach.commands.say._play", lambda path: 0)
    assert main(["say", "hello"]) == 0
    (cached,) = (coach_home / "cache" / "voice").glob("*.wav")
    cached.write_bytes(b"RIFF and then nothing a player could use")
    assert main(["say", "hello"]) == 0
    assert engine.said == ["hello", "hello"]  # rendered again, not reused for ever
    with wave.open(str(cached)) as w:
        assert w.getnframes() == 800
