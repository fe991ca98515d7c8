"""An invitation wins over another account's unconfirmed claim to the invited address.

A client once added someone else's address to their account without confirming it; that
person's sign-up through their invitation then quietly failed (allauth treated the claim as an
existing account and sent a "you already have an account" e-mail instead).
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from mallard import access, services
from mallard.models import CareRelationship, Invitation, InvitationStatus, Role, User
from mallard.tests.helpers import accept_url, make_invitation
from mallard.tests.test_signup import signup_data


def _squat(owner: User, email: str) -> EmailAddress:
    return EmailAddress.objects.create(user=owner, email=email, primary=False, verified=False)


def test_the_invitee_signs_up_and_the_unconfirmed_claim_is_released(
    client: Client, therapist: User, other_client: User, settings: Any
) -> None:
    settings.MALLARD_THERAPIST_SIGNUP = False
    _squat(other_client, "erin@example.com")
    invitation = make_invitation(therapist, "erin@example.com")
    assert client.get(accept_url())["Location"] == "/accounts/signup/"

    response = client.post("/accounts/signup/", signup_data(display_name="Erin Evans"), follow=True)

    erin = User.objects.get(email="erin@example.com")
    assert erin.role == Role.CLIENT
    assert CareRelationship.objects.get(client=erin).therapist == therapist
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert list(
        EmailAddress.objects.filter(email__iexact="erin@example.com").values_list("user", "verified")
    ) == [(erin.pk, True)]
    # The squatter keeps their own address; only the claim they never confirmed is gone.
    assert EmailAddress.objects.filter(user=other_client, email="dave@example.com").exists()
    # Nothing failed quietly: no "account already exists" e-mail, and Erin is signed in.
    assert mail.outbox == []
    assert response.redirect_chain[-1] == ("/today/", 302)


def test_an_unconfirmed_claim_does_not_make_the_address_an_account(
    therapist: User, other_client: User
) -> None:
    _squat(other_client, "erin@example.com")
    assert access.account_with_address("erin@example.com") is None
    services.invite_client(therapist=therapist, email="erin@example.com", name="Erin")


def test_a_confirmed_address_is_an_account(therapist: User, other_client: User) -> None:
    EmailAddress.objects.create(user=other_client, email="dave.work@example.com", verified=True)
    assert access.account_with_address("Dave.Work@example.com") == other_client


def test_a_claim_is_kept_when_the_signup_fails(
    client: Client, therapist: User, other_client: User, settings: Any
) -> None:
    """Released in the same transaction as the sign-up: a sign-up that fails releases nothing."""
    _squat(other_client, "erin@example.com")
    make_invitation(therapist, "erin@example.com")
    client.get(accept_url())
    Invitation.objects.update(revoked_at=other_client.date_joined)
    client.post("/accounts/signup/", signup_data(display_name="Erin Evans"))
    assert not User.objects.filter(email="erin@example.com").exists()
    assert EmailAddress.objects.filter(user=other_client, email="erin@example.com").exists()
