"""Values read back by raw SQL come out the same from PostgreSQL's types and SQLite's text."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from mallard.lib.sql import stored_date, stored_moment, stored_time


def test_a_moment_is_aware_whichever_way_it_comes() -> None:
    aware = datetime(2026, 11, 26, 20, 15, 30, tzinfo=UTC)
    assert stored_moment(aware) == aware
    assert stored_moment(aware.astimezone(timezone(timedelta(hours=-7)))) == aware
    assert stored_moment(aware.replace(tzinfo=None)) == aware  # SQLite, naive UTC
    assert stored_moment("2026-11-26 20:15:30") == aware  # SQLite, as text
    assert stored_moment(None) is None
    with pytest.raises(ValueError, match="Not a stored moment"):
        stored_moment("yesterday")


def test_dates_and_times_from_either_database() -> None:
    assert stored_date(date(2026, 11, 26)) == stored_date("2026-11-26") == date(2026, 11, 26)
    assert stored_time(time(7, 5)) == stored_time("07:05:00") == time(7, 5)
    assert stored_date(None) is None and stored_time(None) is None
    with pytest.raises(ValueError):
        stored_date("26/11/2026")
