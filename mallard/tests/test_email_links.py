"""allauth's e-mails link to SITE_URL, whatever Host header the request that sent them carried."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from mallard.models import User

SITE = "https://mallard.example.org"
FORGED = "evil.example"


@pytest.fixture(autouse=True)
def _forgeable_host(settings: Any) -> None:
    # A host the request may name, as an ALLOWED_HOSTS wildcard or a second domain would allow.
    settings.ALLOWED_HOSTS = ["mallard.example.org", FORGED]
    settings.SITE_URL = SITE
    mail.outbox.clear()


def links_in(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def assert_only_site_links(message: Any) -> None:
    bodies = [message.body, *(content for content, _ in getattr(message, "alternatives", []))]
    for body in bodies:
        assert FORGED not in body
    assert links_in(message.body)
    assert all(link.startswith(SITE + "/") for link in links_in(message.body)), message.body


def test_the_password_reset_link_is_built_from_site_url(client: Client, client_user: User) -> None:
    client.post("/accounts/password/reset/", {"email": client_user.email}, HTTP_HOST=FORGED)
    [message] = mail.outbox
    assert f"{SITE}/accounts/password/reset/key/" in message.body
    assert_only_site_links(message)


def test_the_unknown_account_e_mail_links_to_site_url(client: Client, db: None) -> None:
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, HTTP_HOST=FORGED)
    [message] = mail.outbox
    assert_only_site_links(message)


def test_the_address_confirmation_link_is_built_from_site_url(client: Client, db: None) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "email": "nina@example.com",
            "display_name": "Nina Novak",
            "time_zone": "Europe/London",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
        HTTP_HOST=FORGED,
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert f"{SITE}/accounts/confirm-email/" in message.body
    assert_only_site_links(message)


def test_the_account_already_exists_e_mail_links_to_site_url(client: Client, therapist: User) -> None:
    client.post(
        "/accounts/signup/",
        {
            "email": therapist.email,
            "display_name": "Someone Else",
            "time_zone": "Europe/London",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        },
        HTTP_HOST=FORGED,
    )
    [message] = mail.outbox
    assert f"{SITE}/accounts/password/reset/" in message.body
    assert_only_site_links(message)
