"""The one queue for cues and speech: its rules as plain functions, then its thread with fakes."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

from coach.audio.script import Line
from coach.audio.speech_queue import (
    CUE_MAX_LATE,
    Item,
    SpeechQueue,
    admit,
    cue_item,
    line_item,
    take,
    wav_seconds,
)

STEP = Line("Pull your toes toward you.", "step")


def texts(items: list[Item]) -> list[str]:
    return [item.what for item in items]


def test_speech_ducks_the_tick() -> None:
    speaking = line_item(STEP, 0.0)
    assert admit([], cue_item("tick", 1.0), speaking) == []
    waiting = [line_item(STEP, 0.0)]
    assert admit(waiting, cue_item("tick", 1.0), None) == waiting
    assert texts(admit([], cue_item("tick", 1.0), None)) == ["tick"]  # no speech: it plays


def test_a_countdown_number_takes_the_place_of_its_tick() -> None:
    pending = admit([], cue_item("tick", 5.0), None)
    assert texts(admit(pending, line_item(Line("Three.", "count"), 5.0), None)) == ["Three."]


def test_a_cue_goes_before_waiting_speech() -> None:
    pending = admit([], line_item(STEP, 0.0), None)
    assert texts(admit(pending, cue_item("step", 0.0), None)) == ["step", STEP.text]


def test_newer_speech_replaces_stale_speech_but_not_its_own_moment() -> None:
    pending = admit([], line_item(STEP, 0.0), None)
    pending = admit(pending, line_item(Line("Rest.", "rest"), 6.0), None)
    assert texts(pending) == ["Rest."]
    pending = admit(pending, line_item(Line("Three.", "count"), 6.0), None)
    assert texts(pending) == ["Rest.", "Three."]  # asked at the same moment: both stay


def test_urgent_help_goes_first_and_is_never_replaced() -> None:
    pending = [cue_item("tick", 0.0), line_item(STEP, 0.0)]
    urgent = line_item(Line("Urgent help.", "urgent"), 1.0)
    pending = admit(pending, urgent, None)
    assert pending == [urgent]
    pending = admit(pending, line_item(Line("Rest.", "rest"), 2.0), None)
    assert texts(pending) == ["Urgent help.", "Rest."]


def test_take_drops_what_is_too_late_and_waits_for_a_line_being_rendered() -> None:
    late_cue = cue_item("step", 0.0)
    line = line_item(STEP, 0.0)
    count = line_item(Line("Three.", "count"), 0.0)
    item, rest = take([late_cue, line, count], CUE_MAX_LATE + 0.1, lambda text: None)
    assert item is None and rest == [line]  # the cue and the number are too late; the line waits
    item, rest = take(rest, 1.0, lambda text: Path("x.wav"))
    assert item == line and rest == []
    item, rest = take([line], 9.0, lambda text: Path("x.wav"))
    assert item is None and rest == []  # a step's line 9 s late is not said


def test_a_line_not_yet_rendered_holds_the_lines_after_it() -> None:
    first, second = line_item(STEP, 0.0), line_item(Line("Three.", "count"), 0.0)
    ready = {"Three."}
    item, rest = take([first, second], 0.05, lambda text: Path(text) if text in ready else None)
    assert item is None and rest == [first, second]


def write_wav(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * int(8000 * seconds))
    return path


def test_wav_seconds(tmp_path: Path) -> None:
    assert abs(wav_seconds(write_wav(tmp_path / "a.wav", 0.5)) - 0.5) < 1e-6
    assert wav_seconds(tmp_path / "missing.wav") == 0.0
    (tmp_path / "bad.wav").write_bytes(b"not a wav")
    assert wav_seconds(tmp_path / "bad.wav") == 0.0


class Recorder:
    def __init__(self) -> None:
        self.log: list[tuple[str, float]] = []
        self.done = threading.Event()

    def played(self, item: Item, at: float) -> None:
        self.log.append((item.what, at))


def test_the_thread_plays_one_item_at_a_time_in_order(tmp_path: Path) -> None:
    speech = write_wav(tmp_path / "s.wav", 0.3)
    rec = Recorder()
    queue = SpeechQueue(
        play_cue=lambda name: None,
        play_file=lambda path: None,
        ready=lambda text: speech,
        cue_seconds=lambda name: 0.1,
        on_played=rec.played,
    )
    queue.cue("step")
    queue.say(STEP)
    queue.cue("tick")  # ducked: the line waits to be said
    deadline = time.monotonic() + 5
    while not (queue.idle and len(rec.log) >= 2) and time.monotonic() < deadline:
        time.sleep(0.01)
    queue.close()
    assert [what for what, _ in rec.log] == ["step", STEP.text]
    (_, cue_at), (_, line_at) = rec.log
    assert line_at - cue_at >= 0.1  # the line starts after the cue has ended


def test_clear_stops_what_plays(tmp_path: Path) -> None:
    speech = write_wav(tmp_path / "s.wav", 5.0)
    stopped, started = threading.Event(), threading.Event()

    class Handle:
        def __init__(self) -> None:
            started.set()

        def stop(self) -> None:
            stopped.set()

    queue = SpeechQueue(
        play_cue=lambda name: None,
        play_file=lambda path: Handle(),
        ready=lambda text: speech,
        cue_seconds=lambda name: 0.0,
    )
    queue.say(STEP)
    assert started.wait(5)
    queue.clear()
    assert stopped.wait(2)
    queue.close()


def test_nothing_starts_while_the_player_loads(tmp_path: Path) -> None:
    loaded = threading.Event()
    rec = Recorder()
    queue = SpeechQueue(
        play_cue=lambda name: None,
        play_file=lambda path: None,
        ready=lambda text: None,
        cue_seconds=lambda name: 0.0,
        on_played=rec.played,
        can_play=loaded.is_set,
    )
    queue.cue("step")
    time.sleep(0.15)
    assert rec.log == []
    loaded.set()
    deadline = time.monotonic() + 2
    while not rec.log and time.monotonic() < deadline:
        time.sleep(0.01)
    queue.close()
    assert [what for what, _ in rec.log] == ["step"]


def test_a_cue_played_elsewhere_only_holds_the_line_back(tmp_path: Path) -> None:
    speech = write_wav(tmp_path / "s.wav", 0.1)
    rec, cued = Recorder(), []
    queue = SpeechQueue(
        play_cue=cued.append,
        play_file=lambda path: None,
        ready=lambda text: speech,
        cue_seconds=lambda name: 0.3,
        on_played=rec.played,
    )
    queue.cue_started("step", time.monotonic())
    queue.say(STEP)
    deadline = time.monotonic() + 5
    while len(rec.log) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    queue.close()
    assert cued == []  # not played twice
    (_, cue_at), (_, line_at) = rec.log
    assert line_at - cue_at >= 0.3


def test_a_cue_that_began_long_ago_holds_nothing_back(tmp_path: Path) -> None:
    """coach now's early cue (coach/audio/early_sound.py) began before the queue existed: the
    silence kept for it counts from when it began, so a line after its end is not delayed."""
    speech = write_wav(tmp_path / "s.wav", 0.1)
    rec = Recorder()
    queue = SpeechQueue(
        play_cue=lambda name: None,
        play_file=lambda path: None,
        ready=lambda text: speech,
        cue_seconds=lambda name: 3.0,
        on_played=rec.played,
    )
    asked = time.monotonic()
    began = asked - 10.0
    queue.cue_started("step", asked, began)
    queue.say(STEP)
    deadline = time.monotonic() + 5
    while len(rec.log) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    queue.close()
    (_, cue_at), (_, line_at) = rec.log
    assert cue_at == began
    assert line_at - asked < 2.0  # not held for the cue's 3 s from when the queue took it
