"""``manage.py createstaff``: a staff account that can sign in at once and must then enrol MFA."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client

from conftest import PASSWORD
from mallard.models import Role, User


def create(monkeypatch: Any, *args: str, password: str = PASSWORD) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))
    out = io.StringIO()
    call_command("createstaff", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_creates_a_staff_member_with_a_verified_address(monkeypatch: Any) -> None:
    out = create(monkeypatch, "Sam.Okoro@Example.com", "Sam Okoro")
    user = User.objects.get(email="sam.okoro@example.com")
    assert (user.role, user.is_staff, user.is_superuser, user.display_name) == (
        Role.STAFF,
        True,
        False,
        "Sam Okoro",
    )
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("sam.okoro@example.com", True, True)
    assert "set up two-factor authentication" in out


@pytest.mark.django_db
def test_superuser_is_a_choice(monkeypatch: Any) -> None:
    create(monkeypatch, "root@example.com", "Rae Root", "--superuser")
    assert User.objects.get(email="root@example.com").is_superuser


@pytest.mark.django_db
def test_the_new_account_signs_in_and_is_sent_to_enrol(monkeypatch: Any, client: Client) -> None:
    create(monkeypatch, "sam.okoro@example.com", "Sam Okoro")
    response = client.post("/accounts/login/", {"login": "sam.okoro@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("not-an-address", "Sam"), PASSWORD, "'not-an-address' is not an e-mail address."),
        (("sam@example.com", "  "), PASSWORD, "The name must not be empty."),
        (("sam@example.com", "Sam"), "short", "This password is too short."),
    ],
)
def test_bad_input_is_refused_with_a_reason(
    monkeypatch: Any, args: tuple[str, str], password: str, message: str
) -> None:
    with pytest.raises(CommandError, match=re.escape(message)):
        create(monkeypatch, *args, password=password)
    assert not User.objects.filter(email__in=["sam@example.com", "not-an-address"]).exists()


def test_an_address_already_in_use_is_refused(monkeypatch: Any, staff: User) -> None:
    with pytest.raises(
        CommandError, match=re.escape("An account with the address sam@example.com already exists.")
    ):
        create(monkeypatch, "SAM@example.com", "Sam Again")
    assert User.objects.filter(email="sam@example.com").count() == 1
