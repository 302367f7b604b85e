"""A key that moves the session on cuts the old step's speech and drops what it left waiting
(coach/audio/speech_queue.py), through a stop that can never hang (coach/audio/stop.py)."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

from coach.audio.script import QUESTION, Line, lines_for_events, moves_on
from coach.audio.speech_queue import (
    Item,
    SpeechQueue,
    admit,
    after_move,
    cue_item,
    cut_by_move,
    line_item,
)
from coach.audio.stop import stop_sound
from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import SegmentKind, build_timeline
from coach.core.session.events import Countdown, Finished, SegmentStarted

ASKED = Line(QUESTION, "question")
NEXT = Line("Rub the muscle.", "step")
URGENT = Line("Urgent help.", "urgent")


def write_wav(path: Path, seconds: float) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * int(8000 * seconds))
    return path


# -- the rules ----------------------------------------------------------------------------------


def test_a_move_drops_everything_waiting_but_urgent_help() -> None:
    pending = [
        cue_item("tick", 1.0),
        line_item(Line("Three.", "count"), 1.0),
        line_item(ASKED, 0.5),
        line_item(URGENT, 0.8),
    ]
    assert [p.what for p in after_move(pending)] == [URGENT.text]


def test_a_move_cuts_what_plays_except_urgent_help() -> None:
    assert cut_by_move(line_item(ASKED, 0.0))
    assert cut_by_move(cue_item("step", 0.0))
    assert not cut_by_move(line_item(URGENT, 0.0))
    assert not cut_by_move(None)


def test_after_a_move_the_new_cue_goes_before_its_line() -> None:
    pending = after_move([line_item(ASKED, 0.0)])
    pending = admit(pending, cue_item("step", 2.0), None)
    pending = admit(pending, line_item(NEXT, 2.0), None)
    assert [p.what for p in pending] == ["step", NEXT.text]


def quick_routine() -> Routine:
    step = Step(name="Stretch", instructions="Pull.", hold=5, until_released=True)
    return Routine(id="q", name="Q", kind="relief", steps=(step, Step(name="Rub", hold=5)))


def test_which_events_move_on() -> None:
    segments = build_timeline(quick_routine())
    question = next(s for s in segments if s.kind is SegmentKind.RELEASED_QUESTION)
    assert moves_on([SegmentStarted(segments[1])])
    assert moves_on([Finished()])
    assert not moves_on([Countdown(3)])
    assert not moves_on([])
    # the question is a segment of its own, so "n" at the hold moves on to it
    assert [line.text for line in lines_for_events([SegmentStarted(question)])] == [QUESTION]


# -- the thread ---------------------------------------------------------------------------------


class Handle:
    """A playing sound that records when it was stopped."""

    def __init__(self, log: list[tuple[str, float]], what: str, stop_raises: bool = False):
        self.log, self.what, self.stop_raises = log, what, stop_raises

    def stop(self) -> None:
        self.log.append((f"stop {self.what}", time.monotonic()))
        if self.stop_raises:
            raise RuntimeError("this backend cannot stop")


def make_queue(tmp_path: Path, log: list[tuple[str, float]], **handle: bool) -> SpeechQueue:
    long = write_wav(tmp_path / "long.wav", 5.0)
    short = write_wav(tmp_path / "short.wav", 0.2)
    files = {ASKED.text: long, NEXT.text: short, "Three.": short}

    def play_file(path: Path) -> Handle:
        what = next(text for text, file in files.items() if file == path and text in pending)
        return Handle(log, what, **handle)

    pending: set[str] = set()

    def ready(text: str) -> Path | None:
        pending.add(text)
        return files.get(text)

    def played(item: Item, at: float) -> None:
        log.append((item.what, at))

    return SpeechQueue(
        play_cue=lambda name: None,
        play_file=play_file,
        ready=ready,
        cue_seconds=lambda name: 0.05,
        on_played=played,
    )


def wait_for(log: list[tuple[str, float]], what: str, timeout: float = 5.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, at in list(log):
            if name == what:
                return at
        time.sleep(0.005)
    raise AssertionError(f"{what!r} never came: {log}")


def test_an_answer_cuts_the_question_and_the_next_step_starts_in_its_place(
    tmp_path: Path,
) -> None:
    log: list[tuple[str, float]] = []
    queue = make_queue(tmp_path, log)
    queue.say(ASKED)
    asked_at = wait_for(log, QUESTION)
    queue.moved_on()
    queue.cue("step")
    queue.say(NEXT)
    cue_at = wait_for(log, "step")
    line_at = wait_for(log, NEXT.text)
    queue.close()
    names = [name for name, _ in log]
    assert names.index(f"stop {QUESTION}") < names.index("step") < names.index(NEXT.text)
    assert cue_at - asked_at < 5.0  # the 5 s question did not play out first
    assert line_at >= cue_at  # the words follow their cue


def test_lines_left_waiting_by_the_old_step_are_not_said(tmp_path: Path) -> None:
    log: list[tuple[str, float]] = []
    queue = make_queue(tmp_path, log)
    queue.say(ASKED)
    wait_for(log, QUESTION)
    queue.cue("switch")  # asked for the step being left: waits behind the question
    queue.say(Line("Three.", "count"), time.monotonic())
    queue.moved_on()
    queue.cue("step")
    queue.say(NEXT)
    wait_for(log, NEXT.text)
    time.sleep(0.3)
    queue.close()
    names = [name for name, _ in log]
    assert "switch" not in names and "Three." not in names, names
    assert names[names.index("step") :] == ["step", NEXT.text]


def test_urgent_help_is_not_cut_by_a_move(tmp_path: Path) -> None:
    log: list[tuple[str, float]] = []
    urgent_wav = write_wav(tmp_path / "urgent.wav", 0.6)
    stopped = threading.Event()

    class UrgentHandle:
        def stop(self) -> None:
            stopped.set()

    queue = SpeechQueue(
        play_cue=lambda name: None,
        play_file=lambda path: UrgentHandle(),
        ready=lambda text: urgent_wav,
        cue_seconds=lambda name: 0.0,
        on_played=lambda item, at: log.append((item.what, at)),
    )
    queue.say(URGENT)
    wait_for(log, URGENT.text)
    queue.moved_on()
    assert not stopped.wait(0.3)
    queue.close()


def test_a_player_that_cannot_stop_does_not_hold_the_next_step(tmp_path: Path) -> None:
    log: list[tuple[str, float]] = []
    queue = make_queue(tmp_path, log, stop_raises=True)
    queue.say(ASKED)
    asked_at = wait_for(log, QUESTION)
    queue.moved_on()
    queue.cue("step")
    cue_at = wait_for(log, "step")
    queue.close()
    assert cue_at - asked_at < 5.0


# -- stopping a sound ---------------------------------------------------------------------------


def test_stop_sound_never_hangs_or_raises() -> None:
    release = threading.Event()

    class Stuck:
        def stop(self) -> None:
            release.wait(10)  # a backend whose stop blocks

    class Broken:
        def stop(self) -> None:
            raise OSError("no device")

    class Fine:
        stopped = False

        def stop(self) -> None:
            Fine.stopped = True

    began = time.monotonic()
    assert stop_sound(Stuck(), wait=0.05) is False
    assert time.monotonic() - began < 5.0  # returned while stop() was still blocked
    release.set()
    assert stop_sound(Broken()) is False
    assert stop_sound(object()) is False  # a handle with no stop() at all
    assert stop_sound(None) is False
    assert stop_sound(Fine()) is True and Fine.stopped


def test_a_line_cut_short_is_not_taken_for_a_missing_device(tmp_path: Path) -> None:
    """aplay ended by a signal may exit 1, as aplay with no device does: a line the queue
    stopped on purpose must not turn sound into the bell for the rest of the session."""
    from coach.audio.cues import Cues

    class Process:
        code: int | None = None

        def poll(self) -> int | None:
            return self.code

    class Sound:
        def __init__(self) -> None:
            self.subprocess = Process()

        def stop(self) -> None:
            self.subprocess.code = 1  # what aplay says when SIGTERM ends it

    played: list[Path] = []

    def player(path: Path, block: bool = True) -> Sound:
        played.append(path)
        return Sound()

    cues = Cues("auto", player=player, bell=lambda: None)
    line = write_wav(tmp_path / "line.wav", 1.0)
    handle = cues.play_file(line)
    cues.stop_file(handle)
    cues.play("step")
    assert cues.mode == "auto" and cues.notice is None
    assert [p.name for p in played] == ["line.wav", "step.wav"]
