"""``their_time``: a time on the client's clock says whose it is, and its day when that differs."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone

from mallard.models import User
from sessions_app.templatetags.session_times import their_time

AT = datetime(2026, 12, 15, 10, 15, tzinfo=UTC)


def test_it_names_the_person_and_the_place(client_user: User) -> None:
    with timezone.override("Europe/London"):
        assert their_time(AT, client_user) == "05:15 for Carol, New York"
        assert their_time(AT, client_user, datetime(2026, 12, 15, 11, 5, tzinfo=UTC)) == (
            "05:15–06:05 for Carol, New York"
        )


def test_it_gives_the_day_when_theirs_is_not_the_viewers(client_user: User) -> None:
    with timezone.override("Asia/Tokyo"):
        assert their_time(datetime(2026, 12, 15, 2, 0, tzinfo=UTC), client_user) == (
            "Mon 14 Dec, 21:00 for Carol, New York"
        )


def test_it_is_empty_when_both_clocks_read_the_same(client_user: User) -> None:
    with timezone.override("America/Toronto"):
        assert their_time(AT, client_user) == ""
