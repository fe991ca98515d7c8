from __future__ import annotations

from datetime import date

from mallard.lib.dates import day_in_year, weekday_in_year


def test_day_in_year_names_the_year_only_outside_this_year() -> None:
    assert day_in_year(date(2026, 12, 5), 2026) == "5 December"
    assert day_in_year(date(2025, 12, 5), 2026) == "5 December 2025"


def test_weekday_in_year_starts_with_the_day_of_the_week() -> None:
    assert weekday_in_year(date(2026, 12, 5), 2026) == "Saturday 5 December"
    assert weekday_in_year(date(2027, 1, 4), 2026) == "Monday 4 January 2027"
