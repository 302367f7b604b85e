"""What the journal already shows, so the warning-sign check states it instead of asking again.

    observed_facts(journal, now) -> {"D6": "Your journal shows 4 cramps in the last 7 days."}

Keys are question ids from research/medical.md section 2 (routines/warning-signs.yaml). A fact
appears only when it applies; no fact never means "no problem": the question is then asked.
Counting is by cramp episodes (journal/episodes.py: restarts of one cramp are one, a session only
opened is none, a cramp logged afterwards is one), in each session's local time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from coach.core.journal.episodes import episodes
from coach.core.journal.schema import SessionRecord
from coach.core.journal.store import Journal
from coach.core.journal.times import aware

# D6 "happening often (e.g. several times a week)": Mayo, MedlinePlus, Cleveland (medical.md §2).
# "Several" read as three or more (our reading, from the issue).
FREQUENT_WINDOW = timedelta(days=7)
FREQUENT_MIN_CRAMPS = 3

# D5 "cramps waking you ... disturbing your sleep most nights" (NHS, Mayo night cramps). Night is
# 22:00-06:00 local: a cramp that started in those hours very likely broke sleep. "Most nights"
# means more than half: four different nights in seven (our reading, not a source's figure).
NIGHT_STARTS, NIGHT_ENDS = time(22, 0), time(6, 0)
NIGHT_WINDOW = timedelta(days=7)
NIGHT_MIN_NIGHTS = 4

# D7 "not improved after about 4-6 weeks of the nightly routine, or getting worse": 4 weeks is the
# MHRA review window, 6 weeks the Hallegraeff 2012 stretching trial (medical.md §2 D7, timing ours).
# "Done" means on at least 20 of the last 42 days (about five nights a week), issue's threshold.
ROUTINE_MIN_DAYS_RUNNING = 28
ROUTINE_LOOKBACK_DAYS = 42
ROUTINE_MIN_DAYS_DONE = 20
COMPARE_DAYS = 14  # cramps in the last 14 days against the 14 days before the routine began
# "No better, or worse" is only a sign when cramps still come several times a fortnight: 1 against
# 0 is chance, not a reason to book an appointment (floor ours: about two a week).
COMPARE_MIN_CRAMPS = 4
RUN_GAP_DAYS = 7  # a week without the routine ends a run; the next one starts a new run

HISTORY = timedelta(days=180)  # how far back the checks read: enough for a 6-week run's baseline
# At most this many sessions of it (the newest): ten a day for 180 days. Counting episodes needs
# each session's row, so a runaway journal is cut here rather than read whole on the way to a check.
HISTORY_ROWS = 2000


def observed_facts(journal: Journal, now: datetime | None = None) -> dict[str, str]:
    """Question id -> one plain sentence, for the questions the journal can already answer."""
    now = aware(now)
    records = journal.sessions_between(now - HISTORY, now + timedelta(seconds=1), HISTORY_ROWS)
    checks: dict[str, Callable[[list[SessionRecord], datetime], str | None]] = {
        "D5": _night_cramps,
        "D6": _frequent_cramps,
        "D7": _routine_not_helping,
    }
    facts = {}
    for question, check in checks.items():
        sentence = check(records, now)
        if sentence:
            facts[question] = sentence
    return facts


def _frequent_cramps(records: list[SessionRecord], now: datetime) -> str | None:
    count = len(_cramps_in(records, now - FREQUENT_WINDOW, now))
    if count < FREQUENT_MIN_CRAMPS:
        return None
    return f"Your journal shows {_cramps(count)} in the last 7 days."


def _night_cramps(records: list[SessionRecord], now: datetime) -> str | None:
    nights = {
        _night_of(r.started)
        for r in _cramps_in(records, now - NIGHT_WINDOW, now)
        if _at_night(r.started.time())
    }
    if len(nights) < NIGHT_MIN_NIGHTS:
        return None
    return (
        f"Your journal shows cramps at night (between {NIGHT_STARTS:%H:%M} and "
        f"{NIGHT_ENDS:%H:%M}) on {len(nights)} different nights in the last 7 days."
    )


def _routine_not_helping(records: list[SessionRecord], now: datetime) -> str | None:
    today = now.date()
    days = sorted({r.local_date for r in records if _routine_done(r) and r.started <= now})
    if not days or (today - days[-1]).days > RUN_GAP_DAYS:
        return None  # not doing the routine now: the question is about weeks *of* the routine
    began = _run_start(days)
    lookback_start = today - timedelta(days=ROUTINE_LOOKBACK_DAYS - 1)
    done = sum(1 for day in days if day >= lookback_start)
    if (today - began).days < ROUTINE_MIN_DAYS_RUNNING or done < ROUTINE_MIN_DAYS_DONE:
        return None
    window = timedelta(days=COMPARE_DAYS)
    recent = len(_cramps_in(records, now - window, now))
    if recent < COMPARE_MIN_CRAMPS:
        return None
    before = len(_cramps_in(records, now - 2 * window, now - window))
    began_at = datetime.combine(began, time(0), tzinfo=now.tzinfo)
    baseline = len(_cramps_in(records, began_at - window, began_at))
    # A baseline of 0 only counts if the journal was in use then; otherwise it is unknown, not 0.
    baseline_known = baseline > 0 or any(r.started < began_at - window for r in records)
    routine = (
        f"You have done the nightly routine on {done} of the last {ROUTINE_LOOKBACK_DAYS} days"
    )
    if baseline_known and recent >= baseline:
        compared = "the same as" if recent == baseline else "more than"
        return (
            f"{routine}, and your journal shows {_cramps(recent)} in the last {COMPARE_DAYS} "
            f"days, {compared} the {baseline} in the {COMPARE_DAYS} days before you started it."
        )
    if recent > before:
        return (
            f"{routine}, and your journal shows {_cramps(recent)} in the last {COMPARE_DAYS} "
            f"days, up from {before} in the {COMPARE_DAYS} days before that."
        )
    return None


def _run_start(days: list[date]) -> date:
    """The first day of the latest run of routine days (gaps of up to RUN_GAP_DAYS allowed)."""
    start = days[-1]
    for day in reversed(days[:-1]):
        if (start - day).days > RUN_GAP_DAYS:
            break
        start = day
    return start


def _cramps_in(
    records: list[SessionRecord], since: datetime, until: datetime
) -> list[SessionRecord]:
    """The first session of each cramp episode started in (since, until]: restarts of one cramp
    count once, a session only opened counts not at all (coach/core/journal/episodes.py)."""
    return [e.first for e in episodes(records) if since < e.started <= until]


def _routine_done(record: SessionRecord) -> bool:
    # Completed with at least half its hold seconds (old rows and `coach log --routine` entries,
    # without the figure, count when completed): SessionRecord.routine_done.
    return record.routine_done


def _at_night(moment: time) -> bool:
    return moment >= NIGHT_STARTS or moment < NIGHT_ENDS


def _night_of(started: datetime) -> date:
    # 01:30 on the 10th belongs to the night of the 9th: shift by 12 h so a night is one date.
    return (started - timedelta(hours=12)).date()


def _cramps(count: int) -> str:
    return f"{count} cramp" if count == 1 else f"{count} cramps"
