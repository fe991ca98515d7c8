"""A therapist's or staff member's first sign-in: the password once, the authenticator app, the
recovery codes, then on to their work. Later changes still ask for the password again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client

from conftest import PASSWORD, make_user, totp_code, totp_for_secret
from mallard.middleware import MFA_REQUIRED_MESSAGE
from mallard.models import Role, User

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETUP_URL = "/accounts/2fa/totp/activate/"
CODES_URL = "/accounts/2fa/recovery-codes/"
REAUTHENTICATE = "/accounts/reauthenticate/"


def at(minutes: float) -> Any:
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


def newcomer(email: str, name: str, role: Role, **extra: Any) -> User:
    user = make_user(email, name, role, **extra)
    Authenticator.objects.filter(user=user).delete()
    return user


@pytest.fixture
def nina(db: None) -> User:
    return newcomer("nina@example.com", "Nina Novak", Role.THERAPIST)


def sign_in_with_password(client: Client, email: str) -> None:
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def activate(client: Client, capture: Any) -> Any:
    """Type the code the authenticator app shows for the secret on the set-up page."""
    with capture(execute=True):
        return client.post(SETUP_URL, {"code": totp_for_secret(client.session[SECRET_SESSION_KEY])})


def test_the_password_is_asked_once_then_the_codes_lead_to_the_caseload(
    client: Client, nina: User, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in_with_password(client, nina.email)
    page = client.get("/", follow=True)
    # Straight to set-up: no second password prompt moments after the first.
    assert [url for url, _ in page.redirect_chain] == [SETUP_URL]
    assert page.status_code == 200
    assert "Set up two-factor authentication" in page.content.decode()
    assert MFA_REQUIRED_MESSAGE.split(",")[0] in page.content.decode()

    response = activate(client, django_capture_on_commit_callbacks)
    assert response["Location"] == CODES_URL
    codes = client.get(CODES_URL)
    assert codes.status_code == 200
    content = codes.content.decode()
    unused = (
        Authenticator.objects.get(user=nina, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    )
    assert all(code in content for code in unused)
    assert '<a class="btn btn-primary" href="/">Continue to your caseload</a>' in content

    assert client.get("/", follow=True).redirect_chain[-1][0] == "/caseload/"
    assert client.get("/caseload/").status_code == 200


def test_staff_continue_to_the_administration(
    client: Client, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    sol = newcomer("sol@example.com", "Sol Staff", Role.STAFF, is_staff=True, is_superuser=True)
    sign_in_with_password(client, sol.email)
    assert client.get(SETUP_URL).status_code == 200
    activate(client, django_capture_on_commit_callbacks)
    content = client.get(CODES_URL).content.decode()
    assert ">Continue to the administration</a>" in content
    assert client.get("/")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_client_setting_it_up_continues_to_today(
    client: Client, client_user: User, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in_with_password(client, client_user.email)
    assert client.get(SETUP_URL).status_code == 200
    activate(client, django_capture_on_commit_callbacks)
    assert ">Continue to Today</a>" in client.get(CODES_URL).content.decode()


def test_set_up_more_than_five_minutes_after_signing_in_asks_for_the_password(
    client: Client, nina: User
) -> None:
    with at(0):
        sign_in_with_password(client, nina.email)
    with at(4.9):
        assert client.get(SETUP_URL).status_code == 200
    with at(5):
        assert client.get(SETUP_URL)["Location"].startswith(REAUTHENTICATE)
        assert client.post(SETUP_URL, {"code": "123456"})["Location"].startswith(REAUTHENTICATE)
    assert not Authenticator.objects.filter(user=nina).exists()


def test_a_session_that_typed_no_password_is_asked_for_it(client: Client, nina: User) -> None:
    client.force_login(nina)  # as after confirming an e-mail address: no password typed here
    assert client.get(SETUP_URL)["Location"].startswith(REAUTHENTICATE)


def test_the_codes_shown_again_later_ask_for_the_password(
    client: Client, nina: User, django_capture_on_commit_callbacks: Any
) -> None:
    with at(0):
        sign_in_with_password(client, nina.email)
        client.get(SETUP_URL)
        activate(client, django_capture_on_commit_callbacks)
        assert client.get(CODES_URL).status_code == 200
    with at(6):
        assert client.get(CODES_URL)["Location"].startswith(REAUTHENTICATE)
        assert client.get(f"{CODES_URL}download/")["Location"].startswith(REAUTHENTICATE)
        client.post(REAUTHENTICATE, {"password": PASSWORD})
        assert client.get(CODES_URL).status_code == 200


def test_other_changes_right_after_set_up_still_ask_for_the_password(
    client: Client, nina: User, django_capture_on_commit_callbacks: Any
) -> None:
    sign_in_with_password(client, nina.email)
    client.get(SETUP_URL)
    activate(client, django_capture_on_commit_callbacks)
    assert client.post("/accounts/2fa/totp/deactivate/")["Location"].startswith(REAUTHENTICATE)
    assert client.post(f"{CODES_URL}generate/")["Location"].startswith(REAUTHENTICATE)
    assert client.post("/accounts/sessions/")["Location"].startswith(REAUTHENTICATE)
    assert Authenticator.objects.filter(user=nina, type=Authenticator.Type.TOTP).exists()


def test_someone_who_already_had_an_app_confirms_before_seeing_the_codes(
    client: Client, therapist: User
) -> None:
    RecoveryCodes.activate(therapist)
    sign_in_with_password(client, therapist.email)
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(therapist)}).status_code == 302
    assert client.get("/caseload/").status_code == 200
    # Signing in is not enough to see codes made before it.
    assert client.get(CODES_URL)["Location"].startswith(REAUTHENTICATE)
