"""`coach serve` on a phone: the tab's cue and first spoken line play in the page, and the
server plays nothing (its ALSA default device records to files, sound_capture.py).

Debian's chromium through playwright, 390x844, touch. What the page played is measured in the
browser itself, apart from the page's own code: every AudioBufferSourceNode started, the length
of its buffer, and the AudioContext's clock when it started and when it ended. No autoplay flag:
the tap that starts relief is the gesture that lets the page play. Also: the terminal's text box
asks a touch screen for no keyboard, and the page's keyboard button brings it back."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import pytest

from coach.audio.voice import ENGINE_ENV, cache_key, engine_name
from coach.core.paths import builtin_dir

from .serve_helpers import HOME_TEXT, START_TIMEOUT, serving
from .sound_capture import capture_home, missing_programs
from .test_serve_browser import PHONE, Received, cell_centre, launch, wait_for

# In the page before its own scripts: each buffer source started, and when the clock ended it.
RECORD_PLAYS = """
window.__plays = [];
const coachStart = AudioBufferSourceNode.prototype.start;
AudioBufferSourceNode.prototype.start = function (...args) {
  const clock = this.context;
  const play = { seconds: this.buffer ? this.buffer.duration : 0, began: clock.currentTime,
                 ended: null, state: clock.state };
  window.__plays.push(play);
  this.addEventListener("ended", () => { play.ended = clock.currentTime; });
  return coachStart.apply(this, args);
};
"""


def write_tone(path: Path, seconds: float) -> None:
    """A quiet 440 Hz tone as a 16-bit mono WAV, for a sound long enough to be cut short."""
    import math
    import struct

    path.parent.mkdir(parents=True, exist_ok=True)
    rate = 22050
    frames = b"".join(
        struct.pack("<h", int(2000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(int(rate * seconds))
    )
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)


def seconds_of(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def first_relief_line() -> str:
    from coach.audio.script import routine_texts
    from coach.core.routines.compiled import load_compiled

    routine = load_compiled(builtin_dir("routines") / "compiled" / "cramp-now.json")
    return routine_texts(routine)[0]


def wait_until(page, check, what: str, timeout: float = 20.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not (found := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        page.wait_for_timeout(200)
    return found


def test_a_phone_plays_the_cue_and_the_voice_and_the_server_plays_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if missing_programs():  # without them the server could not have played anything anyway
        pytest.skip(f"the server's sound path needs {' and '.join(missing_programs())}")
    monkeypatch.setenv(ENGINE_ENV, "espeak-ng")
    if engine_name() != "espeak-ng":
        pytest.skip("espeak-ng is not installed (apt install espeak-ng)")
    home = tmp_path / "home"
    captured = capture_home(home)  # anything the server's side plays lands here
    monkeypatch.setenv("HOME", str(home))
    coach_home = tmp_path / "coach"
    line = first_relief_line()
    voice_file = coach_home / "cache" / "voice" / cache_key(line, "espeak-ng", 1.0)
    with serving(coach_home, before=("--sound", "auto", "--voice")) as served:
        with sync_api.sync_playwright() as p:
            browser = launch(sync_api, p)
            try:
                context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
                context.add_init_script(RECORD_PLAYS)
                page = context.new_page()
                fetched: list[str] = []
                page.on("request", lambda r: fetched.append(r.url.split("?")[0]))
                received = Received()
                page.on("websocket", received.on_websocket)
                page.goto(served.link)
                wait_for(page, received, HOME_TEXT, START_TIMEOUT)

                textarea = page.locator(".xterm-helper-textarea")
                assert textarea.get_attribute("inputmode") == "none"  # no keyboard on a tap
                page.touchscreen.tap(*cell_centre(page, received, HOME_TEXT))
                wait_for(page, received, "Leg straight", START_TIMEOUT)
                step = seconds_of(builtin_dir("sounds") / "step.wav")

                def played_through(seconds: float) -> dict | None:  # type: ignore[type-arg]
                    for play in page.evaluate("window.__plays"):
                        ran = play["ended"] is not None and play["ended"] - play["began"]
                        if abs(play["seconds"] - seconds) < 0.01 and ran and ran >= seconds:
                            return play  # type: ignore[no-any-return]
                    return None

                cue = wait_until(page, lambda: played_through(step), "the step cue played")
                assert cue["state"] == "running"
                wait_until(page, voice_file.is_file, "the first line rendered", START_TIMEOUT)
                spoken = wait_until(
                    page, lambda: played_through(seconds_of(voice_file)), "the first line"
                )
                assert spoken["began"] >= cue["ended"] - 0.05  # after the cue, not over it
                assert f"{served.base}/sound/cue/step.wav" in fetched
                assert f"{served.base}/sound/voice/{voice_file.name}" in fetched

                # the keyboard button brings the keyboard back, and puts it away again
                button = page.get_by_role("button", name="Show keyboard")
                assert button.is_visible()
                page.touchscreen.tap(*centre(button.bounding_box()))
                assert textarea.get_attribute("inputmode") == "text"
                assert page.evaluate("document.activeElement.className").startswith(
                    "xterm-helper-textarea"
                )
                page.get_by_role("button", name="Hide keyboard").tap()
                assert textarea.get_attribute("inputmode") == "none"
            finally:
                browser.close()
    assert sorted(path.name for path in captured.iterdir()) == []  # the server stayed silent


def centre(box: dict) -> tuple[float, float]:  # type: ignore[type-arg]
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_before_any_tap_the_page_says_so_once_then_plays_and_cuts_short(tmp_path: Path) -> None:
    """The page's side alone: the test stands between page and server on the websocket and
    sends the tab's sound messages itself, before and after the first tap."""
    import json
    import re

    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    long_line = "0" * 32 + ".wav"  # a voice-cache file of 4 s, so a cut is plain under any load
    write_tone(tmp_path / "cache" / "voice" / long_line, seconds=4.0)
    with serving(tmp_path) as served, sync_api.sync_playwright() as p:
        browser = launch(sync_api, p)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            context.add_init_script(RECORD_PLAYS)
            page = context.new_page()
            routes = []

            def through(ws) -> None:  # type: ignore[no-untyped-def]
                ws.connect_to_server()  # everything else passes as it is
                routes.append(ws)

            page.route_web_socket(re.compile(r".*/ws/.*"), through)
            page.goto(served.link)
            page.locator("body.-first-byte").wait_for(state="attached", timeout=30_000)

            def send(body: dict) -> None:  # type: ignore[type-arg]
                routes[0].send(json.dumps(["coach_sound", body]))

            notice = page.locator("#sound-notice")
            assert not notice.is_visible()
            send({"play": 1, "sound": "cue/step.wav"})  # no tap yet: it cannot play
            notice.wait_for(state="visible", timeout=5_000)
            page.touchscreen.tap(195, 300)  # the first tap: sound is unlocked, the notice goes
            notice.wait_for(state="hidden", timeout=5_000)
            send({"play": 2, "sound": f"voice/{long_line}"})
            page.wait_for_function("window.__plays.some((p) => p.seconds > 3)", timeout=10_000)
            send({"stop": 2})  # an answer cuts it short
            page.wait_for_function(
                "window.__plays.some((p) => p.seconds > 3 && p.ended !== null)", timeout=10_000
            )
            done = [play for play in page.evaluate("window.__plays") if play["seconds"] > 3]
            assert len(done) == 1 and done[0]["ended"] - done[0]["began"] < 3
            assert not notice.is_visible()  # said once only
            send({"play": 3, "sound": "cue/../../pyproject.toml"})  # the server would refuse
            send({"bell": True})
            page.wait_for_timeout(500)
            assert [play["seconds"] > 3 for play in page.evaluate("window.__plays")].count(
                True
            ) == 1
        finally:
            browser.close()


def test_on_a_desktop_there_is_no_keyboard_button_and_keys_work_at_once(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    long_line = "0" * 32 + ".wav"  # a voice-cache file of 4 s, so a cut is plain under any load
    write_tone(tmp_path / "cache" / "voice" / long_line, seconds=4.0)
    with serving(tmp_path) as served, sync_api.sync_playwright() as p:
        browser = launch(sync_api, p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            received = Received()
            page.on("websocket", received.on_websocket)
            page.goto(served.link)
            wait_for(page, received, HOME_TEXT, START_TIMEOUT)
            assert not page.locator("#keyboard").is_visible()
            textarea = page.locator(".xterm-helper-textarea")
            assert textarea.get_attribute("inputmode") != "none"
            box = page.locator("#terminal").bounding_box()
            assert box is not None and box["height"] >= 799  # no strip under it
        finally:
            browser.close()
