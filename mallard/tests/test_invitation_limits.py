"""Limits on invitation e-mails, and the names an invitation e-mail carries.

A therapist may send one address at most MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY invitation
e-mails in 24 hours, and at most MALLARD_INVITATIONS_PER_HOUR in all in an hour; first sends and
resends both count. Past a limit the therapist is told why, and nothing is sent or written.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from mallard import services
from mallard.models import Invitation, User
from mallard.tests.helpers import field_error, field_value

CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def _resend(client: Client, invitation: Invitation, capture: CaptureOnCommit) -> str:
    with capture(execute=True):
        response = client.post(f"/invitations/{invitation.pk}/resend/", follow=True)
    return response.content.decode()


def test_resends_to_one_address_stop_at_the_daily_limit(
    client: Client, therapist: User, settings: Any, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    settings.MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY = 3
    client.force_login(therapist)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/invitations/", {"name": "Erin Evans", "email": "erin@example.com"})
    invitation = Invitation.objects.get()
    _resend(client, invitation, django_capture_on_commit_callbacks)
    _resend(client, invitation, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 3
    page = _resend(client, invitation, django_capture_on_commit_callbacks)
    assert "You have sent erin@example.com 3 invitation emails in the last 24 hours" in page
    assert "Nothing was sent" in page
    assert len(mail.outbox) == 3
    invitation.refresh_from_db()
    assert invitation.send_count == 3
    # A day later the address may be sent one again.
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1), tick=False):
        services.resend_invitation(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.send_count == 4


def test_a_therapist_sends_at_most_the_hourly_limit(
    client: Client, therapist: User, settings: Any, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    settings.MALLARD_INVITATIONS_PER_HOUR = 4
    client.force_login(therapist)
    for number in range(4):
        services.invite_client(therapist=therapist, email=f"client{number}@example.com", name="A Client")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/invitations/", {"name": "Erin Evans", "email": "erin@example.com"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "You have sent 4 invitation emails in the last hour" in content
    # What was typed stays, and nothing was written or sent.
    assert field_value(response, "name") == "Erin Evans"
    assert field_value(response, "email") == "erin@example.com"
    assert not Invitation.objects.filter(email="erin@example.com").exists()
    assert mail.outbox == []
    # Resends count towards the same limit.
    with pytest.raises(services.InvitationLimitReached):
        services.resend_invitation(invitation=Invitation.objects.first())  # type: ignore[arg-type]
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1), tick=False):
        services.invite_client(therapist=therapist, email="erin@example.com", name="Erin")


def test_it_keeps_no_sent_address_longer_than_a_limit_needs(therapist: User) -> None:
    from mallard.models import InvitationEmail

    services.invite_client(therapist=therapist, email="erin@example.com", name="Erin")
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1), tick=False):
        services.invite_client(therapist=therapist, email="fay@example.com", name="Fay")
    assert list(InvitationEmail.objects.values_list("email", flat=True)) == ["fay@example.com"]


def test_another_therapists_sends_do_not_count(therapist: User, other_therapist: User, settings: Any) -> None:
    settings.MALLARD_INVITATIONS_PER_HOUR = 1
    services.invite_client(therapist=other_therapist, email="erin@example.com", name="Erin")
    services.invite_client(therapist=therapist, email="erin@example.com", name="Erin")
    assert Invitation.objects.filter(email="erin@example.com").count() == 2


def test_the_limits_are_settings_with_sensible_defaults() -> None:
    from django.conf import settings

    assert settings.MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY == 3
    assert settings.MALLARD_INVITATIONS_PER_HOUR == 20


# --- names in a practice-branded e-mail ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Erin\nVisit our new site", "A name must be on one line"),
        ("Erin https://evil.example/pay", "A name cannot contain a web or email address."),
        ("Erin, see evil.com", "A name cannot contain a web or email address."),
        ("Erin (erin@evil.example)", "A name cannot contain a web or email address."),
        ("<a href=x>Erin</a>", "A name cannot contain characters such as"),
        ("{{ link }}", "A name cannot contain characters such as"),
        ("E" * 81, "Ensure this value has at most 80 characters"),
    ],
)
def test_the_invitee_name_is_a_name(client: Client, therapist: User, name: str, message: str) -> None:
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": name, "email": "erin@example.com"})
    assert response.status_code == 200
    assert field_error(response, "name").startswith(message)
    assert field_value(response, "email") == "erin@example.com"
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "name", ["Siobhán O'Brien", "Dr. Maya Okafor-Smith", "Li Wei (she/her)", "J.R. Tolkien"]
)
def test_real_names_pass(client: Client, therapist: User, name: str) -> None:
    client.force_login(therapist)
    response = client.post("/invitations/", {"name": name, "email": "erin@example.com"})
    assert response.status_code == 302
    assert Invitation.objects.get().name == name


@pytest.mark.parametrize(
    "name", ["Dr Alice\r\nBcc: everyone", "Alice — book at alice-therapy.com", "Alice <script>"]
)
def test_the_therapists_display_name_is_a_name(client: Client, therapist: User, name: str) -> None:
    client.force_login(therapist)
    response = client.post("/accounts/profile/", {"display_name": name, "time_zone": "Europe/London"})
    assert response.status_code == 200
    assert field_error(response, "display_name").startswith("A name ")
    therapist.refresh_from_db()
    assert therapist.display_name == "Alice Adeyemi"


def test_a_therapist_cannot_sign_up_with_a_link_for_a_name(client: Client, settings: Any, db: None) -> None:
    from mallard.tests.test_signup import signup_data

    settings.MALLARD_THERAPIST_SIGNUP = True
    response = client.post("/accounts/signup/", signup_data(display_name="Visit www.evil.example"))
    assert response.status_code == 200
    assert field_error(response, "display_name") == "A name cannot contain a web or email address."
    assert not User.objects.exists()
