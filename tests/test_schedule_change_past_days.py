"""After a therapist changes a recurring assignment's schedule, the days already past stay as they
were: a day not logged is still not logged, still offered on the client's Today while it is in the
past week, and still overdue for the therapist and the caseload. Only the coming days are planned
again, as the edit page says."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from homework import services
from homework.models import Assignment, Occurrence, Recurrence
from homework.selectors.therapist import client_homework
from homework.selectors.today import today_page
from homework.tests.conftest import make_assignment
from mallard.models import User
from sessions_app.selectors import caseload

pytestmark = pytest.mark.django_db

# Wednesday 10 June 2026, noon in New York (carol's zone).
WEDNESDAY_NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)


@pytest.fixture
def changed(therapist: User, client_user: User) -> Assignment:
    """Daily since Monday 1 June, nothing logged; on Wednesday 10 June it becomes Mondays,
    Wednesdays and Fridays."""
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assignment = make_assignment(therapist, client_user, start=date(2026, 6, 1), title="Evening walk")
        services.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays="024")
    return assignment


def overdue_days(client_user: User) -> list[date]:
    return sorted(card.occurrence.due_date for card in today_page(client_user, TODAY).overdue)


def test_today_still_offers_the_past_weeks_days_of_the_old_schedule(
    changed: Assignment, client_user: User
) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assert overdue_days(client_user) == [date(2026, 6, day) for day in range(3, 10)]
    assert not Occurrence.objects.filter(assignment=changed, left_schedule_on__isnull=False).exists()


def test_the_record_keeps_them_as_not_logged(changed: Assignment, therapist: User, client_user: User) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assert Occurrence.objects.filter(assignment=changed, due_date__lt=TODAY).count() == 9
        page = client_homework(therapist, client_user)
        row = next(
            row for group in page.groups for row in group.assignments if row.assignment.pk == changed.pk
        )
        assert row.adherence.not_logged == 9  # 1 June to 9 June: every day asked and not logged


def test_the_caseload_still_counts_them_as_overdue(changed: Assignment, client_user: User) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        numbers = caseload.work_out_numbers({TODAY: [client_user.pk]})[client_user.pk]
    assert numbers.counts.not_logged == 9
    assert numbers.overdue == 7  # 3 to 9 June, the past week, as before the change


def test_fewer_times_a_week_leaves_last_weeks_open_time_open(
    client: Client, therapist: User, client_user: User
) -> None:
    """Three times a week since Monday 1 June, nothing logged; on Wednesday 10 June it becomes twice
    a week. Last week keeps its three times, all still open from the past week and overdue; this
    week, already begun, is planned again with two."""
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assignment = make_assignment(
            therapist,
            client_user,
            start=date(2026, 6, 1),
            title="Thought record",
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=3,
        )
        services.update_assignment(assignment=assignment, times_per_week=2)
        last_week = Occurrence.objects.filter(assignment=assignment, due_date=date(2026, 6, 7))
        assert [(o.slot, o.left_schedule_on) for o in last_week] == [(1, None), (2, None), (3, None)]
        assert Occurrence.objects.filter(assignment=assignment, due_date=date(2026, 6, 14)).count() == 2
        assert [card.occurrence.due_date for card in today_page(client_user, TODAY).overdue] == [
            date(2026, 6, 7)
        ]
        row = next(
            row
            for group in client_homework(therapist, client_user).groups
            for row in group.assignments
            if row.assignment.pk == assignment.pk
        )
        assert row.overdue is not None and row.adherence.not_logged == 3
        client.force_login(client_user)
        page = client.get(reverse("homework-today")).content.decode()
    still_open = page[page.index("Still open from the past week") :]
    assert "Thought record" in still_open
