"""Changing sign-in e-mail addresses or two-factor settings asks the person to prove it is them again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client

from conftest import PASSWORD, totp_code
from mallard.models import User

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REAUTHENTICATE = "/accounts/reauthenticate/"


def at(minutes: float) -> Any:
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


def add_email(client: Client, email: str = "carol.new@example.com") -> Any:
    return client.post("/accounts/email/", {"email": email, "action_add": ""})


def test_adding_an_email_address_asks_for_the_password_first(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = add_email(client)
    assert response.status_code == 302
    assert response["Location"] == f"{REAUTHENTICATE}?next=%2Faccounts%2Femail%2F"
    assert not EmailAddress.objects.filter(email="carol.new@example.com").exists()


def test_after_the_password_the_change_goes_through(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    add_email(client)
    response = client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/email/"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=client_user, email="carol.new@example.com").exists()


def test_a_wrong_password_changes_nothing(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    add_email(client)
    response = client.post(REAUTHENTICATE, {"password": "not-my-password", "next": "/accounts/email/"})
    assert response.status_code == 200
    assert "Incorrect password." in response.content.decode()
    assert not EmailAddress.objects.filter(email="carol.new@example.com").exists()


def test_signing_in_alone_is_not_enough(client: Client, client_user: User) -> None:
    client.post("/accounts/login/", {"login": client_user.email, "password": PASSWORD})
    assert add_email(client)["Location"].startswith(REAUTHENTICATE)


def test_the_confirmation_lasts_five_minutes(client: Client, client_user: User) -> None:
    with at(0):
        client.force_login(client_user)
        client.post(REAUTHENTICATE, {"password": PASSWORD})
    with at(4):
        assert add_email(client, "one@example.com").status_code == 302
    assert EmailAddress.objects.filter(email="one@example.com").exists()
    with at(6):
        assert add_email(client, "two@example.com")["Location"].startswith(REAUTHENTICATE)
    assert not EmailAddress.objects.filter(email="two@example.com").exists()


def test_changing_the_primary_address_asks_too(client: Client, client_user: User) -> None:
    EmailAddress.objects.create(user=client_user, email="carol.work@example.com", verified=True)
    client.force_login(client_user)
    response = client.post("/accounts/email/", {"email": "carol.work@example.com", "action_primary": ""})
    assert response["Location"].startswith(REAUTHENTICATE)
    assert EmailAddress.objects.get(email="carol@example.com").primary


def test_removing_an_address_asks_too(client: Client, client_user: User) -> None:
    EmailAddress.objects.create(user=client_user, email="carol.work@example.com", verified=True)
    client.force_login(client_user)
    response = client.post("/accounts/email/", {"email": "carol.work@example.com", "action_remove": ""})
    assert response["Location"].startswith(REAUTHENTICATE)
    assert EmailAddress.objects.filter(email="carol.work@example.com").exists()


def test_setting_up_an_authenticator_app_asks_first(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"] == f"{REAUTHENTICATE}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
    client.post(REAUTHENTICATE, {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_turning_the_authenticator_app_off_asks_first(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response["Location"].startswith(REAUTHENTICATE)
    assert Authenticator.objects.filter(user=therapist, type=Authenticator.Type.TOTP).exists()


def test_new_recovery_codes_ask_first(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    assert client.get("/accounts/2fa/recovery-codes/generate/")["Location"].startswith(REAUTHENTICATE)
    assert client.post("/accounts/2fa/recovery-codes/generate/")["Location"].startswith(REAUTHENTICATE)


def test_someone_with_an_authenticator_can_confirm_with_a_code(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    response = client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(therapist)})
    assert response.status_code == 302
    assert client.get("/accounts/2fa/recovery-codes/generate/").status_code == 200


def test_a_wrong_code_does_not_confirm(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    wrong = f"{(int(totp_code(therapist)) + 1) % 1_000_000:06d}"
    response = client.post("/accounts/2fa/reauthenticate/", {"code": wrong})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert client.get("/accounts/2fa/recovery-codes/generate/")["Location"].startswith(REAUTHENTICATE)


def test_the_confirmation_page_needs_a_signed_in_person(client: Client, db: None) -> None:
    response = client.get(REAUTHENTICATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
