"""allauth's sign-in, sign-out and two-factor pages in Mallard's own words and markup."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from conftest import PASSWORD
from mallard.models import User

pytestmark = pytest.mark.django_db


def h1(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match is not None
    return match.group(1).strip()


def test_the_menu_signs_out_in_one_step(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    page = client.get("/today/").content.decode()
    assert '<button class="dropdown-item" type="submit" form="sign-out">Sign out</button>' in page
    form = re.search(
        r'<form id="sign-out" method="post" action="/accounts/logout/" hidden>(.*?)</form>', page
    )
    assert form is not None and 'name="csrfmiddlewaretoken"' in form.group(1)
    response = client.post("/accounts/logout/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "You have signed out." in response.content.decode()


def test_opening_the_sign_out_address_asks_first(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    html = client.get("/accounts/logout/").content.decode()
    assert h1(html) == "Sign out of Mallard"
    assert "Are you sure" not in html
    assert "_auth_user_id" in client.session


def test_the_two_factor_step_asks_for_a_numeric_one_time_code(client: Client, therapist: User) -> None:
    assert Authenticator.objects.filter(user=therapist).exists()
    response = client.post("/accounts/login/", {"login": therapist.email, "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert h1(html) == "Enter your sign-in code"
    code = re.search(r'<input[^>]*name="code"[^>]*>', html)
    assert code is not None
    assert 'inputmode="numeric"' in code.group(0)
    assert 'autocomplete="one-time-code"' in code.group(0)
    assert "Two-Factor Authentication" not in html


def test_asking_for_the_password_again_says_why(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    html = client.get("/accounts/reauthenticate/").content.decode()
    assert h1(html) == "Confirm it's you"
    assert "Confirm Access" not in html and "Please reauthenticate" not in html
    assert 'for="id_password"' in html and 'name="password"' in html


def test_setting_up_an_authenticator_app_is_in_plain_words(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    assert response.status_code == 302
    assert h1(html) == "Set up two-factor authentication"
    assert "Activate Authenticator App" not in html
    code = re.search(r'<input[^>]*name="code"[^>]*>', html)
    assert code is not None and 'inputmode="numeric"' in code.group(0)
