"""A worksheet for a weekly slot is dated by the day it was done, not by the slot's last day.

A "twice a week" slot is open from Monday to Sunday. A thought record done on Monday is
Monday's, on the therapist's pages and in the client's record of who looked at what; never
the coming Sunday, a day that has not happened yet.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from homework.models import Occurrence, Recurrence, ThoughtRecord
from homework.tests.conftest import make_assignment
from mallard.lib.dates import DateWords
from mallard.models import User

pytestmark = pytest.mark.django_db

MONDAY_NOON_IN_NEW_YORK = datetime(2026, 12, 7, 17, 0, tzinfo=UTC)  # Carol lives in New York


def test_a_weekly_worksheet_is_dated_by_the_day_it_was_done(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(MONDAY_NOON_IN_NEW_YORK, tick=False):
        assignment = make_assignment(
            therapist, client_user, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=2
        )
        occurrence = Occurrence.objects.filter(assignment=assignment).order_by("due_date", "slot").first()
        assert occurrence is not None
        assert (occurrence.available_from, occurrence.due_date) == (date(2026, 12, 7), date(2026, 12, 13))
        entry = ThoughtRecord.objects.create(
            client=client_user,
            assignment=assignment,
            occurrence=occurrence,
            kind="thought_record",
            is_draft=False,
            submitted_at=MONDAY_NOON_IN_NEW_YORK,
            situation="Team meeting",
        )
        client.force_login(therapist)
        page = client.get(f"/clients/{client_user.pk}/homework/").content.decode()
        entry_page = client.get(f"/clients/entries/{entry.pk}/").content.decode()
    assert "Mon 7 Dec" in page and "Sun 13 Dec" not in page
    assert "the days Monday 7 December to Sunday 13 December 2026" in entry_page
    words = DateWords(zone=client_user.zone, this_year=2026)
    assert entry.name_for_client(words) == "your thought record of 7 December"


def test_a_one_day_worksheet_keeps_its_day_whenever_it_was_submitted(
    therapist: User, client_user: User
) -> None:
    """Done late for Thursday's practice, it is still Thursday's."""
    assignment = make_assignment(therapist, client_user, recurrence=Recurrence.DAILY)
    thursday = date(2026, 12, 3)
    occurrence = Occurrence.objects.create(
        assignment=assignment, client=client_user, available_from=thursday, due_date=thursday, slot=9
    )
    assert occurrence.day_of(MONDAY_NOON_IN_NEW_YORK, client_user.zone) == thursday
    assert occurrence.day_of(None, client_user.zone) == thursday
