"""User settings: a small YAML file beside the user's routines, read only when first needed.

    # settings.yaml
    emergency_number: "999"     # shown wherever the app says to call for help
    sound: auto                 # auto, bell or off

COACH_EMERGENCY_NUMBER overrides the file. A broken file never stops the app: defaults apply and
`problem` says why in one line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_EMERGENCY_NUMBER = "your local emergency number"
SOUND_MODES = ("auto", "bell", "off")


@dataclass(frozen=True)
class Settings:
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER
    sound: str = "auto"
    problem: str | None = None


def settings_path():  # type: ignore[no-untyped-def]
    from coach.core.paths import user_routines_dir

    return user_routines_dir().parent / "settings.yaml"


def load_settings() -> Settings:
    path = settings_path()
    data: dict = {}
    problem = None
    if path.is_file():
        try:
            import yaml

            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                data = loaded
            elif loaded is not None:
                problem = f"{path}: expected a mapping of settings; using the defaults"
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            problem = f"{path}: could not be read ({type(error).__name__}); using the defaults"
    number = os.environ.get("COACH_EMERGENCY_NUMBER") or data.get("emergency_number")
    sound = data.get("sound", "auto")
    return Settings(
        emergency_number=str(number).strip() if number else DEFAULT_EMERGENCY_NUMBER,
        sound=sound if sound in SOUND_MODES else "auto",
        problem=problem,
    )
