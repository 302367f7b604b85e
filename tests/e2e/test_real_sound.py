"""What actually reached the sound card, heard through ALSA's file capture (sound_capture.py).

These need aplay and mpg123 (Debian: alsa-utils, mpg123; .ci/run installs them when it can) and,
for speech, a voice (the `voice` extra, or espeak-ng); they are skipped with the reason otherwise.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coach.audio.script import QUESTION
from coach.audio.speech_queue import wav_seconds
from coach.audio.voice import ENGINE_ENV, Voice, engine_name
from coach.core.paths import builtin_dir

from .installed import READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start
from .sound_capture import PIPE_AHEAD, capture_home, missing_programs, overlaps, played

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        bool(missing_programs()),
        reason=f"the real sound path needs {' and '.join(missing_programs())} (apt: alsa-utils, "
        "mpg123)",
    ),
]
ENGINES = {
    "piper": "the voice extra is not installed (pip install '.[voice]')",
    "espeak-ng": "espeak-ng is not installed (apt install espeak-ng)",
}


@pytest.fixture(params=list(ENGINES))
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each voice the machine has, in turn (CI: espeak-ng; with the extra: piper too)."""
    monkeypatch.setenv(ENGINE_ENV, request.param)
    if engine_name() != request.param:
        pytest.skip(ENGINES[request.param])
    return str(request.param)


# lead-in 0; hold 7 s x 2 with 4 s of rest: step cue at 0, countdown at 4 5 6, rest at 7,
# countdown at 8 9 10, step cue at 11, countdown at 15 16 17, done at 18.
QUICK = """\
name: Quick
kind: prevention
lead_in: 0s
steps:
  - name: Calf stretch
    instructions: Lean on the wall.
    hold: 7s
    sets: 2
    rest: 4s
"""
SECOND_STEP_CUE, DONE = 11, 18
TICKS = (4, 5, 6, 8, 9, 10, 15, 16, 17)


def env_for(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}


def test_coach_now_voice_speaks_within_six_seconds(
    coach: Path, coach_home: Path, tmp_path: Path, engine: str
) -> None:
    folder = capture_home(tmp_path)
    began = time.time()
    with start(coach, coach_home, "now", "--voice", mute=False, env=env_for(tmp_path)) as term:
        term.wait_for("toes", timeout=START_TIMEOUT)
        time.sleep(max(0.0, began + 6.5 - time.time()))
        no_traceback(term)
    sounds = played(folder)
    early = [s for s in sounds if s.start - began <= 6.0]
    speech = sum(s.speech_seconds() for s in early if s.name == "speech")
    assert speech >= 1.0, [(round(s.start - began, 2), s.name, s.seconds) for s in sounds]
    assert [s.name for s in sounds][:1] == ["step"]  # the step's cue first, then its words
    # once: launch plays it right after the early paint and the app does not play it again
    assert [s.name for s in early].count("step") == 1
    assert not overlaps(sounds)


def test_cues_on_schedule_and_nothing_overlapping_with_the_voice(
    coach: Path, coach_home: Path, tmp_path: Path, engine: str
) -> None:
    check_schedule(coach, coach_home, tmp_path, "--voice")


def test_cues_on_schedule_without_the_voice(coach: Path, coach_home: Path, tmp_path: Path) -> None:
    check_schedule(coach, coach_home, tmp_path, "--no-voice")


def check_schedule(coach: Path, coach_home: Path, tmp_path: Path, voice: str) -> None:
    routine = tmp_path / "quick.yaml"
    routine.write_text(QUICK, encoding="utf-8")
    folder = capture_home(tmp_path)
    with start(coach, coach_home, "run", str(routine), voice, mute=False, env=env_for(tmp_path)):
        time.sleep(DONE + 4)
    sounds = played(folder)
    shown = [(round(s.start - sounds[0].start, 3), s.name, round(s.seconds, 2)) for s in sounds]
    steps = [s for s in sounds if s.name == "step"]
    assert len(steps) == 2, shown
    zero = steps[1].start - SECOND_STEP_CUE  # the schedule, from the second step cue
    expected = {0: "step", SECOND_STEP_CUE: "step", DONE: "done", **dict.fromkeys(TICKS, "tick")}
    for sound in sounds:
        if sound.name == "speech":
            continue
        at = sound.start - zero
        # Each cue at its second, in order; how close to it is a figure for the bench
        # (tests/bench/voice_latency.py), not a bound for a shared, noisy machine.
        assert expected.get(round(at)) == sound.name, (sound.name, at, shown)
    assert [s.name for s in sounds if s.name != "speech"][-1] == "done"
    if voice == "--no-voice":
        assert [s.name for s in sounds].count("tick") == len(TICKS)
        assert "speech" not in [s.name for s in sounds]
    else:
        assert sum(s.speech_seconds() for s in sounds if s.name == "speech") >= 2.0, shown
    assert not overlaps(sounds), shown


def test_nothing_is_played_when_muted(coach: Path, coach_home: Path, tmp_path: Path) -> None:
    folder = capture_home(tmp_path)
    with start(coach, coach_home, "now", "--voice", mute=True, env=env_for(tmp_path)) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        time.sleep(4)
    assert played(folder) == []


def test_m_silences_cues_and_speech_at_once(
    coach: Path, coach_home: Path, tmp_path: Path, engine: str
) -> None:
    folder = capture_home(tmp_path)
    with start(coach, coach_home, "now", "--voice", mute=False, env=env_for(tmp_path)) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        deadline = time.monotonic() + 8
        while not played(folder, settle=0) and time.monotonic() < deadline:
            time.sleep(0.05)
        term.press("m")
        term.wait_for("Sound off", timeout=5)
        muted_at = time.time()
        term.press("!")  # the urgent help would be said aloud, were sound on
        term.wait_for("Urgent help", timeout=5)
        time.sleep(3)
    sounds = played(folder)
    assert sounds, "nothing was played before m"
    assert [s for s in sounds if s.start > muted_at] == []


@pytest.mark.parametrize("delay", [0.5, 1.0, 1.5])
def test_ctrl_c_while_the_voice_loads_exits_cleanly(
    coach: Path, coach_home: Path, tmp_path: Path, engine: str, delay: float
) -> None:
    """A daemon thread inside onnxruntime as Python exits aborts the process (SIGABRT): the
    app lets the line being rendered finish once its terminal is restored."""
    capture_home(tmp_path)
    with start(coach, coach_home, "now", "--voice", mute=False, env=env_for(tmp_path)) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        time.sleep(delay)  # a cold cache: the voice is loading or rendering now
        term.press("ctrl+c")
        assert term.wait_exit(timeout=10) == 130
        no_traceback(term)


def test_an_early_answer_cuts_the_question_and_the_next_step_starts_at_once(
    coach: Path, coach_home: Path, tmp_path: Path, engine: str
) -> None:
    """Issue 24: `y` while "Has it let go? Press y or n." still plays, with an empty voice
    cache. The question is cut short and the next step's cue, then its line, follow it at once
    (before, the cue was lost and the line came when the question had played out)."""
    cache = coach_home / "cache" / "voice"
    assert not cache.exists() or not any(cache.iterdir()), "the voice cache must start empty"
    folder = capture_home(tmp_path, paced=True)  # a stopped sound is captured short
    # Slow speech: the question lasts longer than what a stopped aplay has already written
    # into the recorder's pipe (PIPE_AHEAD), so a cut shows in what was captured.
    (coach_home / "settings.yaml").write_text("voice_speed: 0.5\n", encoding="utf-8")
    with start(coach, coach_home, "now", "--voice", mute=False, env=env_for(tmp_path)) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        wait_for_speech(folder, set())  # the first step's line is playing
        before = set(folder.glob("play.*.raw"))
        asked_at = time.time()
        term.press("n")  # on to "has it let go?"
        term.wait_for("Has it let go", timeout=STEP_TIMEOUT)
        wait_for_speech(folder, before)  # the question is being said
        answered_at = time.time()
        term.press("y")
        term.wait_for("Rub", timeout=STEP_TIMEOUT)
        time.sleep(3)
        no_traceback(term)
    sounds = played(folder)
    shown = [(round(s.start - asked_at, 2), s.name, round(s.seconds, 2)) for s in sounds]
    question = next(s for s in sounds if s.name == "speech" and s.start > asked_at)
    full = wav_seconds(Voice(engine, 0.5, cache=cache).file_for(QUESTION))
    assert full > PIPE_AHEAD + 1.0, shown  # rendered by this run, into the empty cache
    assert question.start < answered_at, shown
    after = [s for s in sounds if s.start > question.start]
    assert [s.name for s in after][:2] == ["step", "speech"], shown  # the cue, then its words
    cue = after[0]
    assert cue.start < question.start + full, shown  # it did not wait for the question to end
    assert question.seconds < full - 0.2, (question.seconds, full, shown)  # cut short


def wait_for_speech(folder: Path, before: set[Path], timeout: float = 15.0) -> None:
    """Until a playback not in `before` is longer than any cue: speech is playing now.
    (The recorder writes a playback's start time only when it ends; its samples as they come.)"""
    longest_cue = max(path.stat().st_size for path in builtin_dir("sounds").glob("*.wav"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for raw in set(folder.glob("play.*.raw")) - before:
            if raw.stat().st_size > longest_cue:
                return
        time.sleep(0.02)
    raise AssertionError(f"no speech began within {timeout} s: {sorted(folder.iterdir())}")


def test_home_renders_the_relief_lines_ahead(
    coach: Path, coach_home: Path, tmp_path: Path, engine: str
) -> None:
    """Issue 24: once the app has opened (here home), the lines the first cramp will hear are
    in the cache before it is asked for: `coach now` then finds every one of them."""
    from coach.audio.script import routine_texts
    from coach.launch import relief_routine

    capture_home(tmp_path)
    cache = coach_home / "cache" / "voice"
    voice = Voice(engine, cache=cache)
    wanted = [*routine_texts(relief_routine(False)), *routine_texts(relief_routine(True))]
    with start(coach, coach_home, mute=False, env=env_for(tmp_path)) as term:
        term.wait_for("cramping now", timeout=START_TIMEOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if all(voice.path(text) for text in wanted) and idle(cache):
                break
            time.sleep(0.2)
        no_traceback(term)
    assert [text for text in wanted if voice.path(text) is None] == []
    assert (cache / "warming.lock").exists()
    assert not [p.name for p in cache.iterdir() if p.name.endswith(".tmp")]


def idle(cache: Path) -> bool:
    """No coach is rendering ahead into `cache` now (its lock is free)."""
    from coach.audio.warm import warm_lock

    with warm_lock(cache) as held:
        return bool(held)
