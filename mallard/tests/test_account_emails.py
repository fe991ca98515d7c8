"""allauth's account e-mails and pages, in Mallard's words.

An e-mail about an address goes to whoever owns that address, who may be a stranger: it names no
one and no other address. A closed account's owner is told how to come back, not sent in a loop
between "no such account" and "it already exists". Two-factor sign-in needs a confirmed sign-in
address, not every address confirmed. A wrong current password says so.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core import mail
from django.test import Client

from conftest import PASSWORD, totp_for_secret
from mallard.models import User
from mallard.retention import close_account

REAUTHENTICATE = "/accounts/reauthenticate/"
SETUP_URL = "/accounts/2fa/totp/activate/"
COMING_BACK = "until then your therapist or your practice can reopen the account with everything in it"


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    mail.outbox.clear()


def signup(client: Client, email: str, name: str = "Nina Novak") -> Any:
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "display_name": name,
            "time_zone": "Europe/London",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
    )


def add_address(client: Client, user: User, email: str) -> None:
    client.force_login(user)
    client.post("/accounts/email/", {"email": email, "action_add": ""})
    client.post(REAUTHENTICATE, {"password": PASSWORD, "next": "/accounts/email/"})


def assert_names_no_one(message: Any, *people: str) -> None:
    bodies = [
        message.subject,
        message.body,
        *(content for content, _ in getattr(message, "alternatives", [])),
    ]
    for body in bodies:
        for person in people:
            assert person.lower() not in str(body).lower(), f"{person!r} in: {body}"


# --- Problem: the address-confirmation e-mail named the person who added the address ---------


def test_adding_an_address_tells_its_owner_nothing_about_who_added_it(
    client: Client, client_user: User
) -> None:
    add_address(client, client_user, "someone.else@example.com")

    assert EmailAddress.objects.filter(
        user=client_user, email="someone.else@example.com", verified=False
    ).exists()
    [message] = mail.outbox
    assert message.to == ["someone.else@example.com"]
    assert message.subject == "Mallard: Confirm this email address"
    assert "Someone asked to add this email address to a Mallard account." in message.body
    assert "If it wasn't you, ignore this email." in message.body
    assert "/accounts/confirm-email/" in message.body
    assert "register" not in message.body
    assert_names_no_one(message, "Carol", "Chen", "carol@example.com", "user ")


def test_the_sign_up_confirmation_names_no_one(client: Client, db: None) -> None:
    signup(client, "nina@example.com", name="Nina Novak")

    [message] = mail.outbox
    assert message.subject == "Mallard: Confirm your email address"
    assert "Someone used this email address to create a Mallard account." in message.body
    assert "If it wasn't you, ignore this email." in message.body
    assert_names_no_one(message, "Nina", "Novak", "user ")


def test_the_already_exists_and_unknown_account_e_mails_name_only_their_own_address(
    client: Client, client_user: User
) -> None:
    signup(client, client_user.email, name="Mallory Meddler")
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    already, unknown = mail.outbox
    assert already.to == [client_user.email]
    assert_names_no_one(already, "Mallory", "Meddler", "Chen")
    assert unknown.to == ["nobody@example.com"]
    assert_names_no_one(unknown, "Carol", "carol@example.com")


# --- Problem: a closed account was sent in a loop between sign-up and password reset -----------


def test_a_closed_accounts_password_reset_says_how_to_come_back(client: Client, client_user: User) -> None:
    close_account(client=client_user)
    mail.outbox.clear()

    client.post("/accounts/password/reset/", {"email": client_user.email})

    [message] = mail.outbox
    assert message.to == [client_user.email]
    assert message.subject == "Mallard: About your request for a new password"
    assert "No account that can sign in uses this address, so no password was changed." in message.body
    assert "If you had a Mallard account that was closed" in message.body
    assert COMING_BACK in message.body
    assert "we do not have any record" not in message.body


def test_signing_up_again_with_a_closed_accounts_address_says_how_to_come_back(
    client: Client, client_user: User
) -> None:
    close_account(client=client_user)
    mail.outbox.clear()

    signup(client, client_user.email)

    [message] = mail.outbox
    assert message.to == [client_user.email]
    assert message.subject == "Mallard: A Mallard account already uses this address"
    assert "/accounts/password/reset/" in message.body
    assert "If you had a Mallard account that was closed" in message.body
    assert "a closed account cannot sign in or choose a new password" in message.body
    assert COMING_BACK in message.body
    assert User.objects.filter(email__iexact=client_user.email).count() == 1


def test_the_closed_account_page_gives_dates_on_the_persons_own_clock(
    client: Client, client_user: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MALLARD_RECORD_RETENTION_DAYS = 2557
    client_user.time_zone = "Pacific/Auckland"
    client_user.save(update_fields=["time_zone"])
    # 20:00 on 7 December in UTC is 09:00 on 8 December in Auckland.
    with time_machine.travel(datetime(2027, 12, 7, 20, 0, tzinfo=UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            close_account(client=client_user)
        response = client.post("/accounts/login/", {"login": client_user.email, "password": PASSWORD})

    html = response.content.decode()
    assert "was closed on 8 December 2027, so it cannot sign in" in html
    assert "kept, out of use, until 8 December 2034" in html
    [closing_email] = mail.outbox
    assert "closed on 8 December 2027, 09:00 (Pacific/Auckland)" in closing_email.body
    assert "kept until 8 December 2034" in closing_email.body


# --- Problem: an unconfirmed extra address blocked two-factor sign-in --------------------------


def test_an_unconfirmed_extra_address_does_not_block_two_factor_sign_in(
    client: Client, client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    EmailAddress.objects.create(
        user=client_user, email="carol.typo@example.com", verified=False, primary=False
    )
    client.force_login(client_user)
    client.post(REAUTHENTICATE, {"password": PASSWORD})

    page = client.get(SETUP_URL)

    assert page.status_code == 200
    assert "verified your email" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETUP_URL, {"code": totp_for_secret(client.session[SECRET_SESSION_KEY])})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=client_user, type=Authenticator.Type.TOTP).exists()


def test_an_account_with_two_factor_sign_in_may_add_an_address(client: Client, therapist: User) -> None:
    add_address(client, therapist, "alice.work@example.com")

    assert EmailAddress.objects.filter(
        user=therapist, email="alice.work@example.com", verified=False
    ).exists()
    [message] = mail.outbox
    assert message.to == ["alice.work@example.com"]


# --- Problem: a wrong current password read as if none had been typed --------------------------


def test_a_wrong_current_password_says_that_is_not_it(client: Client, client_user: User) -> None:
    client.force_login(client_user)

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "not-my-password",
            "password1": "a-new-long-passphrase",
            "password2": "a-new-long-passphrase",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "That is not your current password. Type the password you sign in with now." in html
    assert "Please type your current password." not in html
    client_user.refresh_from_db()
    assert client_user.check_password(PASSWORD)


# --- A reset link goes only to a confirmed address -------------------------------------------------


def test_no_reset_link_goes_to_an_address_the_account_never_confirmed(
    client: Client, client_user: User
) -> None:
    EmailAddress.objects.create(user=client_user, email="typo@example.org", primary=False, verified=False)
    client.post("/accounts/password/reset/", {"email": "Typo@example.org"})
    [message] = mail.outbox
    assert [to.lower() for to in message.to] == ["typo@example.org"]
    assert "/accounts/password/reset/key/" not in message.body
    assert "No account that can sign in uses this address, so no password was changed." in message.body

    # The confirmed address still gets its link.
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": client_user.email})
    [message] = mail.outbox
    assert message.to == [client_user.email]
    assert "/accounts/password/reset/key/" in message.body


@pytest.mark.django_db
def test_an_address_set_by_staff_with_no_address_row_keeps_its_reset_link(client: Client) -> None:
    User.objects.create_superuser("root@example.com", "a long enough password 1")
    client.post("/accounts/password/reset/", {"email": "root@example.com"})
    [message] = mail.outbox
    assert "/accounts/password/reset/key/" in message.body
