"""Where things live. Functions, not constants: COACH_HOME is read at call time (the test seam)."""

from __future__ import annotations

import os
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
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def user_cache_dir() -> Path:
    """`$COACH_HOME/cache`, else the platform's user cache folder: only what can be rebuilt."""
    home = coach_home()
    if home is not None:
        return home / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


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
