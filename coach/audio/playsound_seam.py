"""Import playsound3 without paying for the web download it never does for us.

playsound3 imports urllib.request at its top, only to download sounds given as http(s) links.
urllib.request brings email, http.client and hashlib (OpenSSL's libcrypto pages): 1.5-2.5 MiB of
resident memory in `coach now` (issue 20.4: P4, measured with tests/bench/memory_at.py), and we
only ever pass it local files. So, while playsound3 is imported, sys.modules holds a stand-in
for urllib.request that imports the real one the first time any of its names is read; after
that import the stand-in leaves sys.modules, so whoever imports urllib.request next gets the real
module. (The standard library's LazyLoader cannot do this on 3.11: `import` itself reads the
module's __spec__, which loads it.) Nothing of playsound3's own is touched; the seam leans on one
fact of its implementation, that importing it reads nothing from urllib.request. The canary
(tests/unit/test_playsound_seam.py) fails the day that changes; the user then loses only the
saving, never the sound, since the stand-in hands every name on to the real module.

The seam is the one place that knows this (tests/unit/test_public_api.py: SEAMS).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

DEFERRED = "urllib.request"  # what playsound3 imports but needs only for http(s) links


def import_playsound() -> Any:
    """playsound3's `playsound` function, with urllib.request left to load on first use."""
    stand_in = _put_stand_in(DEFERRED)
    try:
        from playsound3 import playsound
    finally:
        if stand_in is not None and sys.modules.get(DEFERRED) is stand_in:
            del sys.modules[DEFERRED]
    return playsound


class _StandIn(ModuleType):
    """Loads the real module on the first name read from it, and hands that name on."""

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):  # the import system's probes (__path__, __file__...)
            raise AttributeError(attr)
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)  # also sets it on its parent package
        return getattr(real, attr)


def _put_stand_in(name: str) -> ModuleType | None:
    """Put a stand-in for `name` in sys.modules and on its parent; None if it is loaded."""
    if name in sys.modules:
        return None
    import importlib

    parent_name, _, child = name.rpartition(".")
    parent = importlib.import_module(parent_name)  # urllib's own __init__ is empty
    stand_in = _StandIn(name)
    sys.modules[name] = stand_in
    # What an ordinary import does too: `import urllib.request` reads urllib.request later.
    setattr(parent, child, stand_in)
    return stand_in
