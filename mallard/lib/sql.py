"""Reading values back from Mallard's few raw SQL statements, the same on PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import overload

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def stored_moment(value: datetime | str | None) -> datetime | None:
    """A moment read by raw SQL, aware. PostgreSQL gives an aware datetime; SQLite what Django
    stored there, UTC without an offset, as text or (where it knows the column's type) a naive
    datetime."""
    if value is None:
        return None
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment is None:
        raise ValueError(f"Not a stored moment: {value!r}")
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


@overload
def stored_date(value: date | str) -> date: ...
@overload
def stored_date(value: None) -> None: ...
def stored_date(value: date | str | None) -> date | None:
    """A date read by raw SQL: PostgreSQL gives a date, SQLite the ISO text Django stored."""
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def stored_time(value: time | str | None) -> time | None:
    """A time of day read by raw SQL: PostgreSQL gives a time, SQLite the ISO text Django stored."""
    return value if value is None or isinstance(value, time) else time.fromisoformat(value)
