from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mallard.lib.dates import day_in_year, skipped_hours, wall_clock_moments, weekday_in_year, window_end


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


def test_a_wall_clock_time_is_one_moment_none_in_a_gap_and_two_when_repeated() -> None:
    london = ZoneInfo("Europe/London")

    def as_utc(moments: tuple[datetime, ...]) -> list[datetime]:
        return [m.astimezone(UTC) for m in moments]

    assert as_utc(wall_clock_moments(date(2027, 7, 1), time(10, 0), london)) == [
        datetime(2027, 7, 1, 9, 0, tzinfo=UTC)
    ]
    assert wall_clock_moments(date(2027, 3, 28), time(1, 30), london) == ()
    assert skipped_hours(date(2027, 3, 28), time(1, 30), london) == (time(1, 0), time(2, 0))
    assert as_utc(wall_clock_moments(date(2027, 10, 31), time(1, 30), london)) == [
        datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
    ]
    assert len(wall_clock_moments(date(2027, 10, 31), time(2, 0), london)) == 1
    new_york = ZoneInfo("America/New_York")
    assert skipped_hours(date(2027, 3, 14), time(2, 59), new_york) == (time(2, 0), time(3, 0))
