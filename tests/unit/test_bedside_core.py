"""The bedside's plain logic: serve access, ICS inputs, theme by time, contrast maths, keymap."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from coach.core.bedside.access import host_name, is_loopback, new_token, refusal, same_token
from coach.core.bedside.contrast import contrast_ratio, parse_hex
from coach.core.bedside.ics import ReminderInputError, build_ics, parse_days, parse_time
from coach.core.bedside.keymap import BindingInfo, check_keymap, complete_keymap
from coach.core.bedside.night import in_window, theme_for, toggled
from coach.core.bedside.settings_keys import KeymapEntry


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org", ""])
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback(host)


def test_host_name_drops_the_port() -> None:
    assert host_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("localhost") == "localhost"


def test_tokens_are_random_and_long() -> None:
    assert new_token() != new_token() and len(new_token()) >= 20


LOCAL = "127.0.0.1:8000"
LAN = "192.168.1.20:8000"


def ask(token: str, given: str | None, host: str | None, origin: str | None, bind: bool):  # type: ignore[no-untyped-def]
    return refusal(
        token=token, given_token=given, host_header=host, origin=origin, loopback_bind=bind
    )


def test_the_token_is_needed_on_localhost_too() -> None:
    token = new_token()
    assert ask(token, None, LOCAL, None, True) is not None  # another user on this computer
    assert ask(token, "wrong", LOCAL, None, True) is not None
    assert ask(token, token, LOCAL, None, True) is None
    assert ask(token, token, LOCAL, f"http://{LOCAL}", True) is None


def test_a_loopback_server_refuses_other_sites_and_rebound_names_even_with_the_token() -> None:
    token = new_token()
    evil = ask(token, token, LOCAL, "https://evil.example", True)
    assert evil is not None and "another site" in evil
    assert ask(token, token, "evil.example:8000", None, True) is not None  # DNS rebinding
    assert ask(token, token, None, None, True) is not None


def test_a_network_server_needs_the_token_and_takes_its_lan_name() -> None:
    token = new_token()
    assert ask(token, None, LAN, None, False) is not None
    assert ask(token, "wrong", LAN, None, False) is not None
    assert ask(token, token, LAN, None, False) is None
    assert ask(token, token, LAN, f"http://{LAN}", False) is None


@pytest.mark.parametrize("given", ["\u00e9", "\udcff", "\x00", "\U0001f600", "", " ", "a" * 10_000])
def test_odd_tokens_are_a_refusal_never_an_error(given: str) -> None:
    token = new_token()
    assert ask(token, given, LOCAL, None, True) is not None
    assert ask(token, token[:-1] + given[:1], LAN, None, False) is not None


def test_odd_headers_are_a_refusal_never_an_error() -> None:
    token = new_token()
    assert ask(token, token, "[::1", "\udcff", True) is not None
    assert ask(token, token, "\udcff:80", None, True) is not None
    assert ask(token, token, "", None, True) is not None


def test_same_token_compares_bytes() -> None:
    assert same_token("abc", "abc") and not same_token("abd", "abc")
    assert not same_token("\u00e9", "abc")  # hmac.compare_digest raises on this as a str


def test_reminder_inputs() -> None:
    assert parse_time("22:30") == time(22, 30) and parse_time("7:05") == time(7, 5)
    assert parse_days(None) == tuple(range(7)) and parse_days("daily") == tuple(range(7))
    assert parse_days("mon-fri") == (0, 1, 2, 3, 4)
    assert parse_days("fri-mon") == (0, 4, 5, 6)
    assert parse_days("mon,wednesday, fri") == (0, 2, 4)


@pytest.mark.parametrize("text", ["24:00", "22.30", "10pm", "", "22:3"])
def test_bad_times_are_one_line(text: str) -> None:
    with pytest.raises(ReminderInputError) as info:
        parse_time(text)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("text", ["mo-fr", "weekdays", "mon-", "mon--fri"])
def test_bad_days_are_one_line(text: str) -> None:
    with pytest.raises(ReminderInputError):
        parse_days(text)


def test_the_ics_event_parses_with_an_alarm() -> None:
    from icalendar import Calendar

    data = build_ics(time(22, 30), parse_days(None), datetime(2026, 12, 1, 12, 0))
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["summary"]) == "Nightly stretch"
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 22, 30)
    assert event["rrule"]["FREQ"] == ["DAILY"]
    assert event.walk("VALARM")[0]["action"] == "DISPLAY"
    weekly = Calendar.from_ical(build_ics(time(22, 30), (0, 4), datetime(2026, 12, 1, 12, 0)))
    rule = weekly.walk("VEVENT")[0]["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "FR"]
    # the first event falls on a chosen day: 2026-12-01 is a Tuesday, so Friday the 4th
    assert weekly.walk("VEVENT")[0].decoded("dtstart").date().isoformat() == "2026-12-04"


@pytest.mark.parametrize(
    ("now", "night"),
    [(time(20, 59), False), (time(21, 0), True), (time(23, 59), True), (time(0, 0), True),
     (time(6, 59), True), (time(7, 0), False), (time(12, 0), False)],
)  # fmt: skip
def test_the_night_window_crosses_midnight(now: time, night: bool) -> None:
    assert in_window(now, "21:00", "07:00") is night
    assert theme_for("auto", now, ("21:00", "07:00")) == ("night" if night else "day")


def test_a_fixed_theme_ignores_the_clock() -> None:
    assert theme_for("day", time(23, 0), ("21:00", "07:00")) == "day"
    assert theme_for("night", time(12, 0), ("21:00", "07:00")) == "night"
    assert in_window(time(13, 0), "12:00", "14:00") and not in_window(time(15, 0), "12:00", "14:00")
    assert toggled("night") == "day" and toggled("day") == "night"


def test_contrast_maths_matches_wcag() -> None:
    black, white = parse_hex("#000"), parse_hex("ffffff")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    # WCAG's own example: #777777 on white is 4.48:1, just under AA
    assert contrast_ratio(parse_hex("#777777"), white) == pytest.approx(4.48, abs=0.01)
    with pytest.raises(ValueError):
        parse_hex("#12345")


BINDINGS = [
    BindingInfo("app", "urgent", "urgent", ("exclamation_mark",)),
    BindingInfo("app", "help", "help", ("question_mark",)),
    BindingInfo("PlayerScreen", "pause", "pause", ("space",)),
    BindingInfo("PlayerScreen", "next", "next_or_no", ("n",)),
    BindingInfo("PlayerScreen", "no", "no", ("n",)),
    BindingInfo("PlayerScreen", "back", "back", ("b",)),
    BindingInfo("HomeScreen", "home-build", "build", ("b",)),
]


def entry(binding_id: str, keys: str, line: int = 3) -> KeymapEntry:
    return KeymapEntry(binding_id, keys, "settings.yaml", line, 10)


def test_a_good_keymap_is_applied() -> None:
    keymap, problems = check_keymap([entry("pause", "p"), entry("next", "j")], BINDINGS)
    assert keymap == {"pause": "p", "next": "j"} and problems == []


def test_an_unknown_id_is_reported_at_its_line() -> None:
    keymap, problems = check_keymap([entry("paws", "p", line=7)], BINDINGS)
    assert keymap == {}
    assert problems == [
        "settings.yaml:7:10: keymap.paws: unknown binding id 'paws'; did you mean 'pause'?"
        " (ignored)"
    ]


def test_a_clashing_key_is_reported_and_not_applied() -> None:
    keymap, problems = check_keymap([entry("pause", "b", line=4)], BINDINGS)
    assert keymap == {} and len(problems) == 1
    assert problems[0].startswith("settings.yaml:4:10: keymap.pause: key 'b' is already 'back'")


def test_taking_an_app_key_on_a_screen_is_a_clash() -> None:
    _, problems = check_keymap([entry("pause", "exclamation_mark")], BINDINGS)
    assert "'urgent'" in problems[0]


def test_keys_shared_by_design_and_other_screens_are_fine() -> None:
    keymap, problems = check_keymap([entry("next", "n,j"), entry("home-build", "c")], BINDINGS)
    assert problems == [] and keymap == {"next": "n,j", "home-build": "c"}
    # b is free on the player once back moves away from it
    keymap, problems = check_keymap([entry("back", "k"), entry("pause", "b")], BINDINGS)
    assert problems == [] and keymap == {"back": "k", "pause": "b"}


PLAYER_PAIRS = [
    *BINDINGS,
    BindingInfo("PlayerScreen", "resume", "resume", ("space",)),  # go on follows pause
]


@pytest.mark.parametrize("order", ["next first", "pause first"])
def test_the_clash_check_judges_the_final_keymap_whatever_the_order(order: str) -> None:
    """`next: space` frees n and takes space, which `pause: p` gives up: no clash, above or
    below (issue 23: only one order was accepted)."""
    entries = [entry("next", "space", line=2), entry("pause", "p", line=3)]
    entries = entries if order == "next first" else entries[::-1]
    keymap, problems = check_keymap(entries, PLAYER_PAIRS)
    assert problems == [] and keymap == {"next": "space", "pause": "p"}
    assert complete_keymap(keymap, PLAYER_PAIRS)["resume"] == "p"  # go on follows pause


@pytest.mark.parametrize("order", ["back first", "pause first"])
def test_a_key_freed_below_or_above_is_free(order: str) -> None:
    entries = [entry("back", "k", line=2), entry("pause", "b", line=3)]
    keymap, problems = check_keymap(entries if order == "back first" else entries[::-1], BINDINGS)
    assert problems == [] and keymap == {"back": "k", "pause": "b"}


@pytest.mark.parametrize("order", ["next first", "pause first"])
def test_a_real_clash_is_reported_in_either_order_and_the_first_written_wins(order: str) -> None:
    first, second = entry("next", "j", line=2), entry("pause", "j", line=5)
    if order == "pause first":
        first, second = entry("pause", "j", line=2), entry("next", "j", line=5)
    keymap, problems = check_keymap([first, second], PLAYER_PAIRS)
    assert keymap == {first.binding_id: "j"}
    assert problems == [
        f"settings.yaml:5:10: keymap.{second.binding_id}: key 'j' is already"
        f" {first.binding_id!r} PlayerScreen (ignored)"
    ]


def test_a_clash_that_only_a_dropped_entry_freed_is_judged_again() -> None:
    """pause takes b from back, which would move to k; but k is next's, so back stays on b and
    pause on b is a clash after all: the final keymap decides."""
    entries = [entry("next", "k", line=2), entry("back", "k", line=3), entry("pause", "b", 4)]
    keymap, problems = check_keymap(entries, PLAYER_PAIRS)
    assert keymap == {"next": "k"}
    assert [p.split(": ")[1] for p in problems] == ["keymap.back", "keymap.pause"]


def test_keys_are_compared_after_normalising() -> None:
    names = {"!": "exclamation_mark"}
    _, problems = check_keymap([entry("pause", "!")], BINDINGS, lambda k: names.get(k, k))
    assert "'urgent'" in problems[0]


def test_urgent_help_keeps_its_exclamation_mark() -> None:
    keymap, problems = check_keymap([entry("urgent", "u")], BINDINGS)
    assert problems == [] and keymap == {"urgent": "u,exclamation_mark"}


def test_a_key_textual_never_sends_is_reported() -> None:
    keymap, problems = check_keymap([entry("pause", "pq")], BINDINGS, known_key=lambda k: k != "pq")
    assert keymap == {} and "got 'pq'" in problems[0]


# Keys that are not ours (issue 22): Textual's own keys, and letters where typing would fire.
WITH_TEXTUAL = [
    *BINDINGS,
    BindingInfo("app", "quit-now", "quit_now", ("ctrl+c",), priority=True),
    BindingInfo("app", "urgent-anywhere", "urgent", ("exclamation_mark",), priority=True),
    BindingInfo("app", "textual:quit", "quit", ("ctrl+q",)),
    BindingInfo("app", "textual:command_palette", "command_palette", ("ctrl+p",)),
]


def test_textual_own_keys_are_refused_by_name() -> None:
    keymap, problems = check_keymap(
        [entry("next", "ctrl+q"), entry("pause", "ctrl+p")], WITH_TEXTUAL
    )
    assert keymap == {}
    assert "key 'ctrl+q' is Textual's own (quit)" in problems[0]
    assert "key 'ctrl+p' is Textual's own (command_palette)" in problems[1]


def test_a_letter_never_ends_a_session_or_fires_while_typing() -> None:
    keymap, problems = check_keymap(
        [entry("quit-now", "z"), entry("urgent-anywhere", "u")], WITH_TEXTUAL
    )
    assert keymap == {}
    assert "'z' types a character, and 'quit-now' ends the session at once" in problems[0]
    assert "'urgent-anywhere' acts even while you type in a text field" in problems[1]
    keymap, problems = check_keymap(
        [entry("quit-now", "ctrl+x"), entry("urgent-anywhere", "f1")], WITH_TEXTUAL
    )
    assert problems == []
    assert keymap == {"quit-now": "ctrl+x,ctrl+c", "urgent-anywhere": "f1"}


def test_an_ordinary_screen_key_may_still_be_a_letter() -> None:
    keymap, problems = check_keymap([entry("pause", "p")], WITH_TEXTUAL)
    assert problems == [] and keymap == {"pause": "p"}


# Issue 23: `pause: p` left the player stuck on pause; the pair shares any key.
WITH_RESUME = [*BINDINGS, BindingInfo("PlayerScreen", "resume", "resume", ("space",))]


def test_go_on_follows_pause_and_a_partner_keeps_its_shared_key() -> None:
    keymap, problems = check_keymap([entry("pause", "p"), entry("next", "j")], WITH_RESUME)
    assert problems == []
    done = complete_keymap(keymap, WITH_RESUME)
    # the key that paused goes on again; "no" keeps n, which Textual would drop with next's n
    assert done == {"pause": "p", "resume": "p", "next": "j", "no": "n"}


def test_pause_and_go_on_may_share_a_key_the_user_names() -> None:
    keymap, problems = check_keymap([entry("pause", "p"), entry("resume", "p")], WITH_RESUME)
    assert problems == [] and keymap == {"pause": "p", "resume": "p"}
    keymap, problems = check_keymap([entry("resume", "g")], WITH_RESUME)
    assert complete_keymap(keymap, WITH_RESUME) == {"resume": "g", "pause": "space"}


def test_a_clash_names_the_screen_in_words() -> None:
    bindings = [*BINDINGS[:2], BindingInfo("on the player", "back", "back", ("b",))]
    bindings.append(BindingInfo("on the player", "pause", "pause", ("space",)))
    _, problems = check_keymap([entry("pause", "b")], bindings)
    assert "key 'b' is already 'back' on the player (ignored)" in problems[0]
    _, problems = check_keymap([entry("pause", "exclamation_mark")], bindings)
    assert "is already 'urgent' everywhere" in problems[0]


def test_space_is_free_once_pause_and_go_on_move_away() -> None:
    keymap, problems = check_keymap([entry("pause", "p"), entry("next", "space")], WITH_RESUME)
    assert problems == [] and keymap == {"pause": "p", "next": "space"}
