"""Where things live. Functions, not constants: COACH_HOME is read at call time (the test seam)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "cramp-coach"


def coach_home() -> Path | None:
    home = os.environ.get("COACH_HOME")
    return Path(home).expanduser() if home else None


def user_routines_dir() -> Path:
    """`$COACH_HOME/routines`, else the platform's user config folder (platformdirs)."""
    home = coach_home()
    if home is not None:
        return home / "routines"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "routines"


def user_data_dir() -> Path:
    """`$COACH_HOME`, else the platform's user data folder: the journal and settings live here."""
    home = coach_home()
    if home is not None:
        return home
    plain = _plain_xdg_data_home()
    if plain is not None:
        return Path(plain) / APP_NAME
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def _plain_xdg_data_home() -> str | None:
    """The XDG data folder on Linux when nothing about it is unusual, else None (ask platformdirs).

    `coach now` looks for the safety record here before its first paint, and importing
    platformdirs costs ~5 ms there (it loads tempfile, random and its XDG machinery). For an
    absolute HOME and an XDG_DATA_HOME that is unset, empty or a clean absolute path, every
    platformdirs 4.x answers $XDG_DATA_HOME or ~/.local/share (tests/unit/test_paths.py compares
    the two); anything else (another platform, Android, a relative HOME or XDG_DATA_HOME) is left
    to platformdirs.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if "ANDROID_DATA" in os.environ:
        return None
    if not os.path.isabs(os.environ.get("HOME", "")):
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg == "":
        return os.path.expanduser("~/.local/share")
    if os.path.isabs(xdg) and xdg == xdg.strip():
        return xdg
    return None


def user_cache_dir() -> Path:
    """`$COACH_HOME/cache`, else the platform's user cache folder: only what can be rebuilt."""
    home = coach_home()
    if home is not None:
        return home / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def safety_record_path() -> Path:
    """The safety record (coach/core/guidance/safety_record.py): here, so the cramp path can look
    for it before its first paint without loading the module that reads it."""
    return user_data_dir() / "safety-record.json"


def builtin_dir(name: str) -> Path:
    """A bundled folder ("routines" or "sounds").

    Installed from a wheel they sit inside the package (force-included); in a source checkout
    they sit at the top of the repository beside coach/.
    """
    package_dir = Path(__file__).resolve().parent.parent
    inside = package_dir / name
    if inside.is_dir():
        return inside
    return package_dir.parent / name
