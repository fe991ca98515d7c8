"""Which assignment is overdue, and since which days: the client's homework page names them.

The rule is the caseload's ("1 overdue"): due in the 7 days before the client's today, not
logged, not a day a change of schedule left out, and the assignment not archived.
``sessions_app/tests/test_overdue_agreement.py`` checks that both count the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import AssignmentStatus, Kind, LogStatus, Occurrence, Recurrence
from homework.selectors.therapist import AssignmentRow, Overdue, client_homework
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db

# Monday 7 December 2026, 10:00 in New York (Carol's zone).
MONDAY = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
TODAY = date(2026, 12, 7)


@pytest.fixture
def monday() -> Iterator[None]:
    with time_machine.travel(MONDAY, tick=False):
        yield


def rows(therapist: User, client_user: User) -> dict[str, AssignmentRow]:
    page = client_homework(therapist, client_user)
    return {row.assignment.title: row for group in page.groups for row in group.assignments}


def log(assignment_title: str, day: date, client_user: User) -> None:
    occurrence = Occurrence.objects.get(assignment__title=assignment_title, due_date=day, client=client_user)
    services.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)


def test_it_names_the_one_overdue_day(monday: None, therapist: User, client_user: User) -> None:
    make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Saturday walk", start=date(2026, 11, 30),
        recurrence=Recurrence.WEEKDAYS, weekdays="5",
    )  # fmt: skip
    row = rows(therapist, client_user)["Saturday walk"]
    assert row.overdue == Overdue(days=((date(2026, 12, 5), 1),), today=TODAY)
    assert row.overdue_text == "Overdue: Saturday 5 December"


def test_it_lists_the_unlogged_days_of_the_past_week_only(
    monday: None, therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Journal", start=TODAY - timedelta(days=10))
    for days_ago in (2, 3, 4, 5, 6):
        log("Journal", TODAY - timedelta(days=days_ago), client_user)
    row = rows(therapist, client_user)["Journal"]
    # Today is still open and 8 days ago is out of the week: neither is overdue.
    assert row.overdue is not None and row.overdue.count == 2
    assert row.overdue_text == "Overdue: Monday 30 November and Sunday 6 December"


def test_a_weekly_quotas_slots_share_their_day(monday: None, therapist: User, client_user: User) -> None:
    make_assignment(
        therapist, client_user, Kind.SKILL_PRACTICE, title="Saying no", start=date(2026, 11, 30),
        recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=2,
    )  # fmt: skip
    row = rows(therapist, client_user)["Saying no"]
    assert row.overdue is not None and row.overdue.count == 2
    assert row.overdue_text == "Overdue: 2 by Sunday 6 December"


def test_nothing_is_overdue_when_all_is_logged_or_archived(
    monday: None, therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Journal", start=TODAY - timedelta(days=2))
    log("Journal", TODAY - timedelta(days=2), client_user)
    log("Journal", TODAY - timedelta(days=1), client_user)
    archived = make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Breathing", start=TODAY - timedelta(days=3)
    )
    services.set_assignment_status(assignment=archived, status=AssignmentStatus.ARCHIVED)
    found = rows(therapist, client_user)
    assert found["Journal"].overdue is None and found["Journal"].overdue_text == ""
    assert found["Breathing"].overdue is None


def test_a_paused_assignments_unlogged_days_stay_overdue_as_the_caseload_counts_them(
    monday: None, therapist: User, client_user: User
) -> None:
    paused = make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Breathing", start=TODAY - timedelta(days=1)
    )
    services.set_assignment_status(assignment=paused, status=AssignmentStatus.PAUSED)
    assert rows(therapist, client_user)["Breathing"].overdue_text == "Overdue: Sunday 6 December"


def test_a_day_a_new_schedule_left_out_is_not_overdue(
    monday: None, therapist: User, client_user: User
) -> None:
    assignment = make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Breathing", start=TODAY - timedelta(days=1)
    )
    services.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays="0")
    assert Occurrence.objects.filter(assignment=assignment, left_schedule_on__isnull=False).exists()
    assert rows(therapist, client_user)["Breathing"].overdue is None


def test_a_one_off_says_it_once(monday: None, therapist: User, client_user: User) -> None:
    make_assignment(
        therapist, client_user, Kind.READING, title="Read about sleep", start=date(2026, 12, 1),
        recurrence=Recurrence.ONCE, end_date=date(2026, 12, 4),
    )  # fmt: skip
    row = rows(therapist, client_user)["Read about sleep"]
    assert row.overdue is not None
    assert row.one_off is not None and row.one_off.text == "Overdue since 4 December"
    assert row.overdue_text == ""  # the state already says it


def test_the_page_marks_the_overdue_assignment(
    monday: None, client: Client, therapist: User, client_user: User
) -> None:
    make_assignment(therapist, client_user, Kind.JOURNAL, title="Journal", start=TODAY)
    make_assignment(
        therapist, client_user, Kind.RELAXATION, title="Saturday walk", start=date(2026, 11, 30),
        recurrence=Recurrence.WEEKDAYS, weekdays="5",
    )  # fmt: skip
    client.force_login(therapist)
    content = client.get(f"/clients/{client_user.pk}/homework/").content.decode()
    assert content.count("Overdue: ") == 1
    walk = content[content.index("Saturday walk</h4>") :]
    assert walk.index("Overdue: Saturday 5 December") < walk.index("Last 14 days")


def test_a_day_in_another_year_names_its_year(therapist: User, client_user: User) -> None:
    overdue = Overdue(days=((date(2026, 12, 31), 1),), today=date(2027, 1, 2))
    assert overdue.text == "Overdue: Thursday 31 December 2026"
