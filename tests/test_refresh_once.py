"""A request that writes several times for one client queues one refresh of their caseload numbers
(and one wake-up of the reminder dispatcher), once it commits."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.db import transaction

from homework import services
from homework.models import AssignmentStatus, Kind, LogStatus
from homework.services import Outcome
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import tasks as reminder_tasks
from sessions_app import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    calls: dict[str, list[Any]] = {"refresh": [], "wake": []}
    monkeypatch.setattr(tasks.refresh_client, "delay", lambda pk: calls["refresh"].append(pk))
    monkeypatch.setattr(reminder_tasks.dispatch_due_reminders, "delay", lambda: calls["wake"].append(1))
    return calls


def test_several_writes_for_one_client_queue_one_refresh_on_commit(
    therapist: User,
    client_user: User,
    other_therapist: User,
    other_client: User,
    queued: dict[str, list[Any]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    elsewhere = make_assignment(other_therapist, other_client, Kind.JOURNAL)
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.save_entry(
            occurrence=today_occurrence(assignment),
            fields={"situation": "On the bus"},
            submit=False,
        )
    queued["refresh"].clear()
    queued["wake"].clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.update_assignment(assignment=assignment, estimated_minutes=5)
        services.leave_feedback(therapist=therapist, entry=entry, text="Well spotted")
        services.set_client_time(assignment=assignment, at=time(7, 30))
        services.log_occurrence(occurrence=today_occurrence(assignment), status=LogStatus.DONE)
        services.set_assignment_status(assignment=elsewhere, status=AssignmentStatus.ACTIVE)
        assert queued["refresh"] == [], "nothing is queued before the commit"
    assert len(callbacks) > 2, "each hook still registers its callback"
    assert sorted(queued["refresh"]) == sorted([client_user.pk, other_client.pk])
    assert queued["wake"] == [1], "the changed homework and the feedback wake the dispatcher once"


def test_the_next_request_queues_its_own_refresh(
    therapist: User, client_user: User, queued: dict[str, list[Any]], django_capture_on_commit_callbacks: Any
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    queued["refresh"].clear()
    occurrence = today_occurrence(assignment)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_entry(
            occurrence=occurrence,
            fields={"situation": "At home"},
            submit=True,
            outcome=Outcome(status=LogStatus.DONE, minutes_spent=10, helpfulness=4),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.set_client_time(assignment=assignment, at=time(8, 0))
    assert queued["refresh"] == [client_user.pk, client_user.pk]


def test_a_write_rolled_back_queues_nothing(
    therapist: User, client_user: User, queued: dict[str, list[Any]], django_capture_on_commit_callbacks: Any
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)
    queued["refresh"].clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.set_client_time(assignment=assignment, at=time(9, 0))
        raise RuntimeError
    assert queued["refresh"] == []
