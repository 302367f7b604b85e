"""P3 timing benchmark: do step changes and the end land on screen when the schedule says?

Writes a routine of short holds and rests (default 12 steps of 5 s hold x 2 sets with a 5 s rest,
lead_in 0: 3 minutes) into a temporary COACH_HOME/routines, runs `coach --mute run bench-timing`
in a real pty and keeps every screen state the program draws, stamped with its arrival time.
The schedule comes from the same routine file through coach.core.routines.timeline.build_timeline.

    python tests/bench/timing.py [--minutes 3] [--json]

The clock starts at the first frame that shows the routine's first segment (what the user sees
as "it started"); every later segment k is due at that moment + the timed seconds before it, the
finish screen ("Done: <name>") at + the routine's total. A segment has arrived when its title
("<step>  ·  step i of n"), phase ("Hold" / "Rest") and "set s of m" are all on screen at once.
Countdown ticks (a change of the big digits) are timed the same way, as a second row.
Lateness = arrival - due: positive is late, negative early. PASS when every step change and the
end are within --limit-ms (50) of their due time. The app's session clock starts when the player
is mounted, a little before its first frame: if that frame is slow, every later change looks
early by as much (the countdown ticks show the same offset; a diagnostic line separates the two).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_main import run_bench  # noqa: E402  (tests/bench is the script's folder)
from e2e import terminal as harness  # noqa: E402
from e2e.terminal import Terminal  # noqa: E402

ROUTINE_ID = "bench-timing"
ROUTINE_NAME = "Bench timing"
PHASES = {"hold": "Hold", "rest": "Rest", "lead_in": "Get ready"}
TITLE = re.compile(r"(\S.*  ·  step \d+ of \d+)")
WHERE = re.compile(r"(set \d+ of \d+)")


def routine_yaml(steps: int, hold: int, sets: int, rest: int) -> str:
    lines = [
        f"name: {ROUTINE_NAME}",
        "kind: prevention",
        "description: Short holds and rests for the timing benchmark (tests/bench/timing.py).",
        "lead_in: 0",
        "steps:",
    ]
    for n in range(1, steps + 1):
        lines += [
            f"  - name: Bench hold {n:02d}",
            "    instructions: Keep still.",
            f"    hold: {hold}s",
            f"    sets: {sets}",
            f"    rest: {rest}s",
        ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Due:
    """What segment k shows and when it is due, in seconds after the first segment."""

    signature: tuple[str, str, str]  # title, phase, where
    start: float
    duration: float


def schedule(routine_file: Path) -> tuple[list[Due], float]:
    """The segments of the routine file as the app builds them, and the total timed seconds."""
    from coach.core.routines.loader import load_exercise_library, load_routine_file
    from coach.core.routines.timeline import build_timeline, total_seconds

    routine = load_routine_file(routine_file, load_exercise_library())
    timeline = build_timeline(routine)
    total_steps = len(routine.steps)
    dues, start = [], 0.0
    for segment in timeline:
        if segment.duration is None or str(segment.kind) not in PHASES:
            raise SystemExit(f"timing.py only knows timed holds and rests, got {segment.kind}")
        title = f"{segment.step.name}  ·  step {segment.step_index + 1} of {total_steps}"
        where = f"set {segment.set_number} of {segment.step.sets}" if segment.step.sets > 1 else ""
        dues.append(Due((title, PHASES[str(segment.kind)], where), start, segment.duration))
        start += segment.duration
    return dues, float(total_seconds(timeline))


def read_screen(text: str) -> tuple[tuple[str, str, str], str]:
    """(title, phase, where) of a player screen, and the text of the big digits below the phase."""
    lines = [line.strip() for line in text.split("\n")]
    title = phase = where = digits = ""
    for i, line in enumerate(lines):
        if not title and (m := TITLE.search(line)):
            title = m.group(1)
        elif not phase and line in PHASES.values():
            phase = line
            digits = "\n".join(lines[i + 1 : i + 4])
        elif not where and (m := WHERE.search(line)):
            where = m.group(1)
    return (title, phase, where), digits


def analyse(history: list[tuple[float, str]], dues: list[Due], total: float) -> dict[str, object]:
    """Match the recorded screens to the schedule; lateness in milliseconds."""
    seen: list[float | None] = [None] * len(dues)
    changes: list[list[float]] = [[] for _ in dues]  # digit changes while segment k is shown
    k, last_digits, end_seen = -1, None, None
    for arrived, text in history:
        if f"Done: {ROUTINE_NAME}" in text:
            end_seen = arrived
            break
        signature, digits = read_screen(text)
        if k + 1 < len(dues) and signature == dues[k + 1].signature:
            k += 1
            seen[k] = arrived
            last_digits = digits
        elif k >= 0 and signature == dues[k].signature and digits != last_digits:
            changes[k].append(arrived)
            last_digits = digits
    result: dict[str, object] = {
        "segments": len(dues),
        "segments_seen": sum(s is not None for s in seen),
        "end_seen": end_seen is not None,
    }
    if seen[0] is None:
        return result
    anchor = seen[0]
    result["first_segment_s"] = anchor
    steps, detail = [], []
    for k in range(1, len(dues)):
        found = seen[k]
        if found is None:
            continue
        late = 1000 * (found - (anchor + dues[k].start))
        steps.append(late)
        new_step = dues[k].signature[0] != dues[k - 1].signature[0]
        detail.append({"segment": k, "due_s": dues[k].start, "late_ms": late, "new_step": new_step})
    ticks, missed_ticks = [], 0
    for due, found, moments in zip(dues, seen, changes, strict=True):
        if found is None:
            continue
        for j in range(1, int(due.duration)):
            at = anchor + due.start + j
            # The first digit change within half a second of the tick is that tick.
            hit = [t for t in moments if at - 0.5 <= t < at + 0.5]
            if hit:
                ticks.append(1000 * (hit[0] - at))
            else:
                missed_ticks += 1
    result["step_changes_ms"] = steps
    result["step_changes"] = detail
    result["ticks_ms"] = ticks
    result["ticks_missed"] = missed_ticks
    if end_seen is not None:
        result["end_ms"] = 1000 * (end_seen - (anchor + total))
    if ticks and steps:
        # Diagnostic: the countdown's median lateness as zero. A clearly negative median means
        # the first frame came that long after the session clock started (the first segment
        # looked short); what is left is the jitter of each change.
        offset = statistics.median(ticks)
        result["tick_median_ms"] = offset
        result["jitter_worst_ms"] = max(abs(v - offset) for v in steps)
    return result


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "n": len(values),
        "median_ms": statistics.median(values),
        "max_ms": max(values),
        "min_ms": min(values),
        "max_abs_ms": max(abs(v) for v in values),
    }


def measure(args: argparse.Namespace) -> dict[str, object]:
    per_step = args.sets * args.hold + (args.sets - 1) * args.rest
    steps = max(1, round(args.minutes * 60 / per_step))
    coach = args.coach or shutil.which("coach")
    if not coach:
        sys.exit("no `coach` on PATH: pass --coach PATH")
    with tempfile.TemporaryDirectory(prefix="coach-timing-") as home:
        routine_file = Path(home, "routines", f"{ROUTINE_ID}.yaml")
        routine_file.parent.mkdir()
        routine_file.write_text(routine_yaml(steps, args.hold, args.sets, args.rest))
        dues, total = schedule(routine_file)
        print(f"{steps} steps, {len(dues)} segments, {total:.0f} s", file=sys.stderr, flush=True)
        harness.HISTORY_SIZE = 1_000_000  # keep every screen state of the whole routine
        argv = [coach, "--mute", "run", ROUTINE_ID]
        env = {"COACH_HOME": home}
        with Terminal(argv, env=env, cols=args.cols, rows=args.rows) as term:
            try:
                term.wait_for(f"Done: {ROUTINE_NAME}", timeout=total + args.timeout)
                ended = "finish screen"
            except AssertionError as failure:
                ended = f"no finish screen (exit status {term.exit_status()})"
                print(str(failure)[-3000:], file=sys.stderr)
            with term._lock:  # the harness's own record: (arrival, screen text), oldest first
                history = list(term._history)
            exit_status = term.exit_status()
    result = analyse(history, dues, total)
    result.update(
        routine_seconds=total,
        steps=steps,
        ended=ended,
        exit_status_before_close=exit_status,
        limit_ms=args.limit_ms,
        screens=len(history),
    )
    worst = [abs(v) for v in result.get("step_changes_ms", [])]  # type: ignore[attr-defined]
    if "end_ms" in result:
        worst.append(abs(result["end_ms"]))  # type: ignore[arg-type]
    complete = result["segments_seen"] == len(dues) and result["end_seen"]
    result["worst_abs_ms"] = max(worst) if worst else None
    result["met"] = bool(complete and worst and max(worst) <= args.limit_ms)
    return result


def report(result: dict[str, object]) -> None:
    print(
        f"routine: {result['steps']} steps, {result['segments']} segments, "
        f"{result['routine_seconds']:.0f} s; first segment on screen "
        f"{1000 * float(result.get('first_segment_s', 0)):.0f} ms after spawn; "
        f"{result['screens']} screen states recorded"
    )
    print(f"{'what':<26} {'n':>4} {'median':>9} {'max':>9} {'earliest':>9}")
    detail = result.get("step_changes", [])
    rows = [
        ("step changes (late +)", summary(result.get("step_changes_ms", []))),  # type: ignore[arg-type]
        ("  to a new step", summary([c["late_ms"] for c in detail if c["new_step"]])),  # type: ignore[union-attr, index]
        ("  hold/rest, same step", summary([c["late_ms"] for c in detail if not c["new_step"]])),  # type: ignore[union-attr, index]
        ("countdown ticks (late +)", summary(result.get("ticks_ms", []))),  # type: ignore[arg-type]
    ]
    for name, s in rows:
        if s:
            print(
                f"{name:<26} {s['n']:>4} {s['median_ms']:>7.1f}ms {s['max_ms']:>7.1f}ms "
                f"{s['min_ms']:>7.1f}ms"
            )
    if "end_ms" in result:
        end = float(result["end_ms"])  # type: ignore[arg-type]
        print(f"{'end (finish screen)':<26} {1:>4} {end:>7.1f}ms {end:>7.1f}ms {end:>7.1f}ms")
    else:
        print(f"{'end (finish screen)':<26}    -   never: {result['ended']}")
    if "tick_median_ms" in result:
        print(
            f"diagnostic: taking the median tick ({result['tick_median_ms']:+.1f} ms) as on time, "
            f"the worst step change is {result['jitter_worst_ms']:.1f} ms off"
        )
    if result["segments_seen"] != result["segments"]:
        print(f"segments seen: {result['segments_seen']} of {result['segments']}")
    if result.get("ticks_missed"):
        print(f"countdown ticks not seen: {result['ticks_missed']}")
    verdict = "PASS" if result["met"] else "MISS"
    worst = result["worst_abs_ms"]
    worst_text = f"{worst:.1f} ms" if isinstance(worst, float) else "n/a"
    print(
        f"P3 worst |lateness| of step changes and end: {worst_text} -> {verdict} "
        f"(limit {result['limit_ms']:.0f} ms)"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="length of the routine")
    parser.add_argument("--hold", type=int, default=5, help="seconds per hold")
    parser.add_argument("--rest", type=int, default=5, help="seconds of rest between sets")
    parser.add_argument("--sets", type=int, default=2, help="holds per step")
    parser.add_argument("--coach", help="path of the coach executable (default: from PATH)")
    parser.add_argument("--limit-ms", type=float, default=50.0, help="the P3 target")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds past the schedule")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    args = parser.parse_args(argv)
    if args.sets < 2 or args.rest < 1:
        parser.error("--sets must be at least 2 and --rest at least 1 (a change must show)")
    return args


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args, measure, report, argv)


if __name__ == "__main__":
    raise SystemExit(main())
