"""Synthesize Cramp Coach's sound cues as small WAV files (standard library only).

Run `python sounds/make_cues.py` to (re)write step.wav, tick.wav, switch.wav and done.wav next to
this script, or `python sounds/make_cues.py --out DIR` to write them elsewhere. The output is
deterministic (no randomness, no timestamps), so regenerating leaves the committed files unchanged.
"""

from __future__ import annotations

import argparse
import math
import struct
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 22050  # Hz; plenty for soft chimes and keeps the files small
FADE_IN = 0.005  # seconds; a hard start would click
FADE_OUT = 0.020  # seconds; so would a hard stop
# Soft bell-like timbre: the fundamental plus two quiet overtones.
PARTIALS = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08))

# Equal-tempered pitches used below.
C5, D5, E5, G5, A5, C6 = 523.25, 587.33, 659.25, 783.99, 880.00, 1046.50


@dataclass(frozen=True)
class Note:
    start: float  # seconds from the start of the cue
    freq: float  # Hz
    length: float  # seconds the note sounds (it may ring into the next one)
    decay: float  # seconds for the level to fall to 1/e: short = blip, long = chime


@dataclass(frozen=True)
class Cue:
    name: str
    length: float  # total seconds
    volume: float  # peak level, 0..1 of full scale; modest so it never startles
    notes: tuple[Note, ...]


CUES = (
    # A step starts: a rising fourth, like a doorbell's friendly "ding-ding".
    Cue("step", 0.35, 0.35, (Note(0.0, E5, 0.20, 0.10), Note(0.14, A5, 0.21, 0.12))),
    # Each of the last three seconds: one short, quiet blip.
    Cue("tick", 0.08, 0.22, (Note(0.0, A5, 0.08, 0.03),)),
    # Switch sides: a falling fifth, clearly unlike the rising step chime.
    Cue("switch", 0.40, 0.35, (Note(0.0, G5, 0.20, 0.12), Note(0.18, C5, 0.22, 0.14))),
    # Routine done: a rising major arpeggio whose last note rings out.
    Cue(
        "done",
        0.70,
        0.35,
        (Note(0.0, C5, 0.20, 0.12), Note(0.16, E5, 0.20, 0.12), Note(0.32, G5, 0.38, 0.20)),
    ),
)


def envelope(t: float, length: float, decay: float) -> float:
    """Level of a note `t` seconds in: quick fade in, exponential decay, fade out to silence."""
    if t < 0.0 or t >= length:
        return 0.0
    level = math.exp(-t / decay)
    level *= min(1.0, t / FADE_IN)
    level *= min(1.0, (length - t) / FADE_OUT)
    return level


def note_sample(note: Note, t: float) -> float:
    local = t - note.start
    level = envelope(local, note.length, note.decay)
    if level == 0.0:
        return 0.0
    wave_value = sum(
        weight * math.sin(2.0 * math.pi * note.freq * ratio * local) for ratio, weight in PARTIALS
    )
    return level * wave_value


def render(cue: Cue) -> list[int]:
    """The cue as 16-bit samples, normalised so its loudest point sits at `cue.volume`."""
    count = round(cue.length * RATE)
    mix = [sum(note_sample(n, i / RATE) for n in cue.notes) for i in range(count)]
    # A last fade over the whole cue: overlapping notes must still end at exactly zero.
    mix = [s * envelope(i / RATE, cue.length, math.inf) for i, s in enumerate(mix)]
    peak = max(abs(s) for s in mix) or 1.0
    scale = cue.volume * 32767 / peak
    return [round(s * scale) for s in mix]


def write_wav(path: Path, samples: list[int]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for cue in CUES:
        path = args.out / f"{cue.name}.wav"
        write_wav(path, render(cue))
        print(f"wrote {path} ({cue.length:.2f} s)")


if __name__ == "__main__":
    main()
