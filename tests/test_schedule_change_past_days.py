"""After a therapist changes an assignment's schedule, the past days of the old schedule that were
not logged stay in the record as not logged, but are no longer offered or counted as overdue:
on the client's Today, the assignment's page, the therapist's homework page and the caseload."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

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


def test_today_offers_only_the_past_days_the_schedule_still_has(
    changed: Assignment, client_user: User
) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assert overdue_days(client_user) == [date(2026, 6, 3), date(2026, 6, 5), date(2026, 6, 8)]


def test_the_record_keeps_them_as_not_logged(changed: Assignment, therapist: User, client_user: User) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        assert Occurrence.objects.filter(assignment=changed, due_date__lt=TODAY).count() == 9
        page = client_homework(therapist, client_user)
        row = next(
            row for group in page.groups for row in group.assignments if row.assignment.pk == changed.pk
        )
        assert row.adherence.not_logged == 9  # 1 June to 9 June: every day asked and not logged


def test_the_caseload_counts_them_as_not_logged_but_not_as_overdue(
    changed: Assignment, client_user: User
) -> None:
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        numbers = caseload.work_out_numbers({TODAY: [client_user.pk]})[client_user.pk]
    assert numbers.counts.not_logged == 9
    assert numbers.overdue == 3  # Wednesday 3, Friday 5 and Monday 8 June; not the days left out


def test_the_assignment_page_says_why_and_still_lets_the_client_log_a_day_left_out(
    client: Client, changed: Assignment, client_user: User
) -> None:
    left_out = Occurrence.objects.get(assignment=changed, due_date=date(2026, 6, 9))
    with time_machine.travel(WEDNESDAY_NOON, tick=False):
        client.force_login(client_user)
        content = client.get(f"/homework/{changed.pk}/").content.decode()
    assert "Your therapist changed the schedule on 10 June, so this day is no longer on Today." in content
    assert f"/homework/occurrences/{left_out.pk}/log/" in content
