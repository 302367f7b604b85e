"""HH:MM, read in one place (core/bedside/time_of_day.py) for the reminder, its calendar file,
the settings check and the night window."""

from __future__ import annotations

from datetime import time

import pytest

from coach.core.bedside.ics import ReminderInputError, parse_time
from coach.core.bedside.night import in_window
from coach.core.bedside.nudge import scan_remind_at
from coach.core.bedside.settings_keys import night_window
from coach.core.bedside.time_of_day import clock, is_clock, parse_clock, parse_window


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22:30", time(22, 30)), ("7:05", time(7, 5)), (" 00:00 ", time(0, 0)),
     ("23:59", time(23, 59)), ("24:00", None), ("7:5", None), ("10pm", None), ("22.30", None),
     ("", None), ("１２:００", None)],
)  # fmt: skip
def test_a_24_hour_time_or_none(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected


def test_every_reader_agrees_on_what_is_a_time() -> None:
    for text in ("22:30", "7:05", "24:00", "22:60", "2230"):
        found = parse_clock(text)
        assert is_clock(text) is (found is not None)
        assert scan_remind_at(f'remind_at: "{text}"\n') == (found if found else False)
        if found is None:
            with pytest.raises(ReminderInputError, match="expected a time like 22:30"):
                parse_time(text)
            with pytest.raises(ValueError):
                clock(text)
        else:
            assert parse_time(text) == clock(text) == found


def test_the_night_window() -> None:
    assert parse_window("21:00-07:00") == ("21:00", "07:00")
    assert parse_window("21:00 - 7:00") == ("21:00", "7:00")
    assert parse_window("21:00-25:00") is None
    assert night_window("nonsense") == ("21:00", "07:00")  # the default
    assert in_window(time(23, 0), "21:00", "07:00") and not in_window(time(12, 0), "21:00", "7:00")
