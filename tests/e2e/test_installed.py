"""The e2e tests stop when the installed `coach` is not this checkout's code (installed.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .installed import CHECKOUT, COACH, differences, installed_package, not_this_checkout


def installed_copy(into: Path) -> Path:
    """The package folder a wheel of this checkout installs: coach/ with routines/ and sounds/."""
    package = into / "site-packages" / "coach"
    shutil.copytree(CHECKOUT / "coach", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(CHECKOUT / "routines", package / "routines")
    shutil.copytree(CHECKOUT / "sounds", package / "sounds")
    return package


def test_an_up_to_date_install_has_no_differences(tmp_path: Path) -> None:
    assert differences(installed_copy(tmp_path)) == []


def test_an_edit_a_deleted_file_and_a_stale_one_are_each_named(tmp_path: Path) -> None:
    package = installed_copy(tmp_path)
    (package / "cli.py").write_text("# the old copy\n")
    (package / "sounds" / "step.wav").unlink()
    (package / "core" / "gone_since.py").write_text("")
    (package / "core" / "__pycache__").mkdir(exist_ok=True)
    (package / "core" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")  # not code
    assert differences(package) == ["coach/core/gone_since.py", "coach/cli.py", "sounds/step.wav"]


def test_this_run_uses_this_checkout(coach: Path) -> None:
    # The session stops before any e2e test otherwise (conftest.py); this says where it looked.
    assert coach == COACH and installed_package(coach) is not None
    assert not_this_checkout(coach) is None
