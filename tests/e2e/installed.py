"""What the pty tests share: the installed `coach`, how to start it, and how to read its journal
straight from the file (opening a Journal would close a dead process's 'running' row, which is
what some tests want to see happen by itself).

The installed `coach` must run this checkout's code (`not_this_checkout`): after an edit to coach/
without a reinstall, a plain `pip install .` still holds the old copy, and the e2e tests would
pass or fail on code nobody is looking at."""

from __future__ import annotations

import filecmp
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .terminal import Terminal

COACH = Path(sys.executable).parent / "coach"
CHECKOUT = Path(__file__).resolve().parents[2]
# What the wheel holds, as (folder in the checkout, folder inside the installed package):
# pyproject.toml force-includes routines/ and sounds/ into the package.
SHIPPED = (("coach", ""), ("routines", "routines"), ("sounds", "sounds"))
REINSTALL = f"reinstall from {CHECKOUT}: {Path(sys.executable).parent / 'pip'} install -e '.[test]'"
START_TIMEOUT = 30.0  # a cold start on a busy CI machine
STEP_TIMEOUT = 10.0
READY = "space Pause"  # the footer: Textual (not only the early paint) is up and reading keys
JOURNAL = "journal.sqlite3"

Rows = list[tuple[int, str, str]]


def start(
    coach: Path,
    home: Path | str,
    *args: str,
    mute: bool = True,
    cols: int = 100,
    rows: int = 30,
    env: dict[str, str] | None = None,
) -> Terminal:
    full_env = {"COACH_HOME": str(home), "COACH_EMERGENCY_NUMBER": "999", **(env or {})}
    argv = [str(coach), *(["--mute"] if mute else []), *args]
    return Terminal(argv, env=full_env, cols=cols, rows=rows)


def journal_rows(home: Path) -> Rows:
    """(id, routine_id, status) of every session in COACH_HOME's journal, oldest first."""
    path = home / JOURNAL
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return list(conn.execute("SELECT id, routine_id, status FROM sessions ORDER BY id"))


def wait_rows(
    home: Path, check: Callable[[Rows], object], what: str, timeout: float = STEP_TIMEOUT
) -> Rows:
    deadline = time.monotonic() + timeout
    while True:
        try:
            rows: Rows | None = journal_rows(home)
        except sqlite3.OperationalError:
            rows = None  # the app is creating the file right now
        if rows is not None and check(rows):
            return rows
        assert time.monotonic() < deadline, f"journal never showed {what}: {rows}"
        time.sleep(0.05)


def integrity(home: Path) -> str:
    with sqlite3.connect(home / JOURNAL) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def screens(term: Terminal) -> list[str]:
    return [text for _, text in list(term._history)] + [term.text()]


def no_traceback(term: Terminal) -> None:
    for screen in screens(term):
        assert "Traceback" not in screen, screen


def installed_package(coach: Path) -> Path | None:
    """The folder the `coach` command imports its package from, found the way the command finds
    it (its own interpreter, the current environment, no current directory on sys.path)."""
    first = coach.read_bytes().split(b"\n", 1)[0]
    interpreter = first[2:].decode().strip() if first.startswith(b"#!") else sys.executable
    code = "import importlib.util as u; s = u.find_spec('coach'); print(s.origin if s else '')"
    found = subprocess.run(
        [interpreter, "-P", "-c", code], capture_output=True, text=True, timeout=60
    )
    origin = found.stdout.strip()
    return Path(origin).resolve().parent if found.returncode == 0 and origin else None


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path.relative_to(folder)


def differences(package: Path) -> list[str]:
    """The checkout's shipped files (coach/, routines/, sounds/) that are missing from, extra in
    or not byte for byte the same as the installed package folder `package`."""
    differ: list[str] = []
    for source, inside in SHIPPED:
        here, there = CHECKOUT / source, package / inside
        ours = set(_files(here))
        theirs = set(_files(there)) if there.is_dir() else set()
        if source == "coach":  # the installed package also holds routines/ and sounds/
            theirs = {p for p in theirs if p.parts[0] not in ("routines", "sounds")}
        differ += [f"{source}/{name}" for name in sorted(ours ^ theirs)]
        differ += [
            f"{source}/{name}"
            for name in sorted(ours & theirs)
            if not filecmp.cmp(here / name, there / name, shallow=False)
        ]
    return differ


def not_this_checkout(coach: Path) -> str | None:
    """None when `coach` runs this checkout's code (an editable install of it, or an install
    whose files are byte for byte the checkout's); otherwise the one-line reason why not."""
    package = installed_package(coach)
    if package is None:
        return f"e2e: {coach} cannot import its coach package; {REINSTALL}"
    if package == (CHECKOUT / "coach").resolve():
        return None  # an editable install of this checkout
    differ = differences(package)
    if not differ:
        return None
    more = f" and {len(differ) - 1} more" if len(differ) > 1 else ""
    return (
        f"e2e: the installed coach ({package}) is not this checkout's code ({differ[0]} differs"
        f"{more}); {REINSTALL}"
    )
