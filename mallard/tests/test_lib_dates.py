from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from mallard.lib.dates import day_in_year, weekday_in_year, window_end


def test_day_in_year_names_the_year_only_outside_this_year() -> None:
    assert day_in_year(date(2026, 12, 5), 2026) == "5 December"
    assert day_in_year(date(2025, 12, 5), 2026) == "5 December 2025"


def test_weekday_in_year_starts_with_the_day_of_the_week() -> None:
    assert weekday_in_year(date(2026, 12, 5), 2026) == "Saturday 5 December"
    assert weekday_in_year(date(2027, 1, 4), 2026) == "Monday 4 January 2027"


def test_window_end_names_a_midnight_end_as_the_end_of_the_day_before() -> None:
    zone = ZoneInfo("America/New_York")
    midnight = datetime(2026, 12, 14, 5, 0, tzinfo=UTC)  # 00:00 in New York
    assert window_end(midnight, zone, "l j F") == "the end of Sunday 13 December"
    assert window_end(midnight + timedelta(hours=10), zone, "j F") == "14 December, 10:00"
