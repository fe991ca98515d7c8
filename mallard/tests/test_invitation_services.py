"""Invitation services: tokens are hashed, e-mail goes out on commit, links rotate and close."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from mallard import services
from mallard.models import CareRelationship, Invitation, InvitationStatus, Role, User, hash_token
from mallard.tests.helpers import make_invitation

CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]

LINK = re.compile(r"http://[^/\s]+(/invitations/accept/[^/\s]+/)")


def invite(capture: CaptureOnCommit, therapist: User, email: str = "erin@example.com") -> Invitation:
    with capture(execute=True):
        return services.invite_client(therapist=therapist, email=email, name="Erin Evans")


def link_in(message: mail.EmailMessage) -> str:
    match = LINK.search(str(message.body))
    assert match is not None, message.body
    return match.group(1)


def test_it_stores_only_the_hash_of_the_token(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    path = link_in(mail.outbox[0])
    token = path.rstrip("/").rsplit("/", 1)[-1]
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert invitation.token_hash != token
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.matches(token)
    assert not invitation.matches(token + "x")


def test_it_lowercases_the_address_and_sets_the_expiry(
    therapist: User, settings: Any, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    settings.MALLARD_INVITATION_DAYS = 3
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        invitation = invite(django_capture_on_commit_callbacks, therapist, email="Erin@Example.COM")
        assert invitation.email == "erin@example.com"
        assert invitation.expires_at == timezone.now() + timedelta(days=3)
        assert invitation.send_count == 1
        assert invitation.status == InvitationStatus.PENDING


def test_it_sends_one_email_only_after_commit(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invite_client(therapist=therapist, email="erin@example.com", name="Erin Evans")
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erin@example.com"]
    assert "invited to Mallard" in message.subject
    assert "Hello Erin Evans" in str(message.body)
    assert "Alice Adeyemi has invited you" in str(message.body)
    assert isinstance(message, mail.EmailMultiAlternatives)
    assert link_in(message) in str(message.alternatives[0][0])


def test_it_sends_nothing_when_the_transaction_rolls_back(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.invite_client(therapist=therapist, email="erin@example.com", name="Erin Evans")
        raise RuntimeError("the surrounding work failed")
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_the_emailed_link_opens_signup(
    client: Client, therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invite(django_capture_on_commit_callbacks, therapist)
    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/"


def test_resending_rotates_the_token_and_starts_the_expiry_again(
    client: Client, therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    with time_machine.travel("2026-03-01 09:00Z", tick=False):
        invitation = invite(django_capture_on_commit_callbacks, therapist)
    old_link = link_in(mail.outbox[0])
    old_hash, old_expiry = invitation.token_hash, invitation.expires_at

    with time_machine.travel("2026-03-05 09:00Z", tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            services.resend_invitation(invitation=invitation)
        invitation.refresh_from_db()
        assert invitation.send_count == 2
        assert invitation.token_hash != old_hash
        assert invitation.expires_at == old_expiry + timedelta(days=4)
        assert invitation.last_sent_at == timezone.now()

        assert len(mail.outbox) == 2
        new_link = link_in(mail.outbox[1])
        assert new_link != old_link
        old = client.get(old_link)
        assert old.status_code == 404
        assert "This invitation link isn't valid" in old.content.decode()
        assert client.get(new_link).status_code == 302


def test_resending_revives_an_expired_invitation(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    with time_machine.travel(timezone.now() + timedelta(days=30), tick=False):
        assert invitation.status == InvitationStatus.EXPIRED
        with django_capture_on_commit_callbacks(execute=True):
            services.resend_invitation(invitation=invitation)
        assert Invitation.objects.get(pk=invitation.pk).status == InvitationStatus.PENDING


def test_it_refuses_to_resend_a_closed_invitation(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    services.revoke_invitation(invitation=invitation)
    with pytest.raises(services.InvitationError, match="already accepted, declined or revoked"):
        services.resend_invitation(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.send_count == 1
    assert len(mail.outbox) == 1


def test_revoking_closes_the_invitation_once(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    services.revoke_invitation(invitation=invitation)
    invitation.refresh_from_db()
    first = invitation.revoked_at
    assert first is not None
    assert invitation.status == InvitationStatus.REVOKED
    assert not invitation.is_open
    services.revoke_invitation(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at == first


def test_it_cannot_revoke_an_accepted_invitation(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    erin = User.objects.create_user("erin@example.com", "x", display_name="Erin", role=Role.CLIENT)
    services.accept_invitation(invitation_id=invitation.pk, client=erin)
    with pytest.raises(services.InvitationError, match="already accepted"):
        services.revoke_invitation(invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_accepting_makes_the_client_and_the_care_relationship(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    erin = User.objects.create_user("erin@example.com", "x", display_name="Erin", role=Role.CLIENT)
    care = services.accept_invitation(invitation_id=invitation.pk, client=erin)
    invitation.refresh_from_db()
    erin.refresh_from_db()
    assert erin.role == Role.CLIENT
    assert care.therapist == therapist
    assert care.client == erin
    assert care.is_current
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == erin


@pytest.mark.parametrize("state", ["accepted", "revoked", "expired"])
def test_it_refuses_to_accept_an_unusable_invitation(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit, state: str
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    erin = User.objects.create_user("erin@example.com", "x", display_name="Erin", role=Role.CLIENT)
    if state == "accepted":
        fay = User.objects.create_user("fay@example.com", "x", display_name="Fay", role=Role.CLIENT)
        services.accept_invitation(invitation_id=invitation.pk, client=fay)
    elif state == "revoked":
        services.revoke_invitation(invitation=invitation)
    else:
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(services.InvitationError, match="can no longer be used"):
        services.accept_invitation(invitation_id=invitation.pk, client=erin)
    assert not CareRelationship.objects.filter(client=erin).exists()


@pytest.mark.parametrize("token", ["", "x" * 101, "no-such-token"])
def test_it_finds_no_invitation_for_a_forged_token(therapist: User, token: str) -> None:
    assert services.find_invitation(token) is None


def test_the_database_allows_one_open_invitation_per_therapist_and_address(
    therapist: User, other_therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invite(django_capture_on_commit_callbacks, therapist, email="erin@example.com")
    # Another therapist may invite the same person.
    invite(django_capture_on_commit_callbacks, other_therapist, email="erin@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            therapist=therapist,
            email="ERIN@example.com",
            name="Erin again",
            token_hash=hash_token("another"),
            expires_at=timezone.now() + timedelta(days=1),
        )


def test_a_revoked_invitation_does_not_block_a_new_one(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    first = invite(django_capture_on_commit_callbacks, therapist)
    services.revoke_invitation(invitation=first)
    second = invite(django_capture_on_commit_callbacks, therapist)
    assert second.pk != first.pk
    assert Invitation.objects.filter(therapist=therapist).count() == 2


def test_the_database_refuses_an_invitation_both_accepted_and_revoked(
    therapist: User, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    invitation = invite(django_capture_on_commit_callbacks, therapist)
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now, revoked_at=now)


@pytest.mark.django_db
def test_accepting_for_someone_already_in_care_is_refused_cleanly(
    therapist: User, other_client: User
) -> None:
    invitation = make_invitation(therapist, email="someone@example.com")
    with pytest.raises(services.InvitationError):
        services.accept_invitation(invitation_id=invitation.pk, client=other_client)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
