"""Builders for the dashboard, overview and summary tests (owned with those tests)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from conftest import make_user
from homework import services
from homework.models import Assignment, Kind, Log, LogStatus, Occurrence
from homework.tests.conftest import make_assignment
from mallard.models import CareRelationship, Role, User
from sessions_app.models import SessionStatus, TherapySession

# pytest-django's ``django_assert_num_queries`` fixture.
AssertQueries = Callable[..., AbstractContextManager[Any]]


def warm_view(
    client: Client,
    user: User,
    path: str,
    assert_queries: AssertQueries,
    budget: int,
    params: dict[str, str] | None = None,
) -> str:
    """The page at ``path`` as ``user`` sees it on a second view (the first warms the session
    and the per-process caches), asserting that the second view runs exactly ``budget`` queries."""
    client.force_login(user)
    client.get(path)
    with assert_queries(budget):
        response = client.get(path, params or {})
    return response.content.decode()


def add_client(therapist: User, n: int, *, time_zone: str = "Europe/London", days_in_care: int = 30) -> User:
    person = make_user(f"client{n}@example.com", f"Client {n:02}", Role.CLIENT, time_zone=time_zone)
    CareRelationship.objects.create(
        therapist=therapist, client=person, started_at=timezone.now() - timedelta(days=days_in_care)
    )
    return person


def daily_since(
    therapist: User, client: User, days_ago: int, kind: str = Kind.THOUGHT_RECORD, **fields: Any
) -> Assignment:
    """A daily assignment that started ``days_ago`` days before the client's today."""
    today = services.client_today(client)
    return make_assignment(therapist, client, kind, start=today - timedelta(days=days_ago), **fields)


def occurrence_on(assignment: Assignment, day: date) -> Occurrence:
    return Occurrence.objects.get(assignment=assignment, due_date=day, slot=1)


def days_ago(client: User, n: int) -> date:
    return services.client_today(client) - timedelta(days=n)


def log_on(
    assignment: Assignment,
    day: date,
    status: LogStatus,
    *,
    reason: str = "",
    note: str = "",
    at: datetime | None = None,
) -> Log:
    log = services.log_occurrence(
        occurrence=occurrence_on(assignment, day), status=status, reason=reason, note=note
    )
    if at is not None:
        Log.objects.filter(pk=log.pk).update(logged_at=at, updated_at=at)
        log.refresh_from_db()
    return log


def make_session(
    therapist: User,
    client: User,
    *,
    in_days: float,
    status: SessionStatus = SessionStatus.SCHEDULED,
) -> TherapySession:
    return TherapySession.objects.create(
        therapist=therapist, client=client, starts_at=timezone.now() + timedelta(days=in_days), status=status
    )
