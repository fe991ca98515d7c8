"""Flashed messages name people and their homework; they live in the session, never in a cookie."""

from __future__ import annotations

from django.test import Client

from mallard.models import User


def test_a_flashed_message_sets_no_messages_cookie(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/invitations/", {"email": "erin.obrien@example.com", "name": "Erin O'Brien"})
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert not any("erin" in morsel.value.lower() for morsel in response.cookies.values())
    page = client.get(response["Location"])
    assert "We emailed an invitation to erin.obrien@example.com." in page.content.decode()
    assert "messages" not in page.cookies
