"""`coach serve` on a phone: how soon the page plays the cue and the first line after the tap.

    python tests/bench/page_sound.py              # 3 runs, an empty voice cache each time
    python tests/bench/page_sound.py --warm       # the voice cache rendered by a first run

Each run starts `coach --sound auto --voice serve` (espeak-ng) in a fresh COACH_HOME with the
server's ALSA device recording (tests/e2e/sound_capture.py), opens the page in Debian's chromium
(390x844, touch), taps "I'm cramping now" and reads, in the page: the tap's time, when the step
cue's buffer started (page clock), and on the AudioContext's clock the cue's end and the first
line's start. It prints tap -> cue, cue end -> line start, and the files the server played (0).
Run from the repository root (it imports tests/e2e).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.e2e.serve_helpers import HOME_TEXT, START_TIMEOUT, serving  # noqa: E402
from tests.e2e.sound_capture import capture_home  # noqa: E402
from tests.e2e.test_serve_browser import (  # noqa: E402
    CHROMIUM,
    PHONE,
    Received,
    cell_centre,
    wait_for,
)
from tests.e2e.test_serve_page_sound import RECORD_PLAYS  # noqa: E402

TAP_TIME = "window.addEventListener('touchend', () => { window.__tap = performance.now(); }, true);"
STARTED_AT = RECORD_PLAYS.replace(
    "window.__plays.push(play);", "play.at = performance.now(); window.__plays.push(play);"
)


def one_run(base: Path, warm_cache: Path | None) -> tuple[float, float, int]:
    from playwright.sync_api import sync_playwright

    home = base / "home"
    captured = capture_home(home)
    os.environ["HOME"] = str(home)
    coach_home = warm_cache or base / "coach"
    with serving(coach_home, before=("--sound", "auto", "--voice")) as served:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                context.add_init_script(STARTED_AT + TAP_TIME)
                page = context.new_page()
                received = Received()
                page.on("websocket", received.on_websocket)
                page.goto(served.link)
                wait_for(page, received, HOME_TEXT, START_TIMEOUT)
                page.touchscreen.tap(*cell_centre(page, received, HOME_TEXT))
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    plays = [x for x in page.evaluate("window.__plays") if x["seconds"] > 0.05]
                    if len(plays) >= 2 and plays[0]["ended"] is not None:
                        break
                    page.wait_for_timeout(100)
                else:
                    raise SystemExit("the page did not play a cue and a line within 30 s")
                tap = page.evaluate("window.__tap")
            finally:
                browser.close()
    cue, line = plays[0], plays[1]
    return cue["at"] - tap, (line["began"] - cue["ended"]) * 1000, len(list(captured.iterdir()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm", action="store_true", help="keep one voice cache across runs")
    args = parser.parse_args()
    taps, gaps = [], []
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "coach" if args.warm else None
        for run in range(args.runs):
            base = Path(folder) / f"run{run}"
            tap_to_cue, gap, played = one_run(base, warm)
            print(f"tap -> cue {tap_to_cue:.0f} ms; cue end -> line {gap:.0f} ms; server {played}")
            taps.append(tap_to_cue)
            gaps.append(gap)
    print(
        f"median: tap -> cue {statistics.median(taps):.0f} ms, cue end -> line "
        f"{statistics.median(gaps):.0f} ms"
    )


if __name__ == "__main__":
    main()
