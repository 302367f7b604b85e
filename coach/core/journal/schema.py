"""What the journal stores and how it is read back: the schema, its migrations, SessionRecord.

The file's PRAGMA user_version is the schema version. MIGRATIONS[n] takes a file from version n to
n + 1; a file newer than SCHEMA_VERSION is never migrated down (journal.py refuses to write it).
Times are stored as UTC text ("2026-05-09T21:14:03Z", sortable, so the index on started_utc serves
every range query) plus the local offset in minutes, so a session keeps the wall-clock time the
user lived it, even after a move across time zones or a change of daylight saving.
"""

from __future__ import annotations

import errno
import functools
import json
import math
import os
import sqlite3
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

KINDS = ("relief", "prevention")
STATUSES = ("running", "completed", "stopped", "interrupted")
LEGS = ("l", "r", "both", "unknown")
SITES = ("calf", "sole", "toes", "other")  # sole = sole or arch of the foot
SITE_LABELS = {"calf": "calf", "sole": "sole/arch", "toes": "toes", "other": "other"}
LEG_LABELS = {"l": "left", "r": "right", "both": "both", "unknown": "unknown"}

# Words the screens are likely to pass (a Step's side is "left"/"right"), mapped to stored values.
LEG_ALIASES = {"left": "l", "right": "r", "none": "unknown", "": "unknown"}
SITE_ALIASES = {"arch": "sole", "sole/arch": "sole", "foot": "sole", "toe": "toes"}
UPDATABLE = ("leg", "site", "steps_done", "steps_skipped", "release_seconds", "status")

_V1 = """
CREATE TABLE sessions (
    id                 INTEGER PRIMARY KEY,
    routine_id         TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'running',
    started_utc        TEXT    NOT NULL,
    started_offset_min INTEGER NOT NULL DEFAULT 0,
    ended_utc          TEXT,
    ended_offset_min   INTEGER,
    updated_utc        TEXT    NOT NULL,   -- last write: the end time given to a crashed session
    leg                TEXT    NOT NULL DEFAULT 'unknown',
    site               TEXT,
    steps_done         TEXT    NOT NULL DEFAULT '[]',   -- JSON list of step names
    steps_skipped      TEXT    NOT NULL DEFAULT '[]',
    release_seconds    REAL,
    warning_tier       TEXT,
    pid                INTEGER  -- the writing process, so one instance never closes another's
);
CREATE INDEX sessions_by_start ON sessions (started_utc);
CREATE INDEX sessions_running ON sessions (status) WHERE status = 'running';
-- Covers the nightly-streak walk, so ten years of routines read from the index alone.
CREATE INDEX sessions_nightly ON sessions (started_utc, id, started_offset_min, kind, status)
    WHERE kind = 'prevention' AND status = 'completed';
CREATE TABLE warning_answers (
    session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_id TEXT    NOT NULL,
    answer      INTEGER NOT NULL,   -- 1 yes, 0 no
    PRIMARY KEY (session_id, question_id)
) WITHOUT ROWID;
"""

# Append only: never edit a migration that has shipped.
MIGRATIONS: list[str] = [_V1]


def read_version(conn: sqlite3.Connection) -> int:
    """The file's schema version; raises sqlite3.DatabaseError when the file is not a database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION, one committed step at a time; returns the version.

    Each step and its version bump share one transaction, and the version is read inside it, so
    a crash leaves a whole version and two instances starting at once do not both migrate.
    """
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = read_version(conn)
            if version >= len(MIGRATIONS):
                conn.execute("COMMIT")
                return version
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    # executescript() would commit on its own; splitting keeps the step inside our transaction.
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


# --- values ---


def check_value(name: str, value: object, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")


def encode_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validated column values for Journal.update_session (unknown names raise ValueError)."""
    unknown = sorted(set(fields) - set(UPDATABLE))
    if unknown:
        raise ValueError(f"cannot update {', '.join(unknown)}; fields: {', '.join(UPDATABLE)}")
    columns: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "leg":
            value = LEG_ALIASES.get(str(value or "").lower(), str(value or "").lower())
            check_value("leg", value, LEGS)
        elif name == "site" and value is not None:
            value = SITE_ALIASES.get(str(value).lower(), str(value).lower())
            check_value("site", value, SITES)
        elif name in ("steps_done", "steps_skipped"):
            value = json.dumps([str(step) for step in value or ()], ensure_ascii=False)
        elif name == "release_seconds" and value is not None:
            value = float(value)
        elif name == "status":
            check_value("status", value, STATUSES)
        columns[name] = value
    return columns


# --- times ---------------------------------------------------------------------------------

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # shown for a time the file holds but we cannot read


def aware(moment: datetime | None) -> datetime:
    """`moment` with a UTC offset: now when None; a naive time is taken as local wall-clock time."""
    if moment is None:
        return datetime.now().astimezone()
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.astimezone()
    return moment


def utc_text(moment: datetime) -> str:
    return aware(moment).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def offset_minutes(moment: datetime) -> int:
    offset = aware(moment).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def from_stored(text: str | None, offset_min: int | None) -> datetime | None:
    """Read back a stored time in the offset it was lived in; a damaged value reads as EPOCH."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return EPOCH
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(_zone(_minutes(offset_min)))


def local_date(text: str, offset_min: int | None) -> date:
    """The local calendar date of a stored time; the streak walk calls this thousands of times,
    so it does naive arithmetic instead of building time zones."""
    try:
        moment = datetime.fromisoformat(str(text)[:19])
    except ValueError:
        return EPOCH.date()
    return (moment + timedelta(minutes=_minutes(offset_min))).date()


def _minutes(offset_min: object) -> int:
    return offset_min if isinstance(offset_min, int) and abs(offset_min) < 24 * 60 else 0


@functools.lru_cache(maxsize=64)
def _zone(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


# --- records -------------------------------------------------------------------------------

# Every query reads sessions through this select, so the column order below matches one place.
# Warning answers ride along as "D5<RS>1<US>D6<RS>0" (ASCII record/unit separators, which no
# question id contains), one subquery on the answers' primary key per session.
SELECT_SESSIONS = """
SELECT s.id, s.routine_id, s.kind, s.status, s.started_utc, s.started_offset_min,
       s.ended_utc, s.ended_offset_min, s.leg, s.site, s.steps_done, s.steps_skipped,
       s.release_seconds, s.warning_tier, s.pid,
       (SELECT group_concat(w.question_id || char(30) || w.answer, char(31))
          FROM warning_answers w WHERE w.session_id = s.id) AS answers
  FROM sessions s
"""


@dataclass(frozen=True)
class SessionRecord:
    """One journal row as the history screen and the exports see it."""

    id: int
    routine_id: str
    kind: str
    status: str
    started: datetime  # aware, in the local offset of the time
    ended: datetime | None
    leg: str = "unknown"
    site: str | None = None
    steps_done: tuple[str, ...] = ()
    steps_skipped: tuple[str, ...] = ()
    release_seconds: float | None = None
    warning_tier: str | None = None
    warning_answers: Mapping[str, bool] = field(default_factory=dict)
    pid: int | None = None

    @property
    def duration_seconds(self) -> float | None:
        """Seconds from start to end; None while running or when the clock went backwards."""
        if self.ended is None:
            return None
        seconds = (self.ended - self.started).total_seconds()
        return seconds if seconds >= 0 else None

    @property
    def local_date(self) -> date:
        return self.started.date()


def record_from_row(row: tuple) -> SessionRecord:
    (id_, routine_id, kind, status, started, started_off, ended, ended_off, leg, site,
     steps_done, steps_skipped, release, tier, pid, answers) = row  # fmt: skip
    return SessionRecord(
        id=int(id_),
        routine_id=str(routine_id),
        kind=str(kind),
        status=str(status),
        started=from_stored(started, started_off) or EPOCH,
        ended=from_stored(ended, ended_off),
        leg=str(leg),
        site=site,
        steps_done=_names(steps_done),
        steps_skipped=_names(steps_skipped),
        release_seconds=_seconds(release),
        warning_tier=tier,
        warning_answers=_answers(answers),
        pid=pid,
    )


def _seconds(value: object) -> float | None:
    # A hand-edited or damaged file may hold inf or text here: read it as "not known".
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _names(text: object) -> tuple[str, ...]:
    if text == "[]":
        return ()  # most lists are empty: skip the JSON parser (exports read 20,000 rows)
    try:
        value = json.loads(str(text))
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _answers(text: str | None) -> dict[str, bool]:
    answers: dict[str, bool] = {}
    for pair in (text or "").split("\x1f"):
        question, _, answer = pair.partition("\x1e")
        if question:
            answers[question] = answer == "1"
    return answers


# --- plumbing: the connection, error words, the writer's pid ---------------------------------

BUSY_TIMEOUT_S = 1.0  # another instance's write takes milliseconds; never freeze the screen long


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    # isolation_level=None: autocommit, so each update is on disk when execute() returns.
    if read_only:
        uri = path.resolve().as_uri() + "?mode=ro"
        return sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )


def describe_error(exc: BaseException) -> str:
    """The cause in the user's words: the UI shows it on one line."""
    text = str(exc).lower()
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "the journal folder cannot be written"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "the disk is full"
    # COACH_HOME under a regular file makes mkdir fail with "[Errno 20] Not a directory".
    if isinstance(exc, PermissionError | NotADirectoryError | FileExistsError) or (
        isinstance(exc, OSError) and exc.errno == errno.EROFS
    ):
        return "the journal folder cannot be written"
    if "locked" in text or "busy" in text:
        return "the journal is in use by another program"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "the journal file is damaged"
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]


def one_line(text: str) -> str:
    return " ".join(text.split())


def process_alive(pid: object) -> bool:
    """Whether a process with this id still runs (a zombie counts as gone)."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): trust kill()


def windows_process_alive(pid: int) -> bool:
    # os.kill on Windows would terminate the process, so ask OpenProcess instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
