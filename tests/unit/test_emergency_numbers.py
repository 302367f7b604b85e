"""The number to call when none is set: the region from settings, locale or time zone, that
region's ambulance number from routines/emergency-numbers.json, and where it came from. The table
itself is checked against libphonenumber's short-number data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from phonenumbers import shortnumberinfo

from coach.core.guidance.call_numbers import (
    GENERIC_ADVICE,
    UNKNOWN_REGION_NOTE,
    call_advice,
    load_table,
    table_path,
)
from coach.core.guidance.checklist import load_warning_signs, urgent_help_text
from coach.core.guidance.region import Region, find_region, locale_territory, zone_country
from coach.core.settings import DEFAULT_EMERGENCY_NUMBER

ZONE_TAB = (
    "# tzdb timezone descriptions\n"
    "AU\t-3352+15113\tAustralia/Sydney\tNew South Wales\n"
    "GB\t+513030-0000731\tEurope/London\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
)
ZONE_1970 = "CH,DE,LI\t+4723+00832\tEurope/Zurich\n"


def urgent_text(env: dict[str, str], own: str | None = None, setting: str = "") -> str:
    """What `!` shows for this environment, as the app builds it."""
    region = find_region(setting, env, zone_table=lambda: ZONE_TAB, etc=Path("/nonexistent"))
    advice = call_advice(own, region, load_table())
    return urgent_help_text(load_warning_signs(), advice.number, advice.advice_line, advice.notes)


def test_every_number_in_the_table_is_an_emergency_number_for_its_region() -> None:
    data = json.loads(table_path().read_text(encoding="utf-8"))
    assert len(data["regions"]) >= 30
    for code, entry in data["regions"].items():
        assert entry["source"].strip(), code
        for number in entry["call"]:
            assert shortnumberinfo.is_emergency_number(number, code), (code, number)


def test_the_table_knows_the_numbers_the_issue_names() -> None:
    table = load_table()
    ambulance = {code: table[code].call[0] for code in ("GB", "US", "CA", "AU", "NZ", "JP")}
    wanted = {"GB": "999", "US": "911", "CA": "911", "AU": "000", "NZ": "111", "JP": "119"}
    assert ambulance == wanted
    assert table["IN"].call == ("108", "112")
    assert table["FR"].call == ("15", "112")
    assert (table["DE"].call[0], table["BR"].call[0]) == ("112", "192")
    assert "110" not in table["JP"].call  # police, not an ambulance


def test_en_gb_names_999_and_111_and_says_where_it_came_from() -> None:
    text = urgent_text({"LANG": "en_GB.UTF-8"})
    assert "Call 999 now if you have leg pain" in text
    assert "999 (112 also works): your system's language setting (LANG) says the UK" in text
    assert "set `emergency_number` in settings.yaml to change it" in text
    assert "a health advice line, 111 in the UK" in text


def test_en_us_names_911_and_the_generic_advice_line() -> None:
    text = urgent_text({"LANG": "en_US.UTF-8"})
    assert "Call 911 now" in text
    assert "says the US" in text
    assert "urgent care or a health advice line) if:" in text


def test_de_de_names_112() -> None:
    text = urgent_text({"LANG": "de_DE.UTF-8"})
    assert "Call 112 now" in text
    assert "says Germany" in text


def test_sydney_time_zone_names_000_when_the_locale_has_no_territory() -> None:
    text = urgent_text({"LANG": "C.UTF-8", "TZ": "Australia/Sydney"})
    assert "Call 000 now" in text
    assert "your time zone (Australia/Sydney) says Australia" in text
    assert "1800 022 222" in text


def test_unknown_region_keeps_the_generic_words_and_names_112() -> None:
    text = urgent_text({"LANG": "C.UTF-8", "TZ": "Etc/UTC"})
    assert f"Call {DEFAULT_EMERGENCY_NUMBER} now" in text
    assert UNKNOWN_REGION_NOTE in text
    assert "112 works from a mobile phone" in text


def test_the_region_setting_wins_over_locale_and_zone() -> None:
    text = urgent_text({"LANG": "en_US.UTF-8", "TZ": "Australia/Sydney"}, setting="nz")
    assert "Call 111 now" in text
    assert "your `region` setting says New Zealand" in text


def test_lc_all_wins_over_lang_and_uk_means_gb() -> None:
    assert locale_territory({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}) == ("FR", "LC_ALL")
    assert locale_territory({"LC_MESSAGES": "ja_JP", "LANG": "en_GB"}) == ("JP", "LC_MESSAGES")
    assert locale_territory({"LANG": "C"}) is None
    assert locale_territory({"LANG": "sr_RS@latin"}) == ("RS", "LANG")
    assert find_region("UK", {}) == Region("GB", "your `region` setting")


def test_zone_country_reads_zone_tab_and_leaves_shared_zones_alone() -> None:
    assert zone_country("Australia/Sydney", ZONE_TAB) == "AU"
    assert zone_country("Europe/Zurich", ZONE_1970) is None  # three countries: none is sure
    assert zone_country("Mars/Olympus", ZONE_TAB) is None


def test_tz_as_a_path_and_etc_timezone(tmp_path: Path) -> None:
    env = {"TZ": ":/usr/share/zoneinfo/Europe/London"}
    assert find_region("", env, zone_table=lambda: ZONE_TAB) == Region(
        "GB", "your time zone (Europe/London)"
    )
    (tmp_path / "timezone").write_text("America/New_York\n")
    region = find_region("", {}, zone_table=lambda: ZONE_TAB, etc=tmp_path)
    assert region is not None and region.code == "US"


def test_the_systems_zone_tab_knows_sydney() -> None:
    from coach.core.guidance.region import zone_table_text

    table = zone_table_text()
    if not table:
        pytest.skip("no zone.tab on this machine and no tzdata package")
    assert zone_country("Australia/Sydney", table) == "AU"


def test_own_number_is_used_and_doubted_once_when_the_region_does_not_know_it() -> None:
    table = load_table()
    fine = call_advice("999", Region("GB", "x"), table)
    assert (fine.number, fine.notes) == ("999", ())
    odd = call_advice("998", Region("GB", "x"), table)
    assert odd.number == "998"
    assert len(odd.notes) == 1 and "998 is not one we know for the UK" in odd.notes[0]
    spaced = call_advice(" 1 1 2 ", Region("DE", "x"), table)
    assert spaced.notes == ()
    no_region = call_advice("998", None, table)
    assert (no_region.number, no_region.notes) == ("998", ())


def test_a_broken_table_leaves_the_generic_words(tmp_path: Path) -> None:
    bad = tmp_path / "t.json"
    bad.write_text("{not json")
    assert load_table(bad) == {}
    advice = call_advice(None, Region("GB", "x"), {})
    assert (advice.number, advice.advice_line) == (DEFAULT_EMERGENCY_NUMBER, GENERIC_ADVICE)


def test_the_region_setting_is_read_and_checked() -> None:
    from coach.core.settings import load_settings, settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("region: NO\n", encoding="utf-8")  # YAML 1.1's false: Norway all the same
    assert load_settings().region == "NO"
    path.write_text("sound: bell\nregion: Britain\n", encoding="utf-8")
    settings = load_settings()
    assert settings.region == ""
    assert settings.problems == (
        f'{path}:2:9: region: expected a two-letter region code like "GB" or "US", '
        "got 'Britain'; using the default",
    )


def test_the_table_says_which_sources_were_checked_and_each_checked_one_names_its_page() -> None:
    """Checked entries name the page they were checked against (a web address); the rest are
    listed as not yet checked, so nobody takes them for checked."""
    data = json.loads(table_path().read_text(encoding="utf-8"))
    checked_part, unchecked_part = data["sources_checked"].split("Not yet checked")
    checked = set(re.findall(r"\b[A-Z]{2}\b", checked_part))
    unchecked = set(re.findall(r"\b[A-Z]{2}\b", unchecked_part))
    assert checked and not checked & unchecked
    assert checked | unchecked == set(data["regions"])
    web_address = re.compile(r"\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b")
    for code in checked:
        assert web_address.search(data["regions"][code]["source"]), code
