"""coach now's early sound (coach/audio/early_sound.py): the first cue played once, right after the
paint, only when the settings and the safety record allow it; the first line rendered ahead."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from coach.audio import cues as sound
from coach.audio import early_sound
from coach.audio.early_sound import EarlySound
from coach.audio.script import routine_texts
from coach.core.paths import builtin_dir, safety_record_path
from coach.core.routines.compiled import read_compiled, routine_from_compiled

COMPILED = builtin_dir("routines") / "compiled" / "cramp-now.json"


def compiled() -> tuple[dict, Path]:
    return read_compiled(COMPILED), COMPILED


class FakePlayer:
    """playsound3's playsound: records the files started."""

    def __init__(self) -> None:
        self.files: list[str] = []

    def __call__(self, path: Path, block: bool = False) -> None:
        self.files.append(Path(path).name)


@pytest.fixture
def player(monkeypatch: pytest.MonkeyPatch) -> FakePlayer:
    fake = FakePlayer()
    monkeypatch.setattr(sound, "player_available", lambda: True)
    monkeypatch.setattr(sound, "_import_playsound", lambda: fake)
    return fake


def run(early: EarlySound) -> EarlySound:
    early.start().thread.join(10)
    assert not early.thread.is_alive()
    return early


def test_the_first_cue_plays_once_and_the_app_skips_it_once(player: FakePlayer) -> None:
    early = run(EarlySound(None, False, compiled()))
    cues = early.hand_over()
    assert cues is not None and cues.loaded
    assert player.files == ["step.wav"]
    assert early.cue_started_at is not None
    assert not early.took("tick")
    assert early.took("step")  # the player's first cue: already played
    assert not early.took("step")  # the next step's cue is the app's to play


@pytest.mark.parametrize("mode", ["off", "bell"])
def test_nothing_plays_early_unless_sound_is_auto(player: FakePlayer, mode: str) -> None:
    early = run(EarlySound(mode, None, compiled()))
    assert early.hand_over() is None
    assert player.files == []
    assert not early.took("step")


def test_settings_yaml_sound_off_is_respected(player: FakePlayer, coach_home: Path) -> None:
    (coach_home / "settings.yaml").write_text("sound: off\n", encoding="utf-8")
    early = run(EarlySound(None, None, compiled()))  # no --sound, no --mute: the file decides
    assert early.hand_over() is None
    assert player.files == []


def test_a_safety_record_leaves_the_start_to_the_app(player: FakePlayer) -> None:
    """A leg warning, or a step left out, may open instead of the painted step."""
    record = safety_record_path()
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("{}", encoding="utf-8")
    early = run(EarlySound(None, None, compiled()))
    assert early.hand_over() is None
    assert player.files == []


def test_an_app_that_did_not_wait_gets_none_and_nothing_plays(
    player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    from coach.core import settings

    real = settings.load_settings

    def slow_settings() -> Any:
        release.wait(10)
        return real()

    monkeypatch.setattr(settings, "load_settings", slow_settings)
    early = EarlySound(None, None, compiled()).start()
    assert early.hand_over(wait=0.01) is None  # the app makes its own Cues
    release.set()
    early.thread.join(10)
    assert player.files == []
    assert not early.took("step")


class FakeEngine:
    def __init__(self) -> None:
        self.said: list[str] = []

    def render(self, text: str, path: Path) -> None:
        import wave

        self.said.append(text)
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"\1\0" * 800)


@pytest.mark.parametrize("voice", [True, None, False])
def test_the_first_line_is_rendered_ahead_only_with_the_voice_on(
    player: FakePlayer, monkeypatch: pytest.MonkeyPatch, voice: bool | None
) -> None:
    from coach.audio import voice as voice_module

    engine = FakeEngine()
    monkeypatch.setattr(voice_module, "engine_name", lambda: "espeak-ng")
    monkeypatch.setattr(voice_module, "make_engine", lambda name, speed: engine)
    run(EarlySound(None, voice, compiled()))
    first = routine_texts(routine_from_compiled(*compiled()))[0]
    assert engine.said == ([] if voice is False else [first])  # None: settings' voice, on
    if voice is not False:
        assert voice_module.Voice("espeak-ng").path(first) is not None  # the app finds it


def test_take_hands_the_early_sound_over_once(
    player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(early_sound, "_early", None)
    early_sound.start("off", False, compiled())
    taken = early_sound.take()
    assert taken is not None
    assert early_sound.take() is None
    taken.thread.join(10)


def test_a_sound_that_fell_back_early_is_said_by_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """playsound3 failed to load in the early thread: the notice waits for the app's take."""

    def broken() -> Any:
        raise RuntimeError("no gst")

    rung: list[str] = []
    monkeypatch.setattr(sound, "player_available", lambda: True)
    monkeypatch.setattr(sound, "_import_playsound", broken)
    monkeypatch.setattr(sound, "terminal_bell", lambda: rung.append("early bell"))
    early = run(EarlySound(None, False, compiled()))
    cues = early.hand_over()
    assert cues is not None and cues.mode == "bell"
    cues.attach(bell=lambda: rung.append("app bell"), on_notice=lambda: rung.append("notice"))
    assert cues.take_notice() == sound.NOTICE_NO_PLAYER
    assert early.took("step")  # the bell already marked it
    cues.play("tick")
    assert rung[-1] == "app bell"


def test_piper_is_not_loaded_while_textual_loads(
    player: FakePlayer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.audio import voice as voice_module

    loaded: list[str] = []
    monkeypatch.setattr(voice_module, "engine_name", lambda: "piper")
    monkeypatch.setattr(voice_module, "make_engine", lambda name, speed: loaded.append(name))
    early = run(EarlySound(None, True, compiled()))
    assert loaded == []  # (the thread swallows errors: a raising fake could not fail this)
    assert player.files == ["step.wav"]  # the cue still plays early
    assert early.took("step")
