"""One reminder per practice slot, and one message per assignment, channel and minute.

"The two slots of a '2 times a week' item sent two identical reminder e-mails in
the same minute": both slots of a window that opened and closed on one day were
reminded at the assignment's time. Reminders are due at local times, so the
checks include New York's spring-forward day (Sunday 14 March 2027), when 02:30
does not exist and becomes 03:00 EDT.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from homework import services
from homework.models import LogStatus, Occurrence, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders import planning
from reminders.models import Reminder, ReminderKind, ReminderStatus

pytestmark = pytest.mark.django_db

SPRING_SUNDAY = date(2027, 3, 14)  # a Sunday; clocks in New York go from 02:00 to 03:00
BEFORE = datetime(2027, 3, 13, 17, 0, tzinfo=UTC)  # noon on Saturday in New York


def _pending(client: User) -> list[Reminder]:
    rows = list(
        Reminder.objects.filter(
            user=client, status=ReminderStatus.PENDING, kind=ReminderKind.OCCURRENCE
        ).select_related("occurrence")
    )
    assert all(row.occurrence is not None for row in rows)
    return rows


def _due_date(row: Reminder) -> date:
    assert row.occurrence is not None
    return row.occurrence.due_date


def _one_per_assignment_channel_and_minute(rows: list[Reminder]) -> None:
    minutes = Counter(
        (
            row.user_id,
            row.occurrence.assignment_id if row.occurrence else None,
            row.channel,
            row.due_at.replace(second=0),
        )
        for row in rows
    )
    assert all(count == 1 for count in minutes.values()), minutes


def test_two_a_week_from_a_spring_forward_sunday_sends_one_message_that_day(
    therapist: User, client_user: User
) -> None:
    with time_machine.travel(BEFORE, tick=False):
        make_assignment(
            therapist,
            client_user,
            start=SPRING_SUNDAY,
            recurrence=Recurrence.TIMES_PER_WEEK,
            times_per_week=2,
            preferred_time=time(2, 30),
        )
        planning.plan_for_client(client_user)
    rows = _pending(client_user)
    sunday = [row for row in rows if _due_date(row) == SPRING_SUNDAY]
    # One slot that Sunday (pro-rated), one row per channel, at 03:00 EDT (07:00 UTC).
    assert sorted(row.channel for row in sunday) == ["email", "in_app"]
    assert {row.due_at for row in sunday} == {datetime(2027, 3, 14, 7, 0, tzinfo=UTC)}
    _one_per_assignment_channel_and_minute(rows)
    # The next week's two slots are reminded on two different days, at 02:30 EDT.
    week = sorted({row.due_at for row in rows if _due_date(row) == SPRING_SUNDAY + timedelta(days=7)})
    assert week == [datetime(2027, 3, 15, 6, 30, tzinfo=UTC), datetime(2027, 3, 18, 6, 30, tzinfo=UTC)]


def _legacy_second_slot(assignment_occurrence: Occurrence) -> Occurrence:
    """A second slot on the same day, as quotas planned before pro-rating left behind."""
    return Occurrence.objects.create(
        assignment=assignment_occurrence.assignment,
        client=assignment_occurrence.client,
        available_from=assignment_occurrence.available_from,
        due_date=assignment_occurrence.due_date,
        slot=2,
    )


@pytest.mark.parametrize("recurrence", [Recurrence.TIMES_PER_WEEK, Recurrence.DAILY])
def test_slots_of_one_assignment_due_at_the_same_minute_make_one_message(
    therapist: User, client_user: User, recurrence: str
) -> None:
    with time_machine.travel(BEFORE, tick=False):
        assignment = make_assignment(
            therapist,
            client_user,
            start=SPRING_SUNDAY,
            recurrence=recurrence,
            times_per_week=1 if recurrence == Recurrence.TIMES_PER_WEEK else None,
            end_date=SPRING_SUNDAY,
            preferred_time=time(2, 30),
        )
        first = assignment.occurrences.get()
        second = _legacy_second_slot(first)
        planning.plan_for_client(client_user)
        planning.plan_for_client(client_user)  # idempotent
        rows = _pending(client_user)
        assert {(row.occurrence_id, row.channel) for row in rows} == {
            (first.pk, "email"),
            (first.pk, "in_app"),
        }
        assert {row.due_at for row in rows} == {datetime(2027, 3, 14, 7, 0, tzinfo=UTC)}
        _one_per_assignment_channel_and_minute(rows)

    # Once the first slot is logged (00:30 that Sunday), the second is reminded instead, still once.
    with time_machine.travel(datetime(2027, 3, 14, 5, 30, tzinfo=UTC), tick=False):
        services.log_occurrence(occurrence=first, status=LogStatus.DONE)
        planning.plan_for_client(client_user)
        rows = _pending(client_user)
    if recurrence == Recurrence.DAILY:
        assert {(row.occurrence_id, row.channel) for row in rows} == {
            (second.pk, "email"),
            (second.pk, "in_app"),
        }
    _one_per_assignment_channel_and_minute(rows)


def test_two_assignments_at_the_same_minute_each_keep_their_reminder(
    therapist: User, client_user: User
) -> None:
    with time_machine.travel(BEFORE, tick=False):
        for _ in range(2):
            make_assignment(
                therapist,
                client_user,
                start=SPRING_SUNDAY,
                end_date=SPRING_SUNDAY,
                preferred_time=time(2, 30),
            )
        planning.plan_for_client(client_user)
    assert len(_pending(client_user)) == 4
