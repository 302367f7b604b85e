"""Rendering the relief path's lines ahead (coach/audio/warm.py): what is rendered, once, under a
lock, at low priority, atomically; and `coach say --warm`."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

from coach.audio.script import QUESTION, routine_texts
from coach.audio.voice import Voice
from coach.audio.warm import (
    LOCK_NAME,
    Warmer,
    relief_routines,
    relief_texts,
    urgent_texts,
    warm,
    warm_lock,
)


class FakeEngine:
    def __init__(self, fail_on: str = "", gate: threading.Event | None = None) -> None:
        self.said: list[str] = []
        self.fail_on = fail_on
        self.gate = gate
        self.niceness: list[int] = []
        self.rendering = threading.Event()

    def render(self, text: str, path: Path) -> None:
        self.rendering.set()
        if sys.platform.startswith("linux"):
            self.niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        if self.gate is not None:
            self.gate.wait(5)
        if text == self.fail_on:
            raise RuntimeError("cannot say that")
        assert path.name.endswith(".tmp")  # written beside, then renamed into place
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"\1\0" * 800)
        self.said.append(text)


def voice_with(engine: FakeEngine, cache: Path) -> Voice:
    return Voice("espeak-ng", cache=cache, factory=lambda name, speed: engine)


def test_the_relief_lines_come_from_the_code_that_speaks_them() -> None:
    routines = relief_routines()
    assert [r.id for r in routines][:1] == ["cramp-now"]
    assert {"cramp-now", "cramp-foot"} <= {r.id for r in routines}
    texts = relief_texts()
    for routine in routines:
        assert set(routine_texts(routine)) <= set(texts)
    assert QUESTION in texts
    assert texts[0] == routine_texts(routines[0])[0]  # the first cramp's first line goes first
    urgent = urgent_texts()
    assert urgent and urgent[0] in texts and urgent[0].startswith("Urgent")
    assert len(texts) == len(set(texts))


def test_warm_renders_what_is_missing_once(tmp_path: Path) -> None:
    engine = FakeEngine(fail_on="Two.")
    voice = voice_with(engine, tmp_path)
    result = warm(voice, ["One.", "Two.", "Three.", "One."])
    assert result.rendered == ["One.", "Three."]
    assert [text for text, _ in result.failed] == ["Two."]
    assert voice.path("One.") is not None and voice.path("Three.") is not None
    again = warm(voice_with(FakeEngine(), tmp_path), ["One.", "Three."])
    assert again.rendered == [] and again.cached == ["One.", "Three."]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_never_twice_at_once(tmp_path: Path) -> None:
    with warm_lock(tmp_path) as held:
        assert held and (tmp_path / LOCK_NAME).exists()
        result = warm(voice_with(FakeEngine(), tmp_path), ["One."])
        assert result.busy and result.rendered == []
    assert warm(voice_with(FakeEngine(), tmp_path), ["One."]).rendered == ["One."]


def test_another_process_holding_the_lock_is_respected(tmp_path: Path) -> None:
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom coach.audio.warm import warm_lock\n"
        "with warm_lock(Path(sys.argv[1])) as held:\n    print(held, flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "True"
        with warm_lock(tmp_path, wait=0.2) as held:
            assert not held
    finally:
        other.communicate("\n", timeout=10)
    with warm_lock(tmp_path) as held:  # released when that process let go
        assert held


def test_a_read_only_cache_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with warm_lock(blocked / "voice") as held:
        assert not held


def test_the_warmer_runs_at_low_priority_and_stops_between_lines(tmp_path: Path) -> None:
    gate = threading.Event()
    engine = FakeEngine(gate=gate)
    warmer = Warmer(voice_with(engine, tmp_path), texts=lambda: ["One.", "Two.", "Three."])
    warmer.start()
    assert engine.rendering.wait(5)
    warmer.close()  # asked to stop while the first line renders
    gate.set()
    warmer.close(wait=5)
    assert warmer.done and warmer.result is not None and warmer.result.stopped
    assert engine.said == ["One."]
    if sys.platform.startswith("linux"):
        assert engine.niceness and min(engine.niceness) >= 19
    assert os.getpriority(os.PRIO_PROCESS, 0) < 19  # the app's own threads keep theirs


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["say", "--warm", "hello"], "--warm takes no TEXT"),
        (["say", "--warm", "--out", "x.wav"], "--warm takes no TEXT"),
        (["say"], "expected some text"),
    ],
)
def test_say_warm_refuses_what_does_not_go_with_it(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import main

    assert main(argv) == 1
    assert expected in capsys.readouterr().err


def test_say_warm_fills_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.audio import voice as voice_module
    from coach.cli import main

    engine = FakeEngine()
    monkeypatch.setattr(voice_module, "engine_name", lambda: "espeak-ng")
    monkeypatch.setattr(voice_module, "make_engine", lambda name, speed: engine)
    assert main(["say", "--warm"]) == 0
    out = capsys.readouterr().out
    assert "line(s) rendered now" in out and QUESTION in engine.said
    assert main(["say", "--warm"]) == 0
    assert "0 line(s) rendered now" in capsys.readouterr().out


def test_half_written_lines_left_by_a_killed_coach_are_removed(tmp_path: Path) -> None:
    old = tmp_path / ".0123456789abcdef0123456789abcdef.wav.42.7.tmp"
    new = tmp_path / ".fedcba9876543210fedcba9876543210.wav.43.7.tmp"
    other = tmp_path / "notes.txt"
    for path in (old, new, other):
        path.write_bytes(b"x")
    os.utime(old, (1.0, 1.0))
    warm(voice_with(FakeEngine(), tmp_path), ["One."])
    assert not old.exists() and new.exists() and other.exists()
