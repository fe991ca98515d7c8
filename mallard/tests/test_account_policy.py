"""Account rules that docs/security.md relies on: the password policy, one account per
e-mail address (the unique user identifier), and pages that only the right role may open."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD
from mallard.models import User


def signup(client: Client, password: str, email: str = "maya@example.com") -> Any:
    return client.post(
        "/accounts/signup/",
        {
            "display_name": "Maya Okafor",
            "email": email,
            "password1": password,
            "password2": password,
            "time_zone": "Europe/Madrid",
        },
    )


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Tr0ub4d!x", "too short"),  # nine characters; the minimum is ten
        ("password123", "too common"),
        ("4815162342108", "entirely numeric"),
        ("maya@example.com1", "too similar to the email address"),
    ],
)
@pytest.mark.django_db
def test_signup_refuses_a_weak_password_and_says_why(
    client: Client, settings: Any, password: str, reason: str
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = signup(client, password)
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not User.objects.filter(email="maya@example.com").exists()


@pytest.mark.django_db
def test_signup_accepts_a_long_passphrase(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = signup(client, PASSWORD)
    assert response.status_code == 302
    assert User.objects.filter(email="maya@example.com").exists()


def test_one_email_address_is_one_account_whatever_its_case(
    client: Client, settings: Any, therapist: User
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    signup(client, "another-long-passphrase", email="ALICE@Example.com")
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    assert User._meta.get_field("email").unique
    assert User.USERNAME_FIELD == "email"


def test_people_sign_in_with_their_email_address_in_any_case(client: Client, client_user: User) -> None:
    response = client.post("/accounts/login/", {"login": "CAROL@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(client_user.pk)


def test_a_client_cannot_open_a_therapists_page(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    assert client.get("/caseload/").status_code == 403
    assert client.get("/library/").status_code == 403


def test_a_therapist_cannot_open_a_clients_page(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/today/").status_code == 403
    assert client.get("/homework/progress/").status_code == 403


def test_only_staff_reach_the_admin(client: Client, therapist: User, staff: User) -> None:
    client.force_login(therapist)
    assert client.get("/admin/").status_code == 302
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
