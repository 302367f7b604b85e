"""What the warning check's answers mean for the next relief session: the `avoid:` rules acting.

A "yes" to a question whose `avoid` holds "stretch" (T2: one calf swollen, red or warm) puts a
leg warning on record: for LEG_WARNING_DAYS `coach now` opens with it, and stretching, rubbing
and heat for that leg need an explicit key. A "yes" to one that avoids only heat (T4, D4, N1:
numbness, nerve damage, diabetes) leaves heat out of relief until the user clears it.

The journal keeps every answer (warning_answers); this small JSON file beside it is what the
cramp path reads before its first instruction (one stat and a few hundred bytes, standard library
only: no SQLite before the first paint). It is written atomically, and `coach history` shows it
and clears it. Never raises on read: a missing or damaged file is an empty record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from coach.core.legs import Leg
from coach.core.paths import safety_record_path

RECORD_FILE = "safety-record.json"  # paths.safety_record_path names it too (the cramp path)


@dataclass(frozen=True)
class SafetyRecord:
    # "left", "right", "both" (also for "not sure"), "" (a record from before the check asked
    # which leg: counts as both) or None (no leg warning)
    leg: str | None = None
    leg_since: str = ""  # ISO time of the "yes"
    leg_check: str = ""  # which check set it, so changing that answer takes it back
    no_heat: tuple[str, ...] = ()  # the question ids whose "yes" left heat out
    heat_check: str = ""

    @property
    def empty(self) -> bool:
        return self.leg is None and not self.no_heat


def record_path() -> Path:
    return safety_record_path()


def read_record(path: Path | None = None) -> SafetyRecord:
    try:
        data = json.loads((path or record_path()).read_text(encoding="utf-8"))
        leg = data.get("leg")
        return SafetyRecord(
            leg=None if leg is None else str(leg),
            leg_since=str(data.get("leg_since", "")),
            leg_check=str(data.get("leg_check", "")),
            no_heat=tuple(str(q) for q in data.get("no_heat", ())),
            heat_check=str(data.get("heat_check", "")),
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return SafetyRecord()


def write_record(record: SafetyRecord, path: Path | None = None) -> None:
    """Atomically (a temporary file renamed over the old one); the empty record removes it."""
    path = path or record_path()
    if record.empty:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(record.__dict__, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def note_answers(
    record: SafetyRecord,
    answers: Mapping[str, bool],
    avoid: Mapping[str, tuple[str, ...]],
    *,
    leg: str | None,
    now: datetime,
    check_id: str,
) -> SafetyRecord:
    """The record after one check's answers (`avoid`: question id -> activities, from the
    file). `leg`: the leg the user said was swollen (none or "not sure": both). A check that
    changes its own answer takes back what that answer put on record."""
    stop_leg = [q for q, yes in answers.items() if yes and "stretch" in avoid.get(q, ())]
    no_heat = sorted(
        q for q, yes in answers.items() if yes and "heat" in avoid.get(q, ()) and q not in stop_leg
    )
    new = dict(record.__dict__)
    if stop_leg:
        side = Leg.parse(leg) or Leg.BOTH
        new.update(leg=side.value, leg_since=now.isoformat(), leg_check=check_id)
    elif record.leg_check == check_id:
        new.update(leg=None, leg_since="", leg_check="")
    if no_heat:
        kept = () if record.heat_check == check_id else record.no_heat
        new.update(no_heat=tuple(sorted({*kept, *no_heat})), heat_check=check_id)
    elif record.heat_check == check_id:
        new.update(no_heat=(), heat_check="")
    return SafetyRecord(**new)


def active_leg_warning(record: SafetyRecord, now: datetime, days: int) -> datetime | None:
    """When the leg warning was put on record, if it still applies `now` (within `days`)."""
    if record.leg is None:
        return None
    try:
        since = datetime.fromisoformat(record.leg_since)
    except ValueError:
        return None
    if since.tzinfo is None or now.tzinfo is None:
        since, now = since.replace(tzinfo=None), now.replace(tzinfo=None)
    if since <= now < since + timedelta(days=days):
        return since
    return None


def leg_words(record: SafetyRecord) -> str:
    """ "left leg", "right leg" or "both legs" (also when the user was not sure)."""
    return (Leg.parse(record.leg) or Leg.BOTH).words
