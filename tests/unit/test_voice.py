"""The voice: cache keys, rendering ahead in a thread with a fake engine, `coach say`, the speaker.

The real engines are tested where they are installed (skipped with the reason otherwise)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest

from coach.audio import voice as voice_module
from coach.audio.script import Line
from coach.audio.speaker import Speaker, make_speaker
from coach.audio.voice import NOTICE_NO_VOICE, Voice, cache_dir, cache_key


class FakeEngine:
    def __init__(self, fail_on: str = "") -> None:
        self.said: list[str] = []
        self.fail_on = fail_on

    def render(self, text: str, path: Path) -> None:
        if text == self.fail_on:
            raise RuntimeError("cannot say that")
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"\1\0" * 800)
        self.said.append(text)


def wait_for(check, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_cache_keys_differ_by_text_engine_and_speed() -> None:
    keys = {
        cache_key("Rest.", "piper/x", 1.0),
        cache_key("Rest!", "piper/x", 1.0),
        cache_key("Rest.", "espeak-ng", 1.0),
        cache_key("Rest.", "piper/x", 1.5),
    }
    assert len(keys) == 4
    assert all(key.endswith(".wav") and "/" not in key for key in keys)


def test_a_cache_key_is_the_same_in_the_next_run() -> None:
    # Another process with another string-hash seed: a key built on hash() would differ there,
    # and every line would be rendered again at the next cramp.
    code = "from coach.audio.voice import cache_key; print(cache_key('Rest.', 'piper/x', 1.0))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert other.stdout.strip() == cache_key("Rest.", "piper/x", 1.0)


def test_the_cache_lives_in_coach_home_under_tests(coach_home: Path) -> None:
    assert cache_dir() == coach_home / "cache" / "voice"


def test_lines_are_rendered_ahead_in_order_and_kept(tmp_path: Path) -> None:
    engine = FakeEngine(fail_on="Bad.")
    voice = Voice("fake", cache=tmp_path, factory=lambda name, speed: engine)
    voice.want(["Rest.", "Bad.", "Again."])
    voice.want(["Go."], first=True)
    assert voice.path("Rest.") is None  # not started: nothing is ready, nothing waits
    voice.start()
    wait_for(lambda: voice.path("Again.") is not None)
    assert engine.said == ["Go.", "Rest.", "Again."]  # "Bad." failed without stopping the rest
    assert voice.path("Bad.") is None
    assert set(voice.ready_at) == {"Go.", "Rest.", "Again."}
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left behind
    voice.close()
    again = Voice("fake", cache=tmp_path, factory=lambda name, speed: FakeEngine())
    assert again.path("Rest.") == voice.path("Rest.")  # an earlier run's file is used


def test_an_engine_that_cannot_load_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    def broken(name: str, speed: float) -> FakeEngine:
        raise OSError("no model")

    voice = Voice("fake", cache=tmp_path, factory=broken)
    thread = voice.start()
    assert thread is not None
    thread.join(5)
    assert voice.problem == voice_module.NOTICE_VOICE_FAILED


def test_no_engine_gives_a_notice_and_no_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice_module.shutil, "which", lambda name: None)
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    cues = type("C", (), {"mode": "auto"})()
    assert make_speaker(cues, wanted=True) == (None, NOTICE_NO_VOICE)
    assert make_speaker(cues, wanted=True) == (None, None)  # said once, not at every cramp
    assert make_speaker(cues, wanted=False) == (None, None)
    cues.mode = "bell"
    assert make_speaker(cues, wanted=True, name="espeak-ng") == (None, None)


class FakeCues:
    mode = "auto"
    mute = False
    loaded = True
    sounds_dir = None

    def __init__(self) -> None:
        self.played: list[str] = []
        self.files: list[Path] = []
        self.lock = threading.Lock()

    def play(self, name: str) -> None:
        with self.lock:
            self.played.append(name)

    def play_file(self, path: Path) -> None:
        with self.lock:
            self.files.append(path)


def test_the_speaker_says_lines_through_the_queue_and_v_turns_it_off(tmp_path: Path) -> None:
    cues = FakeCues()
    speaker = Speaker(cues, Voice("fake", cache=tmp_path, factory=lambda n, s: FakeEngine()))
    speaker.start()
    speaker.cue("step")
    speaker.say([Line("Rest.", "rest")])  # not rendered yet: rendered first, then said
    wait_for(lambda: len(cues.files) == 1)
    assert cues.played == ["step"]
    assert speaker.toggle() is False
    speaker.say([Line("Again.", "step")])
    cues.mute = True
    assert speaker.toggle() is True
    speaker.say([Line("Go.", "step")])  # muted: nothing is said
    time.sleep(0.3)
    assert len(cues.files) == 1
    speaker.close()


def test_coach_say_without_a_voice_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from coach.cli import main
    from coach.core.settings import settings_path

    monkeypatch.setattr("coach.audio.voice.engine_name", lambda: None)
    assert main(["say", "hello"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cramp-coach[voice]" in err
    out = tmp_path / "x.wav"
    assert main(["say", "hello", "--out", str(out)]) == 1 and not out.exists()
    err = capsys.readouterr().err  # issue 23: how to get a voice, and where the settings are
    assert err.count("\n") == 1 and "apt install espeak-ng" in err
    assert str(settings_path()) in err
    assert main(["say", "  "]) == 1
    assert "expected some text" in capsys.readouterr().err


def test_coach_say_out_with_a_fake_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import main

    monkeypatch.setattr("coach.audio.voice.engine_name", lambda: "fake")
    monkeypatch.setattr("coach.audio.voice.make_engine", lambda name, speed: FakeEngine())
    out = tmp_path / "x.wav"
    assert main(["say", "hello", "--out", str(out)]) == 0
    assert out.is_file() and "wrote" in capsys.readouterr().out
    assert main(["say", "hello", "--out", str(tmp_path)]) == 1  # a folder
    assert capsys.readouterr().err.startswith("coach: say: --out: expected a file name")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_ng_renders_a_second_of_speech(tmp_path: Path) -> None:
    from coach.audio.speech_queue import wav_seconds

    voice = Voice("espeak-ng", cache=tmp_path)
    path = voice.render_now("-s 999 Pull your toes toward you. Hold thirty seconds.")
    assert wav_seconds(path) > 1.0  # and the text was not read as an option


@pytest.mark.skipif(
    voice_module.engine_name() != "piper", reason="the voice extra (piper-tts) is not installed"
)
def test_piper_renders_a_second_of_speech(tmp_path: Path) -> None:
    from coach.audio.speech_queue import wav_seconds

    path = Voice("piper", cache=tmp_path).render_now("Pull your toes toward you.")
    assert wav_seconds(path) > 1.0


def test_the_engine_can_be_chosen_for_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(voice_module.ENGINE_ENV)  # tests/conftest.py sets "none"
    monkeypatch.setattr(voice_module.shutil, "which", lambda name: "/usr/bin/espeak-ng")
    monkeypatch.setattr(voice_module, "_piper_installed", lambda: True)
    assert voice_module.engine_name() == "piper"
    monkeypatch.setenv(voice_module.ENGINE_ENV, "espeak-ng")
    assert voice_module.engine_name() == "espeak-ng"
    monkeypatch.setenv(voice_module.ENGINE_ENV, "festival")
    assert voice_module.engine_name() is None
    monkeypatch.setenv(voice_module.ENGINE_ENV, "piper")
    monkeypatch.setattr(voice_module, "_piper_installed", lambda: False)
    assert voice_module.engine_name() is None
