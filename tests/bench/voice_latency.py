"""Voice latency, heard at ALSA's file device (tests/e2e/sound_capture.py), as figures, not tests.

    python tests/bench/voice_latency.py [--runs 3] [--coach PATH] [--part first|answer|schedule]

1. first: `coach now --voice` in a fresh HOME, from "toes" on the screen to the first spoken
   line's first sample, with an EMPTY voice cache and then with one warmed by
   `coach say --warm` (what the app also does in the background when any other screen opens).
2. answer: a relief routine (ASK_SOON) with an empty cache asks "has it let go?" at 3 s; `y` once
   the question is being said (speech at half speed, so it is still playing): from the key to
   the next step's cue, and to its line; and how much of the question was heard after the key
   (paced capture: includes up to ~1.5 s aplay had already written into the recorder's pipe).
3. schedule: the worst distance of a cue from its second in a 7 s x 2 routine (the bound
   tests/e2e/test_real_sound.py held at 150 ms, which failed under load).
Compare `--coach` of another checkout's install (e.g. main's, before) with this one's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.sound_capture import capture_home, played  # noqa: E402
from e2e.terminal import Terminal  # noqa: E402
from e2e.test_real_sound import QUICK, SECOND_STEP_CUE, wait_for_speech  # noqa: E402

COACH = Path(sys.executable).parent / "coach"


def env_for(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "COACH_HOME": str(home / "coach"), "COACH_EMERGENCY_NUMBER": "999"}


def wall(term: Terminal, seconds_since_spawn: float) -> float:
    """A time from Terminal.wait_for (monotonic, since spawn) as time.time(), as the capture's."""
    return time.time() - (time.monotonic() - (term.started + seconds_since_spawn))


def first_line(coach: Path, warmed: bool) -> tuple[float, float]:
    """(text to the first cue, text to the first spoken line), in seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        folder = capture_home(home)
        if warmed:  # a checkout without `say --warm` (before) gives nan
            say = [str(coach), "say", "--warm"]
            if subprocess.run(say, env={**os.environ, **env_for(home)}).returncode:
                return float("nan"), float("nan")
        with Terminal([str(coach), "now", "--voice"], env=env_for(home), cols=80) as term:
            shown = wall(term, term.wait_for("toes", timeout=30))
            time.sleep(6)
        sounds = played(folder)
        cue = next((s.start - shown for s in sounds if s.name == "step"), float("nan"))
        line = next((s.start - shown for s in sounds if s.name == "speech"), float("nan"))
        return cue, line


# A relief routine whose first line is short, so the question comes on its own at 3 s, on any
# checkout (before the fix, `n` did not cut the first line either).
ASK_SOON = """\
name: Ask soon
kind: relief
lead_in: 0s
steps:
  - name: Stretch
    say: Stretch.
    hold: 3s
    until_released: true
  - name: Rub
    say: Rub the muscle.
    hold: 20s
"""


def answer(coach: Path) -> tuple[float, float, float]:
    """(key to next cue, key to its line, seconds of the question heard after the key)."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        folder = capture_home(home, paced=True)
        (home / "coach").mkdir()
        (home / "coach" / "settings.yaml").write_text("voice_speed: 0.5\n", encoding="utf-8")
        routine = home / "ask-soon.yaml"
        routine.write_text(ASK_SOON, encoding="utf-8")
        argv = [str(coach), "run", str(routine), "--voice"]
        with Terminal(argv, env=env_for(home), cols=100) as term:
            term.wait_for("Has it let go", timeout=30)
            asked = time.time()
            before = set(folder.glob("play.*.raw"))
            wait_for_speech(folder, before)  # the question is being said
            key = time.time()
            term.press("y")
            time.sleep(7)  # before the fix the line came after the rest of the question
        sounds = played(folder)
        question = next(s for s in sounds if s.name == "speech" and s.start > asked - 0.5)
        after = [s for s in sounds if s.start > key]
        cue = next((s.start - key for s in after if s.name == "step"), float("nan"))
        line = next((s.start - key for s in after if s.name == "speech"), float("nan"))
        return cue, line, question.start + question.seconds - key


def schedule(coach: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        folder = capture_home(home)
        routine = home / "quick.yaml"
        routine.write_text(QUICK, encoding="utf-8")
        argv = [str(coach), "run", str(routine), "--voice"]
        with Terminal(argv, env=env_for(home), cols=100):
            time.sleep(22)
        sounds = [s for s in played(folder) if s.name != "speech"]
        steps = [s for s in sounds if s.name == "step"]
        zero = steps[1].start - SECOND_STEP_CUE
        return max(abs((s.start - zero) - round(s.start - zero)) for s in sounds)


def show(name: str, values: list[float]) -> None:
    shown = ", ".join(f"{v * 1000:.0f}" for v in values)
    print(f"{name:<44} median {statistics.median(values) * 1000:6.0f} ms   ({shown})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--coach", type=Path, default=COACH)
    parser.add_argument("--part", choices=("first", "answer", "schedule"), action="append")
    args = parser.parse_args()
    parts = args.part or ["first", "answer", "schedule"]
    print(f"coach: {args.coach}")
    if "first" in parts:
        for warmed in (False, True):
            pairs = [first_line(args.coach, warmed) for _ in range(args.runs)]
            cache = "warmed" if warmed else "empty"
            show(f"first cue after the text, {cache} cache", [cue for cue, _ in pairs])
            show(f"first line after the text, {cache} cache", [line for _, line in pairs])
    if "answer" in parts:
        results = [answer(args.coach) for _ in range(args.runs)]
        show("y during the question -> next step's cue", [r[0] for r in results])
        show("y during the question -> next step's line", [r[1] for r in results])
        show("question still heard after y (capture)", [r[2] for r in results])
    if "schedule" in parts:
        show("worst cue distance from its second", [schedule(args.coach) for _ in range(args.runs)])


if __name__ == "__main__":
    main()
