"""Signing up: therapists on their own when the practice allows it, clients only by invitation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client

from conftest import PASSWORD
from mallard.adapter import INVITATION_SESSION_KEY
from mallard.models import CareRelationship, Invitation, InvitationStatus, Role, User
from mallard.services import revoke_invitation
from mallard.tests.helpers import accept_url, field_error, field_value, make_invitation


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "display_name": "Maya Okafor",
        "email": "maya@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Madrid",
    }
    data.update(overrides)
    return data


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


# --- therapists ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_offers_therapist_signup_when_the_practice_allows_it(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "Create a therapist account" in response.content.decode()


@pytest.mark.django_db
def test_a_therapist_signs_up_and_must_verify_their_email(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = client.post("/accounts/signup/", signup_data(email="Maya@Example.com"))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="maya@example.com")
    assert user.role == Role.THERAPIST
    assert user.display_name == "Maya Okafor"
    assert user.time_zone == "Europe/Madrid"
    assert not CareRelationship.objects.filter(client=user).exists()
    assert signed_in_user_id(client) is None
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maya@example.com"]
    assert mail.outbox[0].subject.startswith("Mallard: ")
    # The link is built from SITE_URL, not from the request's host (mallard/tests/test_email_links.py).
    match = re.search(
        re.escape(django_settings.SITE_URL) + r"(/accounts/confirm-email/[^/\s]+/)", str(mail.outbox[0].body)
    )
    assert match is not None, mail.outbox[0].body

    # Until the address is verified, the therapist cannot sign in.
    blocked = client.post("/accounts/login/", {"login": "maya@example.com", "password": PASSWORD})
    assert blocked.status_code == 302
    assert blocked["Location"] == "/accounts/confirm-email/"
    assert signed_in_user_id(client) is None

    confirm = client.post(match.group(1))
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert signed_in_user_id(client) == str(user.pk)
    # A new therapist's first stop is setting up two-factor authentication. The password they
    # typed moments ago at sign-in in this browser counts, so it is not asked for again.
    chain = [url for url, _ in client.get("/", follow=True).redirect_chain]
    assert chain == ["/accounts/2fa/totp/activate/"]


@pytest.mark.django_db
def test_signup_is_closed_to_strangers_when_therapist_signup_is_off(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = False
    response = client.get("/accounts/signup/")
    assert "Sign-up is by invitation" in response.content.decode()
    assert "Create a therapist account" not in response.content.decode()

    client.post("/accounts/signup/", signup_data())
    assert not User.objects.filter(email="maya@example.com").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_shows_a_bad_time_zone_beside_the_field_and_keeps_the_rest(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = client.post("/accounts/signup/", signup_data(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 200
    assert field_error(response, "time_zone") == (
        "Mars/Olympus_Mons is not a time zone we know. Choose one from the list."
    )
    assert field_value(response, "display_name") == "Maya Okafor"
    assert field_value(response, "email") == "maya@example.com"
    # The browser's guess must not overwrite what the person chose.
    assert "data-detect-time-zone" not in response.content.decode()
    assert not User.objects.filter(email="maya@example.com").exists()


@pytest.mark.django_db
def test_it_asks_for_a_name(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = client.post("/accounts/signup/", signup_data(display_name="   "))
    assert response.status_code == 200
    assert field_error(response, "display_name") in {"This field is required.", "Please tell us your name."}
    assert not User.objects.filter(email="maya@example.com").exists()


@pytest.mark.django_db
def test_a_fresh_signup_form_offers_to_detect_the_time_zone(client: Client, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    response = client.get("/accounts/signup/")
    assert 'data-detect-time-zone="true"' in response.content.decode()


@pytest.mark.django_db
def test_the_signup_list_leaves_out_aliases_and_names_them_for_the_browsers_guess(
    client: Client, settings: Any
) -> None:
    """Some browsers report an alias ("Asia/Calcutta"): mallard.js finds the zone that lists it."""
    settings.MALLARD_THERAPIST_SIGNUP = True
    content = client.get("/accounts/signup/").content.decode()
    assert 'value="Asia/Calcutta"' not in content
    assert re.search(r'<option value="Asia/Kolkata" data-aliases="[^"]*\bAsia/Calcutta\b[^"]*">', content)
    response = client.post("/accounts/signup/", signup_data(time_zone="Asia/Calcutta"))
    assert (
        field_error(response, "time_zone")
        == "Asia/Calcutta is not a time zone we know. Choose one from the list."
    )


# --- clients, by invitation ---------------------------------------------------------------------


@pytest.mark.parametrize("therapist_signup", [True, False])
def test_a_client_signs_up_through_their_invitation(
    client: Client, therapist: User, settings: Any, therapist_signup: bool
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = therapist_signup
    invitation = make_invitation(therapist, "erin@example.com")
    assert client.get(accept_url())["Location"] == "/accounts/signup/"

    response = client.post(
        "/accounts/signup/",
        signup_data(display_name="Erin E.", email="erin@example.com", time_zone="Asia/Tokyo"),
        follow=True,
    )

    erin = User.objects.get(email="erin@example.com")
    assert erin.role == Role.CLIENT
    assert erin.time_zone == "Asia/Tokyo"
    care = CareRelationship.objects.get(client=erin)
    assert care.therapist == therapist
    assert care.is_current
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == erin
    # The invitation proved the address, so no verification step.
    assert EmailAddress.objects.get(user=erin).verified
    assert mail.outbox == []
    assert signed_in_user_id(client) == str(erin.pk)
    assert INVITATION_SESSION_KEY not in client.session
    assert response.redirect_chain[-1] == ("/today/", 302)
    assert "Hello, Erin E." in response.content.decode()


def test_a_client_signs_up_with_the_invited_address_whatever_the_post_says(
    client: Client, therapist: User, settings: Any
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = False
    make_invitation(therapist, "erin@example.com")
    client.get(accept_url())
    response = client.post("/accounts/signup/", signup_data(email="someone.else@example.com"))
    assert response.status_code == 302
    assert not User.objects.filter(email="someone.else@example.com").exists()
    assert User.objects.get(email="erin@example.com").role == Role.CLIENT
    assert Invitation.objects.get().accepted_at is not None


def test_the_invited_address_is_matched_without_regard_to_case(
    client: Client, therapist: User, settings: Any
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = False
    make_invitation(therapist, "erin@example.com")
    client.get(accept_url())
    response = client.post("/accounts/signup/", signup_data(email="ERIN@Example.com"))
    assert response.status_code == 302
    assert User.objects.get(email="erin@example.com").role == Role.CLIENT


def test_an_invitation_cannot_be_used_twice(client: Client, therapist: User, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    make_invitation(therapist, "erin@example.com")
    second_browser = Client()
    second_browser.get(accept_url())  # opened before the first browser used it

    client.get(accept_url())
    client.post("/accounts/signup/", signup_data(email="erin@example.com"))
    assert User.objects.filter(email="erin@example.com").exists()

    # The link itself now says it has been used ...
    reopened = Client().get(accept_url())
    assert reopened.status_code == 410
    assert "This invitation has already been used" in reopened.content.decode()
    # ... and a browser that opened it earlier cannot sign up through it, not even as a
    # therapist while therapist sign-up is open.
    late = second_browser.post("/accounts/signup/", signup_data(email="frank@example.com"))
    assert late.status_code == 410
    assert "This invitation can no longer be used" in late.content.decode()
    assert not User.objects.filter(email="frank@example.com").exists()
    assert CareRelationship.objects.filter(therapist=therapist).count() == 1
    assert INVITATION_SESSION_KEY not in second_browser.session


def test_a_revoked_invitation_no_longer_opens_signup(client: Client, therapist: User, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True
    invitation = make_invitation(therapist, "erin@example.com")
    client.get(accept_url())
    revoke_invitation(invitation=invitation)
    response = client.post("/accounts/signup/", signup_data(email="erin@example.com"))
    assert response.status_code == 410
    assert "This invitation can no longer be used" in response.content.decode()
    assert not User.objects.filter(email="erin@example.com").exists()


# --- joining by invitation: what the invitee sees -------------------------------------------------


def test_the_invitation_signup_form_prefills_the_name_and_fixes_the_address(
    client: Client, therapist: User, settings: Any
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = False
    make_invitation(therapist, "erin@example.com", name="Erin Evans")
    client.get(accept_url())
    response = client.get("/accounts/signup/")
    content = response.content.decode()
    assert field_value(response, "display_name") == "Erin Evans"
    assert "Your account's email address: <strong>erin@example.com</strong>" in content
    # No editable address field: only a hidden, disabled one that the server ignores.
    email_input = re.search(r'<input[^>]*name="email"[^>]*>', content)
    assert email_input is not None
    assert 'type="hidden"' in email_input.group(0)
    assert "disabled" in email_input.group(0)


def test_the_invitee_may_change_the_prefilled_name(client: Client, therapist: User, settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = False
    make_invitation(therapist, "erin@example.com", name="Erin Evans")
    client.get(accept_url())
    data = signup_data(display_name="Erin E.")
    del data["email"]
    assert client.post("/accounts/signup/", data).status_code == 302
    assert User.objects.get(email="erin@example.com").display_name == "Erin E."


@pytest.mark.parametrize("therapist_signup", [True, False])
@pytest.mark.django_db
def test_the_sign_in_page_never_tells_anyone_to_sign_up_first(
    client: Client, settings: Any, therapist_signup: bool
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = therapist_signup
    content = client.get("/accounts/login/").content.decode()
    assert "sign up</a> first" not in content.lower()
    assert "please" not in content.lower()
    if therapist_signup:
        assert "New therapist?" in content
    else:
        assert "Clients join through an invitation from their therapist" in content
        assert 'href="/accounts/signup/"' not in content
