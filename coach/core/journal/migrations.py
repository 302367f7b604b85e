"""The journal's tables and their versions: the file's PRAGMA user_version is the schema version.

MIGRATIONS[n] takes a file from version n to n + 1; a file newer than SCHEMA_VERSION is never
migrated down (store.py refuses to write it).
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 6

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

# A cramp or routine entered afterwards (`coach log`): how bad it was, the user's note, and a
# flag so history and the exports can tell it from a session the app coached.
_V2 = """
ALTER TABLE sessions ADD COLUMN pain INTEGER;   -- 0-10, as the user rated it
ALTER TABLE sessions ADD COLUMN note TEXT;
ALTER TABLE sessions ADD COLUMN entered_afterwards INTEGER NOT NULL DEFAULT 0;
"""

# `coach trial start`: the plan of alternating routine and ordinary blocks (coach/core/trial).
_V3 = """
CREATE TABLE trial_plans (
    id          INTEGER PRIMARY KEY,
    start_date  TEXT    NOT NULL,   -- local date of the first night, YYYY-MM-DD
    weeks       INTEGER NOT NULL,
    block_weeks INTEGER NOT NULL,
    created_utc TEXT    NOT NULL,
    stopped_utc TEXT                -- `coach trial stop`; NULL while it stands
);
"""

# How much of a session's timed work was done: seconds of holds done and planned (issue 9: a
# nightly routine counts for the streak only when at least half was done; schema.py
# ROUTINE_COUNTS). Rows written before this version, and `coach log --routine` rows, hold NULL.
# The streak's covering index is rebuilt with the two figures, so it still reads the index alone.
_V4 = """
ALTER TABLE sessions ADD COLUMN timed_done_s INTEGER;      -- hold seconds done, pauses left out
ALTER TABLE sessions ADD COLUMN timed_planned_s INTEGER;   -- hold seconds the routine planned
DROP INDEX sessions_nightly;
CREATE INDEX sessions_nightly ON sessions (started_utc, id, started_offset_min, kind, status,
    timed_done_s, timed_planned_s) WHERE kind = 'prevention' AND status = 'completed';
"""

# Which technique was running when the cramp let go (core/session/release_step.py: stretch,
# stretch-again, massage, walking, other), for "what has worked for you" (issue 25). NULL
# before this version, and while a cramp has not let go.
_V5 = """
ALTER TABLE sessions ADD COLUMN release_step TEXT;
"""

# Where a coached session was, so one cut short (a reloaded page, a phone gone to sleep, a
# closed terminal) can carry on: the segment on screen, when it started on the wall clock, its
# length and whether it was paused, as JSON (core/session/position.py reads and writes it).
# NULL before this version, and for rows entered afterwards.
_V6 = """
ALTER TABLE sessions ADD COLUMN position TEXT;
"""

# Append only: never edit a migration that has shipped.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5, _V6]


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
            for statement in statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def statements(script: str) -> list[str]:
    # executescript() would commit on its own; splitting keeps the step inside our transaction.
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
