"""The main() every measuring script here shares: read the options, measure, then print one
JSON object (--json, for run_all) or the script's own table."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any


def run_bench(
    parse_args: Callable[[list[str] | None], argparse.Namespace],
    measure: Callable[[argparse.Namespace], dict[str, Any]],
    report: Callable[[dict[str, Any]], None],
    argv: list[str] | None = None,
) -> int:
    args = parse_args(argv)
    result = measure(args)
    if args.json:
        print(json.dumps(result))
    else:
        report(result)
    return 0
