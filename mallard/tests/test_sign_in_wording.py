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


def headings(html: str) -> list[tuple[str, str]]:
    return [
        (level, re.sub(r"<[^>]+>", "", text).strip())
        for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.S)
    ]


def links(html: str) -> dict[str, str]:
    return {
        text.strip(): href for href, text in re.findall(r'<a class="btn[^"]*" href="([^"]+)">(.*?)</a>', html)
    }


def test_the_two_factor_page_is_in_mallards_words_and_cards(client: Client, client_user: User) -> None:
    client.force_login(client_user)
    html = client.get("/accounts/2fa/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert headings(main) == [
        ("1", "Two-factor authentication"),
        ("2", "Authenticator app"),
        ("2", "Recovery codes"),
    ]
    assert main.count('<section class="card mb-4" aria-labelledby=') == 2
    assert "Off. Signing in asks only for your password." in main
    assert links(main) == {"Set up an authenticator app": "/accounts/2fa/totp/activate/"}
    assert 'aria-current="page" href="/accounts/2fa/"' in main
    for allauth_words in ("Two-Factor Authentication", "Authenticator App", "Activate", "Deactivate"):
        assert allauth_words not in main


def test_the_two_factor_page_keeps_every_action_allauth_offers(client: Client, therapist: User) -> None:
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    RecoveryCodes.activate(therapist)
    client.force_login(therapist)
    html = client.get("/accounts/2fa/").content.decode()
    assert "On. Signing in asks for the 6-digit code your authenticator app shows for Mallard." in html
    assert "Mallard requires it for therapists and staff." in html
    assert "10 of your 10 recovery codes are still unused." in html
    assert links(html[html.index("<main") : html.index("</main>")]) == {
        "Turn off the authenticator app": "/accounts/2fa/totp/deactivate/",
        "Show recovery codes": "/accounts/2fa/recovery-codes/",
        "Download recovery codes": "/accounts/2fa/recovery-codes/download/",
        "Make new recovery codes": "/accounts/2fa/recovery-codes/generate/",
    }


def test_turning_off_and_new_codes_are_in_plain_words(client: Client, therapist: User) -> None:
    client.force_login(therapist)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    html = client.get("/accounts/2fa/totp/deactivate/").content.decode()
    assert h1(html) == "Turn off the authenticator app"
    assert "you will be asked to set up an app again" in html
    assert '<button class="btn btn-danger" type="submit">Turn off</button>' in html
    html = client.get("/accounts/2fa/recovery-codes/generate/").content.decode()
    assert h1(html) == "Make new recovery codes"
    assert "Are you sure" not in html
