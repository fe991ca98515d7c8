"""Session dates far from today are refused beside the field, never a crash."""

from __future__ import annotations

import pytest
from django.test import Client

from mallard.models import User
from sessions_app.models import TherapySession

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1990-05-05"])
def test_a_date_far_from_today_is_refused(
    client: Client, therapist: User, client_user: User, day: str
) -> None:
    client.force_login(therapist)
    response = client.post(
        f"/clients/{client_user.pk}/sessions/",
        {"start_date": day, "start_time": "23:30", "duration_minutes": "50", "status": "held"},
    )
    assert response.status_code == 200
    assert "within five years of today" in response.content.decode()
    assert not TherapySession.objects.exists()
