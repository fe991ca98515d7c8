"""The caseload's "N overdue" and the assignments the client's homework page and the overview
mark as overdue are the same occurrences: the homework page can say which they are."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from homework import demo as homework_demo
from homework import services
from homework.models import AssignmentStatus, Kind, LogStatus, Recurrence
from homework.selectors.therapist import client_homework
from mallard import demo as mallard_demo
from mallard.models import User
from sessions_app.numbers import refresh_caseload_numbers
from sessions_app.selectors.caseload import caseload
from sessions_app.selectors.overview import client_overview
from sessions_app.tests.dashboard_helpers import daily_since, days_ago, log_on

pytestmark = pytest.mark.django_db

# Wednesday 9 December, 22:30 in New York; already Thursday in UTC.
EVENING_IN_NEW_YORK = datetime(2026, 12, 10, 3, 30, tzinfo=UTC)


@pytest.fixture
def travelled() -> Iterator[None]:
    with time_machine.travel(EVENING_IN_NEW_YORK, tick=False):
        yield


def overdue_by_page(therapist: User, client: User) -> tuple[int, int]:
    """How many occurrences the homework page and the overview mark overdue, in all."""
    page = client_homework(therapist, client)
    homework = sum(row.overdue.count for group in page.groups for row in group.assignments if row.overdue)
    overview = client_overview(therapist, client).assignments
    return homework, sum(row.overdue.count for row in overview if row.overdue)


def overdue_by_caseload(therapist: User) -> dict[str, int | None]:
    return {row.email: row.overdue for row in caseload(therapist).rows}


def test_the_demo_clients_overdue_agree_with_the_caseload() -> None:
    people = mallard_demo.seed()
    homework_demo.seed(people)
    worked_out = overdue_by_caseload(people.therapist)
    refresh_caseload_numbers(client_ids=[client.pk for client in people.clients])
    stored = overdue_by_caseload(people.therapist)
    some = 0
    for client in people.clients:
        homework, overview = overdue_by_page(people.therapist, client)
        assert homework == overview == worked_out[client.email] == stored[client.email], client.email
        some += homework
    assert some > 0  # the demo has overdue homework, so the comparison compares something


def test_every_edge_of_the_rule_agrees_with_the_caseload(
    travelled: None, client: Client, therapist: User, client_user: User
) -> None:
    breathing = daily_since(therapist, client_user, 12, Kind.RELAXATION, title="Breathing")
    log_on(breathing, days_ago(client_user, 3), LogStatus.DONE)
    paused = daily_since(therapist, client_user, 2, Kind.JOURNAL, title="Journal")
    services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    archived = daily_since(therapist, client_user, 5, Kind.READING, title="Reading")
    services.set_assignment_status(assignment=archived, status=AssignmentStatus.ARCHIVED)
    moved = daily_since(therapist, client_user, 4, Kind.SKILL_PRACTICE, title="Saying no")
    services.update_assignment(assignment=moved, recurrence=Recurrence.WEEKDAYS, weekdays="6")
    weekly = daily_since(therapist, client_user, 9, Kind.THOUGHT_RECORD, title="Thoughts")
    services.update_assignment(assignment=weekly, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=2)

    homework, overview = overdue_by_page(therapist, client_user)
    assert homework == overview == overdue_by_caseload(therapist)[client_user.email]
    assert homework > 0

    refresh_caseload_numbers(client_ids=[client_user.pk])
    assert overdue_by_caseload(therapist)[client_user.email] == homework

    today = services.client_today(client_user)
    client.force_login(therapist)
    content = client.get(f"/clients/{client_user.pk}/overview/").content.decode()
    yesterday = today - timedelta(days=1)
    assert f"{yesterday.day} December" in content[content.index("Overdue: ") :]
