"""The reminder policy forms validate and convert."""

from __future__ import annotations

from datetime import time

import pytest

from reminders.forms.preferences import AssignmentReminderForm, PreferencesForm
from reminders.models import Backoff


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("9:05", time(9, 5)),
        (" 20:00 ", time(20, 0)),
        ("", None),
    ],
)
def test_time_of_day_accepts_hh_mm_from_0000_to_2359(text, expected) -> None:
    form = AssignmentReminderForm({"enabled": "on", "time_of_day": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_of_day"] == expected


@pytest.mark.parametrize("text", ["24:00", "23:60", "7pm", "1200", "12:00:00", "noon", "-1:00"])
def test_time_of_day_rejects_anything_else(text) -> None:
    form = AssignmentReminderForm({"enabled": "on", "time_of_day": text})
    assert not form.is_valid()
    assert form.errors["time_of_day"] == ["Enter a time as HH:MM, from 00:00 to 23:59 (for example 20:00)."]


def test_quiet_hours_may_cross_midnight_and_backoff_becomes_a_choice() -> None:
    form = PreferencesForm(
        {"enabled": "on", "quiet_start": "22:30", "quiet_end": "06:45", "daily_cap": "4", "backoff": "weekly"}
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["quiet_start"], form.cleaned_data["quiet_end"]) == (time(22, 30), time(6, 45))
    assert form.cleaned_data["backoff"] is Backoff.WEEKLY
    assert form.cleaned_data["email_enabled"] is False
