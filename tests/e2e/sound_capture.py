"""Hear what the app played: ALSA's default device pointed at a recorder, in a temporary HOME.

`~/.asoundrc` (TECH-NOTES.md) makes every `aplay` write its samples to a program instead of a
sound card: `pcm.!default { type file; slave.pcm "null"; file "|PROGRAM" ... }`. The program here
(STAMP) stores each playback in its own file with the wall-clock time it started, so a test can
check *when* each sound began as well as what it was. With the "null" slave, aplay does not wait
for the sound to play out: a playback's length is its sample count, not how long aplay ran.
"""

from __future__ import annotations

import array
import math
import shutil
import sys
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from coach.core.paths import builtin_dir

RATE = 22050  # the cues' rate, and both voices' (piper's joe and espeak-ng)
SPEECH_RMS = 1000  # a 50 ms window louder than this (16-bit samples) is speech-level audio
WINDOW = RATE // 20

STAMP = """\
import os, sys, time
start = time.time()
base = sys.argv[1] + "." + str(os.getpid())
with open(base + ".raw", "wb") as out:
    while chunk := sys.stdin.buffer.read1(65536):
        out.write(chunk)
with open(base + ".t", "w") as stamp:
    stamp.write(repr(start))
"""


# `paced`: the recorder takes the samples no faster than a sound card would (RATE 16-bit mono
# samples a second), so aplay runs about as long as its sound, and a sound stopped part-way
# (playsound3's stop() ends aplay) is captured short: what had been heard, plus what aplay had
# already pushed into the pipe (up to its 64 KiB, ~1.5 s). The start time is written first, so a
# playback cut off by the app's exit is still listed.
PACED_STAMP = """\
import os, sys, time
start = time.time()
base = sys.argv[1] + "." + str(os.getpid())
rate = int(sys.argv[2])
with open(base + ".t", "w") as stamp:
    stamp.write(repr(start))
got = 0
with open(base + ".raw", "wb", buffering=0) as out:
    while chunk := sys.stdin.buffer.read1(1024):
        out.write(chunk)
        got += len(chunk)
        ahead = start + got / rate - time.time()
        if ahead > 0:
            time.sleep(ahead)
"""
PIPE_AHEAD = 65536 / (RATE * 2)  # seconds of sound a stopped aplay may already have written


def missing_programs() -> list[str]:
    """playsound3's ALSA backend needs both (TECH-NOTES.md)."""
    return [name for name in ("aplay", "mpg123") if shutil.which(name) is None]


def capture_home(home: Path, paced: bool = False) -> Path:
    """Make `home` a HOME whose ALSA default device records; returns the capture folder."""
    folder = home / "captured"
    folder.mkdir(parents=True, exist_ok=True)
    (home / "stamp.py").write_text(PACED_STAMP if paced else STAMP, encoding="utf-8")
    rate = f" {RATE * 2}" if paced else ""
    (home / ".asoundrc").write_text(
        'pcm.!default { type file; slave.pcm "null"; format "raw"; '
        f'file "|{sys.executable} {home / "stamp.py"} {folder / "play"}{rate}" }}\n',
        encoding="utf-8",
    )
    return folder


@dataclass(frozen=True)
class Played:
    start: float  # time.time() when the playback began
    samples: array.array
    name: str  # a cue's name, or "speech"

    @property
    def seconds(self) -> float:
        """How long it sounds: up to its last sample above the noise (aplay pads the end)."""
        last = max((i for i, x in enumerate(self.samples) if abs(x) > 100), default=-1)
        return (last + 1) / RATE

    def speech_seconds(self) -> float:
        loud = 0
        for i in range(0, len(self.samples) - WINDOW + 1, WINDOW):
            chunk = self.samples[i : i + WINDOW]
            if math.sqrt(sum(x * x for x in chunk) / WINDOW) > SPEECH_RMS:
                loud += 1
        return loud * WINDOW / RATE


def _cue_samples() -> dict[str, bytes]:
    cues = {}
    for path in sorted(builtin_dir("sounds").glob("*.wav")):
        with wave.open(str(path), "rb") as w:
            cues[path.stem] = w.readframes(w.getnframes())
    return cues


def played(folder: Path, settle: float = 0.5) -> list[Played]:
    """Every playback so far, oldest first (waits `settle` for the last ones to be written)."""
    time.sleep(settle)
    cues = _cue_samples()
    out = []
    for stamp in folder.glob("play.*.t"):
        data = stamp.with_suffix(".raw").read_bytes()
        name = next((n for n, frames in cues.items() if data.startswith(frames)), "speech")
        samples = array.array("h")
        samples.frombytes(data[: len(data) // 2 * 2])
        out.append(Played(float(stamp.read_text()), samples, name))
    return sorted(out, key=lambda p: p.start)


def overlaps(sounds: list[Played], slack: float = 0.02) -> list[tuple[Played, Played]]:
    """Pairs where the later sound began before the earlier one had finished."""
    return [
        (a, b)
        for a, b in zip(sounds, sounds[1:], strict=False)
        if b.start < a.start + a.seconds - slack
    ]
