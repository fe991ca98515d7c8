""" "Not today" quiets that day's reminders of the practice and keeps the later days' ones."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine

from homework import services
from homework.models import Kind, NotDoneReason, Occurrence, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders.models import Channel, Reminder, ReminderKind, ReminderStatus
from reminders.planning import REASON_SKIPPED

pytestmark = pytest.mark.django_db


def _reminder(client: User, occurrence: Occurrence, due_at: datetime, key: str) -> Reminder:
    return Reminder.objects.create(
        user=client,
        kind=ReminderKind.OCCURRENCE,
        channel=Channel.EMAIL,
        occurrence=occurrence,
        due_at=due_at,
        idempotency_key=key,
        created_at=due_at - timedelta(days=2),
        updated_at=due_at - timedelta(days=2),
    )


@time_machine.travel(datetime(2026, 3, 4, 15, 0, tzinfo=UTC), tick=False)
def test_not_today_cancels_todays_reminders_of_that_practice_only(therapist: User, client_user: User) -> None:
    zone = client_user.zone
    today = services.client_today(client_user)
    assignment = make_assignment(
        therapist, client_user, Kind.READING, recurrence=Recurrence.ONCE, end_date=today + timedelta(days=3)
    )
    occurrence = Occurrence.objects.get(assignment=assignment)
    Reminder.objects.filter(occurrence=occurrence).delete()  # only the rows this test makes
    tonight = _reminder(client_user, occurrence, datetime.combine(today, time(20), tzinfo=zone), "t1")
    tomorrow = _reminder(
        client_user, occurrence, datetime.combine(today + timedelta(days=1), time(20), tzinfo=zone), "t2"
    )
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    tonight.refresh_from_db()
    tomorrow.refresh_from_db()
    assert (tonight.status, tonight.reason) == (ReminderStatus.CANCELLED, REASON_SKIPPED)
    assert tomorrow.status == ReminderStatus.PENDING


@time_machine.travel(datetime(2026, 3, 4, 15, 0, tzinfo=UTC), tick=False)  # Wednesday, 10:00 in New York
def test_re_planning_the_same_day_keeps_not_today_quiet(therapist: User, client_user: User) -> None:
    from reminders.planning import plan_for_client

    today = services.client_today(client_user)
    monday = today - timedelta(days=today.weekday())
    assignment = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=monday,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    zone = client_user.zone
    start = datetime.combine(today, time.min, tzinfo=zone)
    end = start + timedelta(days=1)
    (row,) = Reminder.objects.filter(
        occurrence__assignment=assignment,
        channel=Channel.EMAIL,
        status=ReminderStatus.PENDING,
        due_at__gte=start,
        due_at__lt=end,
    )  # the slot reminded on Wednesday
    assert row.occurrence is not None
    occurrence = row.occurrence
    services.skip_today(occurrence=occurrence, reason=NotDoneReason.FORGOT)
    plan_for_client(client_user)  # the therapist edits something, or the client's choices change
    assert not Reminder.objects.filter(
        occurrence=occurrence, status=ReminderStatus.PENDING, due_at__gte=start, due_at__lt=end
    ).exists()


@time_machine.travel(datetime(2026, 3, 4, 15, 0, tzinfo=UTC), tick=False)  # Wednesday, 10:00 in New York
def test_undoing_not_today_brings_that_days_reminders_back(therapist: User, client_user: User) -> None:
    today = services.client_today(client_user)
    monday = today - timedelta(days=today.weekday())
    assignment = make_assignment(
        therapist,
        client_user,
        Kind.RELAXATION,
        start=monday,
        recurrence=Recurrence.TIMES_PER_WEEK,
        times_per_week=3,
    )
    zone = client_user.zone
    start = datetime.combine(today, time.min, tzinfo=zone)
    todays = Reminder.objects.filter(
        occurrence__assignment=assignment, due_at__gte=start, due_at__lt=start + timedelta(days=1)
    )
    pending = set(todays.filter(status=ReminderStatus.PENDING).values_list("pk", "due_at"))
    assert pending
    occurrence = todays.first().occurrence  # type: ignore[union-attr]
    assert occurrence is not None
    skip = services.skip_today(occurrence=occurrence, reason=NotDoneReason.NO_TIME)
    assert not todays.filter(status=ReminderStatus.PENDING).exists()
    services.undo_skip(occurrence=occurrence, skip_id=skip.pk, said=services.SkipState.of(skip))
    assert set(todays.filter(status=ReminderStatus.PENDING).values_list("pk", "due_at")) == pending
