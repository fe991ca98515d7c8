"""The admin's assignment page as staff use it to correct a schedule: dates as Mallard writes them,
the kind spelt as Mallard spells it, and the days of the week as a box per day."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from homework import services
from homework.models import Assignment, Kind, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_staff(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def posted(form: Any, **changes: Any) -> dict[str, Any]:
    """What the browser sends for ``form`` as shown, with ``changes``."""
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = "on" if value is True else value
    data.update(changes)
    return data


def test_the_admin_writes_dates_and_times_as_mallard_does(
    as_staff: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(datetime(2026, 12, 7, 11, 24, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, Kind.JOURNAL)
        services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
        assignments = as_staff.get("/admin/homework/assignment/").content.decode()
        goals = as_staff.get("/admin/homework/goal/").content.decode()
    assert "7 Dec 2026" in assignments
    assert "Dec. 7" not in assignments
    assert "7 Dec 2026, 11:24" in goals
    assert "a.m." not in goals


def test_the_admin_spells_behavioural_experiments_as_mallard_does(as_staff: Client) -> None:
    index = as_staff.get("/admin/").content.decode()
    assert "Behavioural experiments" in index
    assert "Behavioral experiments" not in index


def test_the_days_of_the_week_are_a_box_per_day_that_read_and_write_the_stored_days(
    as_staff: Client, therapist: User, client_user: User
) -> None:
    assignment = make_assignment(
        therapist, client_user, Kind.RELAXATION, recurrence=Recurrence.WEEKDAYS, weekdays="024"
    )
    page = as_staff.get(f"/admin/homework/assignment/{assignment.pk}/change/")
    html = page.content.decode()
    for number, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    ):
        box = f'type="checkbox" name="weekdays" value="{number}"'
        assert box in html, name
        assert (f'{box} id="id_weekdays_{number}" checked' in html) == (number in (0, 2, 4)), name
    assert "024" not in html

    form = page.context["adminform"].form
    response = as_staff.post(
        f"/admin/homework/assignment/{assignment.pk}/change/", posted(form, weekdays=["3", "0"])
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assignment.refresh_from_db()
    assert assignment.weekdays == "03"
    assert Assignment.objects.get(pk=assignment.pk).weekday_numbers == [0, 3]


def test_staff_cannot_link_an_assignment_to_another_clients_goal(
    as_staff: Client, therapist: User, client_user: User, other_client: User, other_therapist: User
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    theirs = services.create_goal(client=other_client, created_by=other_therapist, text="Sleep by eleven")
    page = as_staff.get(f"/admin/homework/assignment/{assignment.pk}/change/")
    response = as_staff.post(
        f"/admin/homework/assignment/{assignment.pk}/change/",
        posted(page.context["adminform"].form, goal=str(theirs.pk)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["goal"]
    assert errors == [
        f"“Sleep by eleven” is {other_client.display_name}'s goal, not {client_user.display_name}'s. "
        "Choose one of their goals, or none."
    ]
    assignment.refresh_from_db()
    assert assignment.goal_id is None

    mine = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    response = as_staff.post(
        f"/admin/homework/assignment/{assignment.pk}/change/",
        posted(page.context["adminform"].form, goal=str(mine.pk)),
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.goal_id == mine.pk
