"""A file the user names on the command line (`coach say TEXT --out FILE`): written only where a
regular file belongs, never over something else.

Issue 22: `--out` replaced whatever was at the path with a regular file (run as root with
`--out /dev/null`, it replaced the machine's /dev/null), replaced symlinks and existing files
without asking, and made missing folders. Here a device, a named pipe, a socket or a symlink is
refused, an existing file is replaced only when asked (`force`), and the folder must exist. The
new file is written next to the target and moved into place in one step; without `force` the
move cannot overwrite a file that appeared meanwhile (a hard link, which fails if the name is
taken).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class OutRefused(Exception):
    """Why the file cannot be written there, in one line."""


def check_target(target: Path, *, force: bool) -> None:
    """Raise OutRefused when `target` is no place to write a new file (see the module docstring)."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutRefused(f"cannot look at {target}: {exc.strerror or exc}") from None
    if mode is not None:
        if stat.S_ISLNK(mode):
            raise OutRefused(f"{target} is a symbolic link; give the path of a new file instead")
        if stat.S_ISDIR(mode):
            raise OutRefused(f"expected a file name, got the folder {target}")
        if not stat.S_ISREG(mode):
            raise OutRefused(f"{target} is {_kind(mode)}, not a regular file; nothing was written")
        if not force:
            raise OutRefused(f"{target} already exists; add --force to replace it")
    folder = target.parent
    if not folder.is_dir():
        raise OutRefused(f"the folder {folder} does not exist; create it first")


def staging_path(target: Path) -> Path:
    """Where the new file is written first: beside the target, hidden, this process's own."""
    return target.with_name(f".{target.name}.{os.getpid()}.part")


def place(staged: Path, target: Path, *, force: bool) -> None:
    """Move the finished file into place in one step; raise OutRefused (the staged file is left
    for the caller to remove) if the target changed into something we must not replace."""
    if not force:
        try:
            os.link(staged, target)  # fails if the name is taken: nothing can be overwritten
        except FileExistsError:
            raise OutRefused(f"{target} already exists; add --force to replace it") from None
        except OSError:
            pass  # a file system without hard links: check again, then rename
        else:
            staged.unlink(missing_ok=True)
            return
    check_target(target, force=force)
    os.replace(staged, target)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
