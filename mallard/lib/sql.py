"""Reading values back from Mallard's few raw SQL statements, the same on PostgreSQL and SQLite."""

from __future__ import annotations

from datetime import UTC, datetime

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
