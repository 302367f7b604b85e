"""Voice benchmark: what speaking costs the cramp path, how early each line is ready, idle CPU.

    python tests/bench/voice.py [--runs 10] [--seconds 20] [--settle 12] [--json]

1. First instruction with the voice on vs off: `coach now --voice` and `coach now --no-voice`
   alternate in an 80x24 pty (one unmeasured warm-up each, a shared bytecode cache as in
   startup.py), each timed from spawn to "toes" on the screen; medians and the ratio on/off
   (target <= 1.05). Both run with ALSA's default device captured to a file (tests/e2e/
   sound_capture.py), so the voice really loads and plays after the first frame.
2. Speech ready before its moment, over a whole relief session (cramp-now, with the question
   answered 2 s after it is asked): the real voice renders the routine's lines in a thread started
   at t=0 (the first frame), as the app does, with a cold cache and then a warm one. For each line,
   margin = its first moment - when its WAV was ready; the worst (smallest) margin is printed, and
   the worst apart from the first step's line (needed at t=0, so never ready in time when cold).
3. Idle CPU of `coach now --voice` after `--settle` seconds, over `--seconds`, beside
   `coach now --no-voice`: twice in one HOME, the first run with a cold voice cache (it may still
   be rendering the relief routines' lines ahead), the second with a warm one.
   `--idle-only --settle 3 --seconds 15` samples 3-18 s into the 30 s stretch, when nothing
   plays (each sound costs an aplay and the recorder's python, ~25 ms of CPU, counted as the
   app's children).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.sound_capture import capture_home  # noqa: E402
from e2e.terminal import Terminal  # noqa: E402

from coach.audio.script import TEN_SECONDS, lines_for_events, routine_texts  # noqa: E402
from coach.audio.voice import Voice, engine_name  # noqa: E402
from coach.core.routines.timeline import build_timeline  # noqa: E402
from coach.core.session.events import Countdown, SegmentStarted  # noqa: E402
from coach.launch import relief_routine  # noqa: E402

COACH = Path(sys.executable).parent / "coach"
ANSWER_AFTER = 2.0  # seconds the user takes at a waiting part (the question, the last note)


def env_for(home: Path, pycache: str) -> dict[str, str]:
    return {
        "HOME": str(home),
        "COACH_HOME": str(home / "coach"),
        "PYTHONPYCACHEPREFIX": pycache,
        "PYTHONDONTWRITEBYTECODE": "",
    }


def first_instruction(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"--voice": [], "--no-voice": []}
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as pycache:
        home = Path(tmp)
        capture_home(home)
        for run in range(runs + 1):
            order = ["--voice", "--no-voice"] if run % 2 else ["--no-voice", "--voice"]
            for flag in order:
                argv = [str(COACH), "now", flag]
                with Terminal(argv, env=env_for(home, pycache), cols=80, rows=24) as term:
                    seconds = term.wait_for("toes", timeout=30)
                    time.sleep(0.3)
                if run:  # run 0 is the warm-up (fills the bytecode cache)
                    times[flag].append(seconds)
    return times


def moments(routine) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """When each line is first needed, in seconds from the first frame, with no key pressed but
    the answers (ANSWER_AFTER seconds after a waiting part starts)."""
    first: dict[str, float] = {}
    now, previous = 0.0, None
    for segment in build_timeline(routine):
        for line in lines_for_events([SegmentStarted(segment)], previous):
            first.setdefault(line.text, now)
        length = segment.duration if segment.duration is not None else ANSWER_AFTER
        if segment.duration is not None:
            for left in (3, 2, 1):
                if segment.duration >= left:
                    for line in lines_for_events([Countdown(left)]):
                        first.setdefault(line.text, now + length - left)
            if segment.duration >= 20:
                first.setdefault(TEN_SECONDS, now + length - 10)
        now += length
        previous = segment
    return first


def readiness(name: str, cold: bool, cache: Path) -> dict[str, float]:
    routine = relief_routine(False)
    needed = moments(routine)
    voice = Voice(name, cache=cache)
    start = time.monotonic()
    voice.want(routine_texts(routine))
    voice.start()
    deadline = start + 120
    while not all(voice.path(t) for t in needed) and time.monotonic() < deadline:
        time.sleep(0.01)
    voice.close()
    margins = {t: needed[t] - (voice.ready_at[t] - start) for t in needed if t in voice.ready_at}
    first_line = min(needed, key=lambda t: needed[t])
    return {
        "cache": "cold" if cold else "warm",
        "lines": len(needed),
        "worst_margin_s": min(margins.values()),
        "worst_margin_after_first_s": min(v for t, v in margins.items() if t != first_line),
        "first_line_ready_s": voice.ready_at[first_line] - start,
        "all_ready_s": max(voice.ready_at[t] for t in needed) - start,
    }


def idle_cpu(flag: str, seconds: float, settle: float) -> list[float]:
    """CPU share of two runs in one HOME: the first with a cold voice cache, then a warm one."""
    shares = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        capture_home(home)
        env = {"HOME": str(home), "COACH_HOME": str(home / "coach")}
        for _run in range(2):
            with Terminal([str(COACH), "now", flag], env=env, cols=80, rows=24) as term:
                term.wait_for("toes", timeout=30)
                time.sleep(settle)
                wall0, cpu0 = time.monotonic(), term.cpu_seconds()
                time.sleep(seconds)
                wall1, cpu1 = time.monotonic(), term.cpu_seconds()
            shares.append(100 * (cpu1 - cpu0) / (wall1 - wall0))
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=20.0, help="idle CPU sample")
    parser.add_argument("--settle", type=float, default=12.0, help="before the idle sample")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--start-only", action="store_true", help="only part 1")
    parser.add_argument("--idle-only", action="store_true", help="only part 3")
    args = parser.parse_args()
    name = engine_name()
    if name is None:
        sys.exit("no voice installed: pip install '.[voice]' or apt install espeak-ng")
    if args.idle_only:
        for flag in ("--voice", "--no-voice"):
            cold, warm = idle_cpu(flag, args.seconds, args.settle)
            print(f"idle CPU {flag}: cold cache {cold:.2f} %, warm {warm:.2f} %")
        return
    times = first_instruction(args.runs)
    on, off = (statistics.median(times[f]) for f in ("--voice", "--no-voice"))
    low_on, low_off = (min(times[f]) for f in ("--voice", "--no-voice"))
    if args.start_only:
        print(
            f"voice on: median {on * 1000:.0f} ms, min {low_on * 1000:.0f} ms; off: median "
            f"{off * 1000:.0f} ms, min {low_off * 1000:.0f} ms; ratio {on / off:.3f}"
        )
        print({k: sorted(round(s * 1000) for s in v) for k, v in times.items()})
        return
    with tempfile.TemporaryDirectory() as cache:
        ready = [readiness(name, True, Path(cache)), readiness(name, False, Path(cache))]
    cpu = {flag: idle_cpu(flag, args.seconds, args.settle) for flag in ("--voice", "--no-voice")}
    results = {
        "engine": name,
        "first_instruction_ms": {"voice": on * 1000, "no_voice": off * 1000, "ratio": on / off},
        "runs": {k: [round(s * 1000, 1) for s in v] for k, v in times.items()},
        "ready": ready,
        "idle_cpu_percent": cpu,
        "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"voice engine: {name}")
    print(
        f"first instruction, median of {args.runs}: voice on {on * 1000:.0f} ms, "
        f"off {off * 1000:.0f} ms, ratio {on / off:.3f} (target <= 1.05); min "
        f"{low_on * 1000:.0f} / {low_off * 1000:.0f} ms"
    )
    for r in ready:
        print(
            f"speech ready ({r['cache']} cache, {r['lines']} lines): worst margin "
            f"{r['worst_margin_s']:+.2f} s, apart from the first line "
            f"{r['worst_margin_after_first_s']:+.2f} s; first line ready at "
            f"{r['first_line_ready_s']:.2f} s, all by {r['all_ready_s']:.2f} s"
        )
    print(
        f"idle CPU over {args.seconds:.0f} s after {args.settle:.0f} s, cold cache then warm: "
        f"voice on {cpu['--voice'][0]:.2f} / {cpu['--voice'][1]:.2f} %, "
        f"off {cpu['--no-voice'][0]:.2f} / {cpu['--no-voice'][1]:.2f} %"
    )


if __name__ == "__main__":
    main()
