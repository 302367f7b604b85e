"""Canary of coach/audio/playsound_seam.py: playsound3 imports without urllib.request's weight.

Each check runs in a clean interpreter (sys.modules here is shared with other tests). The first
fails the day playsound3 starts reading urllib.request while it is imported (the saving, about
2 MiB of `coach now`'s memory, would be gone: see the seam's docstring); the others show that
the stand-in never costs the user anything: playsound3 still picks its backend, and its link
download path and any later `import urllib.request` get the real module.
"""

from __future__ import annotations

import json
import subprocess
import sys

# Modules only urllib.request brings in; none of them is loaded by playsound3 otherwise.
HEAVY = ("urllib.request", "email", "http.client", "hashlib")


def run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_playsound3_imports_without_urllib_request() -> None:
    found = run(
        "import json, sys\n"
        "from coach.audio.playsound_seam import import_playsound\n"
        "play = import_playsound()\n"
        f"print(json.dumps({{'loaded': [m for m in {HEAVY!r} if m in sys.modules],\n"
        "                   'callable': callable(play)}))"
    )
    assert found == {"loaded": [], "callable": True}


def test_the_same_backend_is_chosen_with_and_without_the_seam() -> None:
    show = "import json, playsound3; print(json.dumps(playsound3.AVAILABLE_BACKENDS))"
    plain = run(show)
    seam = "from coach.audio.playsound_seam import import_playsound\nimport_playsound()\n"
    seamed = run(seam + show)
    assert seamed == plain


def test_urllib_request_is_real_when_used_after_the_seam() -> None:
    found = run(
        "import json, sys\n"
        "from coach.audio.playsound_seam import import_playsound\n"
        "import_playsound()\n"
        "import playsound3.playsound3 as ps\n"
        "opener = ps.urllib.request.urlopen  # playsound3's download path reads it so\n"
        "import urllib.request\n"
        "print(json.dumps({'same': urllib.request.urlopen is opener,\n"
        "    'real': type(sys.modules['urllib.request']).__name__ == 'module',\n"
        "    'parent': ps.urllib.request is sys.modules['urllib.request']}))"
    )
    assert found == {"same": True, "real": True, "parent": True}


def test_an_import_after_the_seam_gets_the_real_module() -> None:
    found = run(
        "import json, sys\n"
        "from coach.audio.playsound_seam import import_playsound\n"
        "import_playsound()\n"
        "from urllib.request import Request\n"
        "print(json.dumps({'real': type(sys.modules['urllib.request']).__name__ == 'module',\n"
        "    'request': Request.__module__}))"
    )
    assert found == {"real": True, "request": "urllib.request"}


def test_an_already_loaded_urllib_request_is_left_alone() -> None:
    found = run(
        "import json, sys, urllib.request\n"
        "before = sys.modules['urllib.request']\n"
        "from coach.audio.playsound_seam import import_playsound\n"
        "import_playsound()\n"
        "print(json.dumps({'same': sys.modules['urllib.request'] is before}))"
    )
    assert found == {"same": True}
