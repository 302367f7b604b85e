"""How long one check of a hand-broken routine file takes (the timing tests/unit/test_properties.py
used to assert): every built-in routine cut short at each 1% of its length, and with a few random
bytes pasted in, each checked with check_routine_text. A hand-edited file is checked while the user
waits, so the slowest check should stay well under a second.

    python tests/bench/mutant_check.py [--inserts 300] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time

from coach.core.paths import builtin_dir
from coach.core.routines.loader import check_routine_text, load_exercise_library

NOT_ROUTINES = ("exercises.yaml", "warning-signs.yaml")
TARGET_S = 1.0  # the slowest single check


def mutants(inserts: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    sources = [
        p.read_bytes()
        for p in sorted(builtin_dir("routines").glob("*.yaml"))
        if p.name not in NOT_ROUTINES
    ]
    found = [raw[: len(raw) * percent // 100] for raw in sources for percent in range(101)]
    for _ in range(inserts):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(data) + 1)
            data[at:at] = rng.randbytes(rng.randint(1, 8))
        found.append(bytes(data))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inserts", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    library = load_exercise_library()
    times = []
    for data in mutants(args.inserts, args.seed):
        started = time.perf_counter()
        check_routine_text(data, "mutant.yaml", library)
        times.append(time.perf_counter() - started)
    result = {
        "checks": len(times),
        "median_ms": round(statistics.median(times) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
        "target_max_ms": TARGET_S * 1000,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['checks']} mutated files: median {result['median_ms']} ms per check,")
        print(f"slowest {result['max_ms']} ms (target: under {TARGET_S * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
