"""A client moved to another therapist keeps no appointment with the former one.

The move is ``mallard.services.move_client`` or, as practices do it, the admin: ending the care
relationship. Either way the sessions still booked with the former therapist are cancelled in
the same transaction; held sessions, past ones and any booked with the new therapist stay.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mallard import services as mallard_services
from mallard.models import CareRelationship, User
from sessions_app.models import SessionStatus, TherapySession
from sessions_app.tests.dashboard_helpers import make_session

pytestmark = pytest.mark.django_db


def _statuses(*sessions: TherapySession) -> list[str]:
    return [TherapySession.objects.get(pk=s.pk).status for s in sessions]


def test_moving_a_client_cancels_what_was_booked_with_the_former_therapist(
    therapist: User, client_user: User, other_therapist: User
) -> None:
    booked = make_session(therapist, client_user, in_days=2)
    held = make_session(therapist, client_user, in_days=-7, status=SessionStatus.HELD)
    mallard_services.move_client(client=client_user, to_therapist=other_therapist)
    with_new = make_session(other_therapist, client_user, in_days=3)
    assert _statuses(booked, held, with_new) == [
        SessionStatus.CANCELLED,
        SessionStatus.HELD,
        SessionStatus.SCHEDULED,
    ]


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def _care_form(care: CareRelationship, **changes: Any) -> dict[str, Any]:
    local = timezone.localtime(care.started_at)
    data = {
        "client": care.client_id,
        "therapist": care.therapist_id,
        "started_at_0": local.strftime("%Y-%m-%d"),
        "started_at_1": local.strftime("%H:%M:%S"),
        "ended_at_0": "",
        "ended_at_1": "",
    }
    return data | changes


def test_ending_care_in_the_admin_cancels_the_former_therapists_bookings(
    admin_client: Client, therapist: User, client_user: User
) -> None:
    care = CareRelationship.objects.get(client=client_user)
    CareRelationship.objects.filter(pk=care.pk).update(started_at=timezone.now() - timedelta(days=30))
    care.refresh_from_db()
    booked = make_session(therapist, client_user, in_days=2)
    ended = timezone.localtime(timezone.now() - timedelta(minutes=5))
    data = _care_form(care, ended_at_0=ended.strftime("%Y-%m-%d"), ended_at_1=ended.strftime("%H:%M:%S"))
    response = admin_client.post(f"/admin/mallard/carerelationship/{care.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _statuses(booked) == [SessionStatus.CANCELLED]


@pytest.mark.parametrize(
    ("ended", "message"),
    [
        (timedelta(days=-60), "Care ends after it starts: choose an end at or after the start."),
        (timedelta(days=2), "Care ends when it is recorded: choose now or a time that has passed."),
    ],
)
def test_an_end_before_the_start_or_in_the_future_is_refused_in_words(
    admin_client: Client, therapist: User, client_user: User, ended: timedelta, message: str
) -> None:
    care = CareRelationship.objects.get(client=client_user)
    CareRelationship.objects.filter(pk=care.pk).update(started_at=timezone.now() - timedelta(days=30))
    care.refresh_from_db()
    booked = make_session(therapist, client_user, in_days=2)
    end = timezone.localtime(timezone.now() + ended)
    data = _care_form(care, ended_at_0=end.strftime("%Y-%m-%d"), ended_at_1=end.strftime("%H:%M:%S"))
    response = admin_client.post(f"/admin/mallard/carerelationship/{care.pk}/change/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "care_ends_after_start" not in response.content.decode()
    care.refresh_from_db()
    assert care.ended_at is None
    assert _statuses(booked) == [SessionStatus.SCHEDULED]
