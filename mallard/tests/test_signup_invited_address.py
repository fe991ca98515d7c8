"""Someone invited as a client who signs up through "Create an account" instead of the link.

They used to get a therapist account, and their invitation then refused it. Now the account is
a client account, and confirming the address (the proof that it is theirs) accepts the
invitation. The sign-up page answers exactly as for any other address, so it tells no one
whether an address was invited.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from mallard.models import CareRelationship, InvitationStatus, Role, User
from mallard.tests.helpers import make_invitation
from mallard.tests.test_signup import signup_data


@pytest.fixture(autouse=True)
def _open_signup(settings: Any) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = True


def confirmation_path() -> str:
    match = re.search(
        re.escape(django_settings.SITE_URL) + r"(/accounts/confirm-email/[^/\s]+/)", str(mail.outbox[-1].body)
    )
    assert match is not None, mail.outbox[-1].body
    return match.group(1)


def test_the_invited_person_gets_a_client_account_and_joins_once_they_confirm(
    client: Client, therapist: User
) -> None:
    invitation = make_invitation(therapist, "erin@example.com")
    response = client.post("/accounts/signup/", signup_data(email="Erin@Example.com", display_name="Erin"))
    assert response["Location"] == "/accounts/confirm-email/"
    erin = User.objects.get(email="erin@example.com")
    assert erin.role == Role.CLIENT
    # Not in care until the address is shown to be hers.
    assert not CareRelationship.objects.filter(client=erin).exists()

    page = client.post(confirmation_path(), follow=True)
    assert page.redirect_chain[-1] == ("/today/", 302)
    assert CareRelationship.objects.get(client=erin, ended_at__isnull=True).therapist == therapist
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert (
        "Alice Adeyemi invited this address to Mallard, so your account is a client account and you "
        "are now in their care." in page.content.decode()
    )


def test_the_sign_up_answers_the_same_whether_or_not_the_address_was_invited(
    client: Client, therapist: User
) -> None:
    make_invitation(therapist, "erin@example.com")
    invited = client.post("/accounts/signup/", signup_data(email="erin@example.com"), follow=True)
    other = Client().post("/accounts/signup/", signup_data(email="maya@example.com"), follow=True)
    assert invited.redirect_chain == other.redirect_chain
    assert invited.content.decode().replace("erin@", "maya@") == other.content.decode()
    assert mail.outbox[0].subject == mail.outbox[1].subject


def test_an_address_whose_invitation_has_ended_makes_a_therapist_account(
    client: Client, therapist: User
) -> None:
    make_invitation(therapist, "erin@example.com", expires_at=timezone.now() - timedelta(days=1))
    client.post("/accounts/signup/", signup_data(email="erin@example.com"))
    assert User.objects.get(email="erin@example.com").role == Role.THERAPIST


def test_an_invitation_revoked_before_confirming_leaves_a_client_without_a_therapist(
    client: Client, therapist: User
) -> None:
    invitation = make_invitation(therapist, "erin@example.com")
    client.post("/accounts/signup/", signup_data(email="erin@example.com"))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    page = client.post(confirmation_path(), follow=True)
    assert page.redirect_chain[-1] == ("/today/", 302)
    assert not CareRelationship.objects.filter(client__email="erin@example.com").exists()
