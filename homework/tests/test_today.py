"""/today/: the client's landing page, for clients only."""

from __future__ import annotations

import pytest
from django.test import Client

from mallard.models import User


def test_it_greets_the_client(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/today/")
    assert response.status_code == 200
    assert "Carol Chen" in response.content.decode()


def test_it_answers_head(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.head("/today/").status_code == 200


@pytest.mark.django_db
def test_it_sends_anonymous_visitors_to_sign_in(client: Client) -> None:
    response = client.get("/today/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/today/"


def test_it_forbids_therapists(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/today/").status_code == 403


def test_it_forbids_staff(client: Client, staff: User) -> None:
    client.force_login(staff)
    assert client.get("/today/").status_code == 403


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_the_wrong_method(client: Client, client_user: User, method: str) -> None:
    client.force_login(client_user)
    assert getattr(client, method)("/today/").status_code == 405


def test_it_shows_nothing_of_another_client(client: Client, client_user: User, other_client: User) -> None:
    client.force_login(client_user)
    content = client.get("/today/").content.decode()
    assert "Dave Dlamini" not in content
    assert "Bob Brennan" not in content
