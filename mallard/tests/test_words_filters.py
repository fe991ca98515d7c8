"""Durations in words: "just now" rather than "0 minutes ago", and a retention period in years."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from mallard.lib.dates import ago

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "words"),
    [
        (timedelta(seconds=0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=1), "1\xa0minute ago"),
        (timedelta(hours=3, minutes=5), "3\xa0hours, 5\xa0minutes ago"),
    ],
)
def test_ago_says_just_now_for_less_than_a_minute(before: timedelta, words: str) -> None:
    assert ago(NOW - before, NOW) == words


def test_the_template_filter_measures_from_now() -> None:
    rendered = Template("{% load mallard_tags %}Sent {{ sent|ago }}").render(
        Context({"sent": timezone.now()})
    )
    assert rendered == "Sent just now"


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "1 day"),
        (30, "30 days"),
        (359, "359 days"),
        (365, "about 1 year"),
        (2557, "about 7 years"),
        (3653, "about 10 years"),
    ],
)
def test_a_retention_period_is_given_in_years_too(days: int, words: str) -> None:
    assert Template("{% load mallard_tags %}{{ days|as_days }}").render(Context({"days": days})) == words


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2026, 12, 14, 0, 0, tzinfo=ZoneInfo("Europe/London")), "the end of Sunday 13 December"),
        (datetime(2026, 12, 14, 10, 30, tzinfo=ZoneInfo("Europe/London")), "Monday 14 December, 10:30"),
        # Midnight in the zone shown, wherever it was written.
        (datetime(2026, 12, 14, 5, 0, tzinfo=UTC), "the end of Sunday 13 December"),
    ],
)
def test_an_end_at_midnight_is_the_end_of_the_day_before(moment: datetime, words: str) -> None:
    rendered = Template(
        '{% load mallard_tags tz %}{% timezone zone %}{{ end|window_end:"l j F" }}{% endtimezone %}'
    )
    zone = "America/New_York" if moment.tzinfo is UTC else "Europe/London"
    assert rendered.render(Context({"end": moment, "zone": zone})) == words
