"""Sound cues with a fake player and a fake bell: no audio device, no playsound3 player needed."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path
from typing import Any

import pytest

import coach.audio.cues as sound
from coach.audio.cues import CUE_NAMES, NOTICE_NO_DEVICE, NOTICE_NO_PLAYER, Cues
from coach.core.paths import builtin_dir

SOUNDS = builtin_dir("sounds")


class FakePlayer:
    """Records calls like playsound(path, block=False); can be told to raise."""

    def __init__(self, error: Exception | None = None, handle: Any = None) -> None:
        self.calls: list[tuple[Path, bool]] = []
        self.error = error
        self.handle = handle

    def __call__(self, path: Path, block: bool = True) -> Any:
        self.calls.append((path, block))
        if self.error is not None:
            raise self.error
        return self.handle


class FakeBell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


class FakeProcess:
    def __init__(self, code: int | None) -> None:
        self.code = code

    def poll(self) -> int | None:
        return self.code


class FakeHandle:
    """Stands in for playsound3's Sound: .subprocess.poll() and .stop()."""

    def __init__(self, code: int | None = None) -> None:
        self.subprocess = FakeProcess(code)
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def bell() -> FakeBell:
    return FakeBell()


def test_auto_plays_each_cue_file_without_blocking(bell: FakeBell) -> None:
    player = FakePlayer()
    cues = Cues("auto", player=player, bell=bell)
    for name in CUE_NAMES:
        cues.play(name)
    assert player.calls == [(SOUNDS / f"{name}.wav", False) for name in CUE_NAMES]
    assert bell.rings == 0
    assert cues.notice is None and cues.take_notice() is None


def test_default_sounds_dir_is_the_bundled_folder(bell: FakeBell) -> None:
    player = FakePlayer()
    Cues(player=player, bell=bell).play("done")
    assert player.calls == [(SOUNDS / "done.wav", False)]


def test_off_mode_does_nothing(bell: FakeBell) -> None:
    player = FakePlayer()
    cues = Cues("off", player=player, bell=bell)
    for name in CUE_NAMES:
        cues.play(name)
    assert player.calls == [] and bell.rings == 0
    assert cues.warm_up() is None


def test_bell_mode_rings_and_never_plays_a_file(bell: FakeBell) -> None:
    player = FakePlayer()
    cues = Cues("bell", player=player, bell=bell)
    for name in CUE_NAMES:
        cues.play(name)
    assert bell.rings == len(CUE_NAMES) and player.calls == []
    assert cues.notice is None


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="sound mode"):
        Cues("loud")


def test_player_that_raises_switches_to_bell_with_a_notice_once(bell: FakeBell) -> None:
    player = FakePlayer(error=RuntimeError("No supported audio backends on this system!"))
    cues = Cues("auto", player=player, bell=bell)
    cues.play("step")  # must not raise
    assert bell.rings == 1, "the failed cue is still marked, by the bell"
    assert cues.mode == "bell"
    assert cues.notice == NOTICE_NO_DEVICE
    assert cues.take_notice() == NOTICE_NO_DEVICE
    assert cues.take_notice() is None
    cues.play("tick")
    cues.play("done")
    assert len(player.calls) == 1, "after the fallback the player is not tried again"
    assert bell.rings == 3
    assert cues.notice == NOTICE_NO_DEVICE and cues.take_notice() is None


def test_player_that_exits_with_an_error_falls_back_on_the_next_cue(bell: FakeBell) -> None:
    # aplay with no sound card does not raise: it starts, then exits 1.
    player = FakePlayer(handle=FakeHandle(code=1))
    cues = Cues("auto", player=player, bell=bell)
    cues.play("step")
    assert bell.rings == 0
    cues.play("tick")
    assert cues.mode == "bell" and bell.rings == 1 and len(player.calls) == 1
    assert cues.take_notice() == NOTICE_NO_DEVICE


def test_a_player_still_running_is_not_a_failure(bell: FakeBell) -> None:
    player = FakePlayer(handle=FakeHandle(code=None))
    cues = Cues("auto", player=player, bell=bell)
    cues.play("step")
    cues.play("tick")
    assert len(player.calls) == 2 and bell.rings == 0 and cues.mode == "auto"


def test_missing_file_rings_the_bell_for_that_cue_only(tmp_path: Path, bell: FakeBell) -> None:
    (tmp_path / "tick.wav").write_bytes((SOUNDS / "tick.wav").read_bytes())
    player = FakePlayer()
    cues = Cues("auto", sounds_dir=tmp_path, player=player, bell=bell)
    cues.play("step")  # missing
    cues.play("tick")  # present
    cues.play("no-such-cue")
    assert bell.rings == 2
    assert player.calls == [(tmp_path / "tick.wav", False)]
    assert cues.mode == "auto"


def test_mute_toggles_and_stops_the_sound_playing(bell: FakeBell) -> None:
    handle = FakeHandle()
    player = FakePlayer(handle=handle)
    cues = Cues("auto", player=player, bell=bell)
    assert cues.mute is False
    cues.play("step")
    assert cues.toggle_mute() is True and cues.mute is True
    assert handle.stopped
    cues.play("tick")
    assert len(player.calls) == 1
    assert cues.toggle_mute() is False
    cues.play("tick")
    assert len(player.calls) == 2
    cues.mute = True
    cues.play("done")
    assert len(player.calls) == 2 and bell.rings == 0


def test_mute_silences_the_bell_too(bell: FakeBell) -> None:
    cues = Cues("bell", bell=bell)
    cues.toggle_mute()
    cues.play("step")
    assert bell.rings == 0


REAL_PLAYER_AVAILABLE = sound.player_available


@pytest.fixture(autouse=True)
def a_player_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loading tests below use a fake import; pretend a player exists on this machine."""
    monkeypatch.setattr(sound, "player_available", lambda: True)


def test_with_no_player_installed_playsound3_is_never_imported(
    monkeypatch: pytest.MonkeyPatch, bell: FakeBell
) -> None:
    def must_not_import() -> Any:
        raise AssertionError("playsound3 imported although no player exists")

    monkeypatch.setattr(sound, "player_available", lambda: False)
    monkeypatch.setattr(sound, "_import_playsound", must_not_import)
    cues = Cues("auto", bell=bell)
    loader = cues.warm_up()
    assert loader is not None
    loader.join(timeout=5)
    assert cues.mode == "bell"
    assert cues.take_notice() == NOTICE_NO_DEVICE
    cues.play("step")
    assert bell.rings == 1


def test_a_cue_asked_for_while_loading_still_rings_when_sound_falls_back(
    monkeypatch: pytest.MonkeyPatch, bell: FakeBell
) -> None:
    release = threading.Event()

    def slow_check() -> bool:
        release.wait(timeout=5)
        return False

    monkeypatch.setattr(sound, "player_available", slow_check)
    cues = Cues("auto", bell=bell)
    loader = cues.warm_up()
    assert loader is not None
    cues.play("step")  # the first cue of `coach now`, before loading has decided anything
    assert bell.rings == 0
    release.set()
    loader.join(timeout=5)
    assert bell.rings == 1, "the first cue was lost"
    assert cues.take_notice() == NOTICE_NO_DEVICE


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the PATH check is Linux-only")
def test_player_available_looks_for_the_linux_players(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert REAL_PLAYER_AVAILABLE() is False
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/aplay" if name == "aplay" else None)
    assert REAL_PLAYER_AVAILABLE() is True


def test_a_bell_that_raises_costs_that_cue_only() -> None:
    tries: list[str] = []

    def bell_broken_once() -> None:
        tries.append("rang")
        if len(tries) == 1:
            raise OSError("no terminal")

    cues = Cues("bell", bell=bell_broken_once)
    cues.play("step")  # raises inside: swallowed
    cues.play("tick")  # and the bell is still tried for the next cue
    assert tries == ["rang", "rang"] and cues.mode == "bell"


def test_play_never_raises_when_importing_playsound3_fails(
    monkeypatch: pytest.MonkeyPatch, bell: FakeBell
) -> None:
    def broken_import() -> Any:
        raise ImportError("gst-play-1.0 is broken")

    monkeypatch.setattr(sound, "_import_playsound", broken_import)
    cues = Cues("auto", bell=bell)
    cues.play("step")  # starts loading in the background; must not raise or block
    loader = cues._loader
    assert loader is not None
    loader.join(timeout=5)
    assert cues.mode == "bell"
    assert cues.take_notice() == NOTICE_NO_PLAYER
    assert bell.rings == 1  # the "step" asked for while loading is not lost
    cues.play("tick")
    assert bell.rings == 2


def test_play_while_loading_does_not_block_and_plays_when_loaded(
    monkeypatch: pytest.MonkeyPatch, bell: FakeBell
) -> None:
    release = threading.Event()
    player = FakePlayer()
    events: list[str] = []

    def slow_import() -> Any:
        # only the test lets it finish: a play() that waited for it would wait the 30 s out
        events.append("import finished" if release.wait(timeout=30) else "import gave up")
        return player

    monkeypatch.setattr(sound, "_import_playsound", slow_import)
    cues = Cues("auto", bell=bell)
    loader = cues.warm_up()
    assert loader is not None and loader.daemon
    assert cues.warm_up() is None, "a second warm_up does not start a second import"
    cues.play("tick")
    cues.play("step")  # the latest cue asked for while loading wins
    events.append("plays returned")
    assert player.calls == [] and bell.rings == 0
    release.set()
    loader.join(timeout=30)
    assert events == ["plays returned", "import finished"]
    assert player.calls == [(SOUNDS / "step.wav", False)]
    cues.play("done")
    assert player.calls[-1] == (SOUNDS / "done.wav", False)


def test_a_cue_that_waited_too_long_for_loading_is_skipped(
    monkeypatch: pytest.MonkeyPatch, bell: FakeBell
) -> None:
    release = threading.Event()
    player = FakePlayer()

    def slow_import() -> Any:
        release.wait(timeout=5)
        return player

    monkeypatch.setattr(sound, "_import_playsound", slow_import)
    monkeypatch.setattr(sound, "MAX_LATE", 0.0)
    cues = Cues("auto", bell=bell)
    cues.play("tick")
    time.sleep(0.01)
    release.set()
    assert cues._loader is not None
    cues._loader.join(timeout=5)
    assert player.calls == [] and bell.rings == 0


def test_warm_up_with_an_injected_player_has_nothing_to_load() -> None:
    assert Cues("auto", player=FakePlayer(), bell=FakeBell()).warm_up() is None
    assert Cues("bell", bell=FakeBell()).warm_up() is None


def test_importing_coach_sound_does_not_import_playsound3() -> None:
    code = (
        "import sys, coach.audio.cues as s; s.Cues('auto'); s.Cues('bell');"
        " print('playsound3' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", CUE_NAMES)
def test_cue_file_is_a_short_valid_wav(name: str) -> None:
    path = SOUNDS / f"{name}.wav"
    assert path.is_file()
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        assert wav.getframerate() == 22050
        assert 0 < wav.getnframes() / wav.getframerate() < 1.0


def test_cue_files_are_what_make_cues_writes(tmp_path: Path) -> None:
    # Deterministic output: regenerating must reproduce the committed bytes exactly.
    spec = importlib.util.spec_from_file_location("make_cues", SOUNDS / "make_cues.py")
    assert spec is not None and spec.loader is not None
    make_cues = importlib.util.module_from_spec(spec)
    sys.modules["make_cues"] = make_cues  # dataclasses look their module up while defining
    try:
        spec.loader.exec_module(make_cues)
        make_cues.main(["--out", str(tmp_path)])
    finally:
        del sys.modules["make_cues"]
    for name in CUE_NAMES:
        fresh = (tmp_path / f"{name}.wav").read_bytes()
        assert fresh == (SOUNDS / f"{name}.wav").read_bytes(), f"{name}.wav is out of date"


def test_on_notice_is_called_once_when_sound_falls_back(
    monkeypatch: pytest.MonkeyPatch, bell: FakeBell
) -> None:
    calls: list[str | None] = []
    monkeypatch.setattr(sound, "player_available", lambda: False)
    cues = Cues("auto", bell=bell, on_notice=lambda: calls.append(cues.notice))
    loader = cues.warm_up()
    assert loader is not None
    loader.join(timeout=5)
    cues.play("step")
    assert calls == [NOTICE_NO_DEVICE]
