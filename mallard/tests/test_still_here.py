"""Typing on an open page keeps the person signed in: the page posts to ``mallard-still-here``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mallard.middleware import LAST_ACTIVITY_SESSION_KEY
from mallard.models import User

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
URL = "/accounts/still-here/"


def at(minutes: float) -> Any:
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


@pytest.fixture
def alice(client: Client, therapist: User) -> Client:
    with at(0):
        client.force_login(therapist)
    return client


def test_it_restarts_the_idle_clock_and_says_how_long_is_left(alice: Client) -> None:
    with at(25):
        response = alice.post(URL)
        assert alice.session[LAST_ACTIVITY_SESSION_KEY] == int((START + timedelta(minutes=25)).timestamp())
    assert response.status_code == 200
    assert response.json() == {"seconds_left": 30 * 60}
    # Typing for 50 minutes, telling the server every 20, keeps the therapist signed in.
    with at(45):
        assert alice.post(URL).json() == {"seconds_left": 30 * 60}
    with at(70):
        assert alice.get("/caseload/").status_code == 200


def test_it_records_activity_at_most_once_a_minute(alice: Client) -> None:
    with at(10):
        alice.post(URL)
    with at(10.5), CaptureQueriesContext(connection) as queries:
        response = alice.post(URL)
        assert alice.session[LAST_ACTIVITY_SESSION_KEY] == int((START + timedelta(minutes=10)).timestamp())
    assert response.json() == {"seconds_left": 30 * 60 - 30}
    assert not [query for query in queries.captured_queries if query["sql"].startswith(("INSERT", "UPDATE"))]


def test_it_writes_nothing_but_the_session(alice: Client) -> None:
    with at(10), CaptureQueriesContext(connection) as queries:
        alice.post(URL)
    writes = [
        query["sql"] for query in queries.captured_queries if query["sql"].startswith(("INSERT", "UPDATE"))
    ]
    # The idle clock in the session, and the signed-in devices list's "last active", as for any request.
    assert {sql.split('"')[1] for sql in writes} <= {"django_session", "usersessions_usersession"}


def test_it_cannot_bring_back_a_session_that_has_timed_out(alice: Client) -> None:
    with at(31):
        response = alice.post(URL)
        assert "_auth_user_id" not in alice.session
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, db: None) -> None:
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/still-here/"


def test_a_get_is_refused(alice: Client) -> None:
    with at(1):
        assert alice.get(URL).status_code == 405


def test_it_needs_the_csrf_token(therapist: User, db: None) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(therapist)
    assert browser.post(URL).status_code == 403


def test_keep_alives_alone_cannot_keep_a_sign_in_or_its_device_going_past_the_session_age(
    alice: Client, therapist: User
) -> None:
    """However many keep-alives arrive, the sign-in ends at ``SESSION_COOKIE_AGE`` (12 hours), and the
    signed-in devices list then no longer shows it as a device, active or not."""
    for minute in range(20, 12 * 60, 20):
        with at(minute):
            assert alice.post(URL).status_code == 200
    with at(12 * 60 + 1):
        response = alice.post(URL)
        assert "_auth_user_id" not in alice.session
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert UserSession.objects.purge_and_list(therapist) == []
    other = Client()
    with at(12 * 60 + 2):
        other.force_login(therapist)
    with at(12 * 60 + 4):
        page = other.get("/accounts/sessions/")
    assert page.status_code == 200
    assert [session.session_key for session in page.context["sessions"]] == [other.session.session_key]
