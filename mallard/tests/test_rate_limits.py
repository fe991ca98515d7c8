"""allauth's rate limits protect sign-in from password guessing."""

from __future__ import annotations

from django.test import Client

from conftest import PASSWORD
from mallard.models import User

TOO_MANY = "Too many failed login attempts. Try again later."


def attempt(client: Client, password: str) -> tuple[int, bool]:
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": password})
    return response.status_code, TOO_MANY in response.content.decode()


def test_it_stops_accepting_guesses_after_repeated_failures(client: Client, therapist: User) -> None:
    # "5/5m/key": five wrong passwords for one address, then sign-in is refused.
    assert [attempt(client, f"wrong-{n}") for n in range(5)] == [(200, False)] * 5
    assert attempt(client, "wrong-5") == (200, True)
    # Even the right password is refused while the limit holds.
    assert attempt(client, PASSWORD) == (200, True)
    assert "_auth_user_id" not in client.session


def test_the_limit_is_per_address(client: Client, therapist: User, other_therapist: User) -> None:
    for n in range(6):
        attempt(client, f"wrong-{n}")
    response = Client().post("/accounts/login/", {"login": "bob@example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_a_correct_password_signs_in_before_the_limit(client: Client, therapist: User) -> None:
    for n in range(2):
        attempt(client, f"wrong-{n}")
    response = client.post("/accounts/login/", {"login": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(therapist.pk)
