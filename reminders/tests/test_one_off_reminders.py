"""A one-off's reminders: on its due day only, none once it is logged, none once its day has passed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from homework import hooks
from homework import services as homework
from homework.models import Kind, LogStatus, Occurrence, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders import planning
from reminders.models import Reminder, ReminderStatus

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)  # Wednesday 10 June 2026
DUE = date(2026, 6, 13)


@pytest.fixture(autouse=True)
def _no_news(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hooks, "client_told", [])


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(MORNING, tick=False):
        yield


def _pending(client: User) -> list[Reminder]:
    return list(Reminder.objects.filter(user=client, status=ReminderStatus.PENDING))


def _one_off(therapist: User, client_user: User) -> Occurrence:
    assignment = make_assignment(
        therapist,
        client_user,
        Kind.READING,
        start=homework.client_today(client_user),
        recurrence=Recurrence.ONCE,
        end_date=DUE,
        preferred_time=time(20, 0),
    )
    return Occurrence.objects.get(assignment=assignment)


def test_a_one_off_is_reminded_on_its_due_day_only(therapist: User, client_user: User) -> None:
    _one_off(therapist, client_user)
    pending = _pending(client_user)
    assert pending
    assert {row.due_at.astimezone(client_user.zone).date() for row in pending} == {DUE}


def test_a_one_off_logged_done_gets_no_more_reminders(therapist: User, client_user: User) -> None:
    occurrence = _one_off(therapist, client_user)
    homework.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    assert _pending(client_user) == []
    assert Reminder.objects.filter(user=client_user, reason=planning.REASON_LOGGED).exists()
    planning.plan_for_client(client_user)  # the hourly planner brings none back
    assert _pending(client_user) == []


def test_a_one_off_past_its_due_day_gets_no_reminder(therapist: User, client_user: User) -> None:
    _one_off(therapist, client_user)
    with time_machine.travel(MORNING + timedelta(days=5), tick=False):
        planning.plan_for_client(client_user)
        assert [row for row in _pending(client_user) if row.due_at > MORNING + timedelta(days=5)] == []
