"""Today on a phone: a short “What to do” on each card; today's practice apart from later this week."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import Kind, Recurrence
from homework.selectors.today import WHAT_TO_DO_LENGTH, today_page, what_to_do
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db

WEDNESDAY = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # noon in New York


def test_what_to_do_keeps_short_instructions_whole() -> None:
    assert what_to_do("Breathe in for four, out for six.") == "Breathe in for four, out for six."


def test_what_to_do_stops_after_a_sentence_within_the_limit() -> None:
    text = "Sit somewhere quiet and breathe in for four counts. " + "Then keep going for a while. " * 10
    short = what_to_do(text)
    assert short.startswith("Sit somewhere quiet and breathe in for four counts.")
    assert short.endswith("for a while. …")  # a whole sentence, then the sign that there is more
    assert len(short) <= WHAT_TO_DO_LENGTH + 2


def test_what_to_do_cuts_a_long_sentence_at_a_word() -> None:
    short = what_to_do("word " * 100)
    assert short.endswith("word …") and len(short) <= WHAT_TO_DO_LENGTH + 2


def test_what_to_do_shows_only_the_first_paragraph() -> None:
    assert what_to_do("Write three lines.\n\nIf you like, add more.") == "Write three lines. …"
    assert what_to_do("  ") == ""


def test_only_what_is_due_today_is_todays_practice(therapist: User, client_user: User) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        today = services.client_today(client_user)
        daily = make_assignment(therapist, client_user, Kind.JOURNAL, title="Daily journal")
        make_assignment(
            therapist,
            client_user,
            Kind.RELAXATION,
            title="Breathing",
            start=today - timedelta(days=today.weekday()),
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=3,
        )
        page = today_page(client_user, today)
    assert [c.assignment.title for c in page.due] == [daily.title]
    assert [c.assignment.title for c in page.later] == ["Breathing"]


def test_the_page_shows_both_sections_and_what_to_do(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        today = services.client_today(client_user)
        make_assignment(
            therapist, client_user, Kind.JOURNAL, instructions="Write three lines.\n\nMore if you like."
        )
        make_assignment(
            therapist,
            client_user,
            Kind.RELAXATION,
            start=today - timedelta(days=today.weekday()),
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=3,
        )
        client.force_login(client_user)
        page = client.get("/today/").content.decode()
    assert page.index("Today's practice") < page.index("Later this week")
    assert '<span class="fw-semibold">What to do:</span> Write three lines. …' in page
