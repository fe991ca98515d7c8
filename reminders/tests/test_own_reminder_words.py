"""When the client's own reminder time is said, Today, the assignment's page and the reminders page
say when the reminder actually comes: moved to the end of quiet hours, not sent in quiet hours that
last until the next day, or not at all when reminders are off (``planning.own_reminders``, through
``homework.hooks.own_reminders``)."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from homework.hooks import OwnReminder, ReminderOutcome
from homework.models import Kind
from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders import planning

pytestmark = pytest.mark.django_db

MORNING_NY = datetime(2026, 5, 12, 11, 0, tzinfo=UTC)  # Tuesday 07:00 in New York


def _pages(client: Client, client_user: User, assignment_pk: int) -> tuple[str, str, str]:
    client.force_login(client_user)
    today = client.get(reverse("homework-today")).content.decode()
    page = client.get(reverse("homework-assignment", args=[assignment_pk])).content.decode()
    settings = client.get(reverse("reminders-preferences")).content.decode()
    return today, page, settings


def _own_time_at_ten(therapist: User, client_user: User, **preferences: object) -> int:
    """A practice agreed at 08:00, with the client's own reminder at 22:00, and their preferences."""
    assignment = make_assignment(therapist, client_user, preferred_time=time(8, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(22, 0))
    if preferences:
        planning.save_preferences(user=client_user, **preferences)
    return assignment.pk


def test_without_quiet_hours_every_page_says_the_time_the_client_chose(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        pk = _own_time_at_ten(therapist, client_user)
        today, page, settings = _pages(client, client_user, pk)
    assert "· Best at 08:00</li>" in today
    assert "· reminder at 22:00</li>" in today
    assert "At 22:00, the time you chose" in page
    assert "Next reminder: Tuesday 12 May, 22:00 (your own time)." in settings


def test_a_time_in_quiet_hours_that_end_that_day_is_said_at_their_end(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        pk = _own_time_at_ten(therapist, client_user, quiet_start=time(21, 0), quiet_end=time(23, 0))
        today, page, settings = _pages(client, client_user, pk)
    assert "· reminder at 23:00 (after your quiet hours)</li>" in today
    assert "reminder at 22:00" not in today
    assert "At 23:00, after your quiet hours (you chose 22:00)." in page
    assert "At 22:00, the time you chose" not in page
    # The moved time is not the client's own time: the page says which is which.
    assert (
        "Next reminder: Tuesday 12 May, 23:00 (after your quiet hours; your own time is 22:00)." in settings
    )
    assert "23:00 (your own time)" not in settings


def test_a_time_in_quiet_hours_that_last_until_the_next_day_gets_no_reminder(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        pk = _own_time_at_ten(therapist, client_user, quiet_start=time(21, 0), quiet_end=time(7, 0))
        today, page, settings = _pages(client, client_user, pk)
    assert "· no reminder: 22:00 is in your quiet hours</li>" in today
    assert "reminder at" not in today
    assert "None: 22:00, the time you chose, is in your quiet hours, which last until the next day." in page
    assert (
        "No reminders: 22:00, your own time, is in your quiet hours, which last until the next day."
        in settings
    )
    assert "Reminders at 22:00" not in settings


@pytest.mark.parametrize(
    "off",
    [
        {"enabled": False},
        {"email_enabled": False, "in_app_enabled": False},
    ],
)
def test_with_reminders_off_no_page_promises_one(
    client: Client, therapist: User, client_user: User, off: dict[str, bool]
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        pk = _own_time_at_ten(therapist, client_user, **off)
        today, page, settings = _pages(client, client_user, pk)
    assert "· reminders are off</li>" in today
    assert "reminder at" not in today
    assert "None: reminders are off (you chose 22:00)." in page
    assert "At 22:00, the time you chose" not in page
    assert "No reminders: your reminders are off above." in settings
    assert "Reminders at 22:00" not in settings and "Next reminder" not in settings


def test_with_reminders_off_for_the_activity_no_page_promises_one(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        _own_time_at_ten(therapist, client_user)
        assignment = make_assignment(therapist, client_user, Kind.JOURNAL, preferred_time=time(8, 0))
        planning.set_assignment_reminder(assignment=assignment, enabled=False, time_of_day=time(21, 0))
        today, page, _ = _pages(client, client_user, assignment.pk)
    assert "· reminders are off</li>" in today
    assert "· reminder at 22:00</li>" in today  # the other practice's, still on
    assert "None: reminders are off (you chose 21:00)." in page


def test_the_words_follow_the_rule_the_reminders_are_planned_by(therapist: User, client_user: User) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        pk = _own_time_at_ten(therapist, client_user, quiet_start=time(21, 0), quiet_end=time(23, 0))
        day = MORNING_NY.astimezone(client_user.zone).date()
        assert planning.own_reminders(client_user, day, {}) == {}
        assert planning.own_reminders(client_user, day, {pk: time(22, 0)}) == {
            pk: OwnReminder(chosen=time(22, 0), outcome=ReminderOutcome.AFTER_QUIET_HOURS, at=time(23, 0))
        }
        assert planning.own_reminders(client_user, day, {pk: time(20, 0)}) == {
            pk: OwnReminder.as_chosen(time(20, 0))
        }
        # Another client's assignment is not read.
        assert planning.own_reminders(therapist, day, {pk: time(22, 0)}) == {}


@pytest.mark.parametrize("n", [1, 6])
def test_today_reads_the_reminder_choices_in_one_query_whatever_the_number_of_own_times(
    client: Client, therapist: User, client_user: User, django_assert_num_queries: object, n: int
) -> None:
    with time_machine.travel(MORNING_NY, tick=False):
        planning.save_preferences(user=client_user, quiet_start=time(21, 0), quiet_end=time(23, 0))
        for i in range(n):
            assignment = make_assignment(therapist, client_user, title=f"Practice {i}", start=None)
            planning.set_assignment_reminder(
                assignment=assignment, enabled=i % 2 == 0, time_of_day=time(22, i)
            )
        client.force_login(client_user)
        client.get(reverse("homework-today"))  # the first request of a session records the device
        # Today's eight (homework/tests/test_client_today.py) and the client's reminder choices.
        with django_assert_num_queries(9):  # type: ignore[operator]
            body = client.get(reverse("homework-today")).content.decode()
    assert body.count("(after your quiet hours)") == (n + 1) // 2
    assert body.count("reminders are off") == n // 2
