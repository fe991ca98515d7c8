"""The client's sessions page: upcoming sessions in their own time, summaries of held ones, never notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

from mallard.models import User
from sessions_app.models import SessionStatus
from sessions_app.tests.sessions_helpers import (
    SECRET_NOTE,
    AssertMaxQueries,
    assert_no_private_notes,
    held_session,
    make_reflection,
    make_session,
)

URL = "/my/sessions/"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_it_lists_upcoming_sessions_in_the_clients_time_and_held_ones_with_their_summary(
    client: Client, therapist: User, client_user: User
) -> None:
    with time_machine.travel(NOW, tick=False):
        make_session(therapist, client_user, starts_at=NOW + timedelta(days=7))
        make_session(
            therapist, client_user, starts_at=NOW + timedelta(days=14), status=SessionStatus.CANCELLED
        )
        held_session(
            therapist, client_user, starts_at=NOW - timedelta(days=7), summary="Breathe <slowly> & often"
        )
        client.force_login(client_user)
        response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your sessions</h1>" in content
    upcoming, past = content.index('id="upcoming-heading"'), content.index('id="past-heading"')
    assert upcoming < content.index("Thursday 3 December 2026, 07:00") < past  # New York time
    assert "Cancelled" in content[upcoming:past]
    assert past < content.index("Thursday 19 November 2026")
    assert "Breathe &lt;slowly&gt; &amp; often" in content
    assert "with Alice Adeyemi" in content


def test_it_leaves_out_past_sessions_that_were_not_held(
    client: Client, therapist: User, client_user: User
) -> None:
    make_session(therapist, client_user, days=-7, status=SessionStatus.NO_SHOW, summary="Not for the list")
    make_session(therapist, client_user, days=-14, status=SessionStatus.CANCELLED, summary="Nor this")
    make_session(therapist, client_user, days=-1, summary="Unrecorded")
    client.force_login(client_user)
    content = client.get(URL).content.decode()
    for text in ("Not for the list", "Nor this", "Unrecorded"):
        assert text not in content
    assert "Once you've had a session, its summary will appear here." in content


def test_the_therapists_private_notes_never_reach_the_page_or_its_source(
    client: Client, therapist: User, client_user: User
) -> None:
    for days in (-14, -7):
        held_session(therapist, client_user, days=days)
    make_session(therapist, client_user, days=3, private_notes=SECRET_NOTE)
    make_session(therapist, client_user, days=5, status=SessionStatus.CANCELLED, private_notes=SECRET_NOTE)
    client.force_login(client_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert_no_private_notes(response)
    page = response.context["sessions"]
    for row in [*page.upcoming, *page.past]:
        assert "private_notes" in row.session.get_deferred_fields()  # never even loaded


def test_it_invites_a_reflection_on_held_sessions_without_one(
    client: Client, therapist: User, client_user: User
) -> None:
    reflected = held_session(therapist, client_user, days=-14)
    make_reflection(reflected)
    waiting = held_session(therapist, client_user, days=-7)
    client.force_login(client_user)
    content = client.get(URL).content.decode()
    assert "reflection-prompt" in content
    assert f'href="/my/sessions/{waiting.pk}/reflection/">Write a reflection' in content
    assert f'href="/my/sessions/{reflected.pk}/reflection/">See or edit your reflection' in content

    make_reflection(waiting)
    assert "reflection-prompt" not in client.get(URL).content.decode()


def test_it_never_shows_another_clients_sessions(
    client: Client, client_user: User, other_therapist: User, other_client: User
) -> None:
    held_session(other_therapist, other_client, days=-7, summary="Dave's summary")
    make_session(other_therapist, other_client, days=3)
    client.force_login(client_user)
    content = client.get(URL).content.decode()
    assert "Dave's summary" not in content
    assert "No sessions booked." in content
    assert "/reflection/" not in content


def test_the_page_is_for_signed_in_clients(client: Client, therapist: User) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(therapist)
    assert client.get(URL).status_code == 403


def test_the_page_is_read_only(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.post(URL).status_code == 405
    assert client.head(URL).status_code == 200


@pytest.mark.parametrize("rows", [2, 12])
def test_the_page_takes_the_same_queries_however_many_sessions(
    client: Client,
    therapist: User,
    client_user: User,
    django_assert_max_num_queries: AssertMaxQueries,
    rows: int,
) -> None:
    for n in range(rows):
        session = held_session(therapist, client_user, days=-7 * (n + 1))
        if n % 2:
            make_reflection(session)
        make_session(therapist, client_user, days=7 * (n + 1))
    client.force_login(client_user)
    with django_assert_max_num_queries(9):
        response: Any = client.get(URL)
    assert response.content.decode().count('<li class="card') == 2 * rows
