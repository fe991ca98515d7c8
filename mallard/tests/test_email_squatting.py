"""An invitation wins over another account's unconfirmed claim to the invited address.

A client once added someone else's address to their account without confirming it; that
person's sign-up through their invitation then quietly failed (allauth treated the claim as an
existing account and sent a "you already have an account" e-mail instead).
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from mallard import access, services
from mallard.models import AuditEntry, CareRelationship, Invitation, InvitationStatus, Role, User
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


# --- An account signed up with someone else's address and never confirmed ---------------------


def _squat_by_signing_up(client: Client, settings: Any) -> User:
    """Someone signs up with Erin's address through open therapist sign-up; they cannot confirm it."""
    settings.MALLARD_THERAPIST_SIGNUP = True
    client.post("/accounts/signup/", signup_data(display_name="Mallory", email="Erin@Example.com"))
    client.logout()
    mail.outbox.clear()
    return User.objects.get(email="erin@example.com")


def test_an_account_that_never_confirmed_the_address_does_not_keep_it_from_the_invitee(
    client: Client, therapist: User, settings: Any
) -> None:
    squatter = _squat_by_signing_up(Client(), settings)
    invitation = make_invitation(therapist, "erin@example.com")
    settings.MALLARD_THERAPIST_SIGNUP = False
    # The address is free for the invitation: the link goes on to sign up, not to sign in.
    assert client.get(accept_url())["Location"] == "/accounts/signup/"

    response = client.post("/accounts/signup/", signup_data(display_name="Erin Evans"), follow=True)

    assert response.redirect_chain[-1] == ("/today/", 302)
    erin = User.objects.get(email="erin@example.com")
    assert erin.pk != squatter.pk
    assert erin.display_name == "Erin Evans"
    assert erin.role == Role.CLIENT
    assert CareRelationship.objects.get(client=erin).therapist == therapist
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert list(
        EmailAddress.objects.filter(email__iexact="erin@example.com").values_list("user", "verified")
    ) == [(erin.pk, True)]
    # The account that only ever held the unconfirmed address is gone, and the trail says so.
    assert not User.objects.filter(pk=squatter.pk).exists()
    removed = AuditEntry.objects.get(object_pk=str(squatter.pk), action=AuditEntry.Action.DELETE)
    assert removed.object_repr == f"Unconfirmed account #{squatter.pk}"
    assert removed.view_name == "account_signup"
    assert mail.outbox == []


def test_the_invitation_e_mail_asks_to_create_an_account_not_to_sign_in(
    therapist: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _squat_by_signing_up(Client(), settings)
    assert access.account_with_address("erin@example.com") is None
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_client(therapist=therapist, email="erin@example.com", name="Erin")
    assert "Create your account with this link" in mail.outbox[-1].body


def test_an_account_that_signed_in_keeps_its_address(client: Client, therapist: User, settings: Any) -> None:
    """Signing in needs a confirmed address, so an account that has signed in is someone's."""
    squatter = _squat_by_signing_up(Client(), settings)
    User.objects.filter(pk=squatter.pk).update(last_login=squatter.date_joined)
    make_invitation(therapist, "erin@example.com")
    assert client.get(accept_url())["Location"] == f"/accounts/login/?next={accept_url()}"
    assert User.objects.filter(pk=squatter.pk).exists()


def test_an_address_confirmed_on_another_account_is_never_taken(
    client: Client, therapist: User, other_client: User, settings: Any
) -> None:
    """The link was opened while the claim was unconfirmed; the other account confirmed it before
    the sign-up was sent. The sign-up says why it cannot go on, and nothing changes."""
    settings.MALLARD_THERAPIST_SIGNUP = False
    claim = _squat(other_client, "erin@example.com")
    invitation = make_invitation(therapist, "erin@example.com")
    assert client.get(accept_url())["Location"] == "/accounts/signup/"
    EmailAddress.objects.filter(pk=claim.pk).update(verified=True)
    users_before = User.objects.count()

    response = client.post("/accounts/signup/", signup_data(display_name="Erin Evans"))

    assert response.status_code == 200
    assert (
        "Another Mallard account has already confirmed erin@example.com, so no new account can use "
        "it." in html.unescape(response.content.decode())
    )
    assert User.objects.count() == users_before
    assert list(
        EmailAddress.objects.filter(email__iexact="erin@example.com").values_list("user", "verified")
    ) == [(other_client.pk, True)]
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert mail.outbox == []


def test_a_verified_address_on_another_account_is_asked_to_sign_in(
    client: Client, therapist: User, other_client: User
) -> None:
    EmailAddress.objects.create(user=other_client, email="erin@example.com", verified=True)
    make_invitation(therapist, "erin@example.com")
    page = client.get(accept_url(), follow=True)
    assert "You already have an account with erin@example.com" in html.unescape(page.content.decode())
    assert list(
        EmailAddress.objects.filter(email__iexact="erin@example.com").values_list("user", "verified")
    ) == [(other_client.pk, True)]


def test_releasing_never_takes_a_confirmed_address_or_a_used_account(
    client_user: User, other_client: User
) -> None:
    """The service checks again under its locks: a confirmation or a sign-in that won the race
    keeps the address, and nothing is removed."""
    claim = EmailAddress.objects.create(user=other_client, email="erin@example.com", verified=True)
    with pytest.raises(services.AddressTaken):
        services.release_address_for_invitation(email="erin@example.com")
    assert EmailAddress.objects.filter(pk=claim.pk).exists()

    # carol@example.com is Carol's sign-in address; she has signed in, but not confirmed it.
    EmailAddress.objects.filter(user=client_user).update(verified=False)
    User.objects.filter(pk=client_user.pk).update(last_login=client_user.date_joined)
    with pytest.raises(services.AddressTaken):
        services.release_address_for_invitation(email=client_user.email.upper())
    assert User.objects.filter(pk=client_user.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.DELETE).exists()


def test_an_unconfirmed_extra_address_is_removed_and_recorded(other_client: User) -> None:
    _squat(other_client, "erin@example.com")
    services.release_address_for_invitation(email="erin@example.com")
    assert not EmailAddress.objects.filter(email="erin@example.com").exists()
    assert User.objects.filter(pk=other_client.pk).exists()
    entry = AuditEntry.objects.get(object_pk=str(other_client.pk))
    assert (entry.action, entry.changes) == (
        AuditEntry.Action.UPDATE,
        {"unconfirmed email address": ["(hidden)", "(hidden)"]},
    )
