"""Which region the user is in, for the number to call: a `region:` setting, else the locale's
territory (LC_ALL, LC_MESSAGES, LANG: en_GB.UTF-8 -> GB), else the time zone's country (the
system's zone.tab, or the tzdata package's). Pure apart from reading zone.tab, which the caller
can replace; nothing here runs before the cramp path's first paint (the urgent screen asks).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set wins
_TERRITORY = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?:[.@]|$)")
_CODE = re.compile(r"^[A-Z]{2}$")
ETC = Path("/etc")  # where /etc/timezone and /etc/localtime are (tests point it elsewhere)
ZONE_TABLES = (Path("/usr/share/zoneinfo/zone.tab"), Path("/usr/share/zoneinfo/zone1970.tab"))


@dataclass(frozen=True)
class Region:
    code: str  # ISO 3166 alpha-2: "GB"
    how: str  # where it came from, for the user: "your settings", "your system's language (LANG)"


def region_code(text: str) -> str | None:
    """'gb', 'GB', 'UK' -> 'GB' (UK is what people write; ISO says GB); None if not two letters."""
    code = text.strip().upper()
    code = "GB" if code == "UK" else code
    return code if _CODE.fullmatch(code) else None


def locale_territory(env: Mapping[str, str]) -> tuple[str, str] | None:
    """The territory of the first locale variable that is set, with its name: ('GB', 'LANG')."""
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:  # the first one set decides, as setlocale does, even when it has no territory
            match = _TERRITORY.match(value)
            return (match.group(1).upper(), name) if match else None
    return None


def zone_name(env: Mapping[str, str], etc: Path | None = None) -> str | None:
    """The time zone's name: TZ (':Area/City' or a zoneinfo path), /etc/timezone, or where
    /etc/localtime points."""
    etc = etc or ETC
    tz = env.get("TZ", "").lstrip(":")
    if tz:
        return tz.split("zoneinfo/", 1)[-1] if "/" in tz else tz
    try:
        return (etc / "timezone").read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        pass
    try:
        target = os.readlink(etc / "localtime")
    except OSError:
        return None
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None


def zone_table_text() -> str:
    """The system's zone.tab (zone1970.tab as a second choice), else the tzdata package's."""
    for path in ZONE_TABLES:
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            continue
    try:
        from importlib.resources import files

        return (files("tzdata") / "zoneinfo" / "zone.tab").read_text(encoding="utf-8")
    except (ImportError, OSError, ValueError):
        return ""


def zone_country(zone: str, table: str) -> str | None:
    """The country of a zone in zone.tab's text (zone1970.tab: only when it names one country)."""
    for line in table.splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 3 and fields[2] == zone:
            codes = fields[0].split(",")
            return codes[0] if len(codes) == 1 and _CODE.fullmatch(codes[0]) else None
    return None


def find_region(
    setting: str | None,
    env: Mapping[str, str],
    zone_table: Callable[[], str] = zone_table_text,
    etc: Path | None = None,
) -> Region | None:
    """The user's region and where it came from, or None when nothing says."""
    if setting and (code := region_code(setting)):
        return Region(code, "your `region` setting")
    found = locale_territory(env)
    if found:
        return Region(found[0], f"your system's language setting ({found[1]})")
    zone = zone_name(env, etc)
    if zone:
        country = zone_country(zone, zone_table())
        if country:
            return Region(country, f"your time zone ({zone})")
    return None
