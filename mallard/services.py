"""Writes about people: invitations and care relationships.

Each function is atomic and sends its e-mail only after the transaction
commits, so a rolled-back write never leaves a sent message behind.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mallard import emails, hooks
from mallard.models import CareRelationship, Invitation, Role, User, hash_token, new_token


class InvitationError(Exception):
    """The invitation cannot be used; the message is safe to show."""


def _expiry() -> timedelta:
    return timedelta(days=settings.MALLARD_INVITATION_DAYS)


@transaction.atomic
def invite_client(*, therapist: User, email: str, name: str) -> Invitation:
    token = new_token()
    now = timezone.now()
    invitation = Invitation.objects.create(
        therapist=therapist,
        email=email.lower(),
        name=name,
        token_hash=hash_token(token),
        created_at=now,
        last_sent_at=now,
        expires_at=now + _expiry(),
    )
    transaction.on_commit(lambda: emails.send_invitation(invitation, token))
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation) -> Invitation:
    """Send a fresh link. The old link stops working and the expiry starts again."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationError("This invitation was already accepted or revoked.")
    token = new_token()
    now = timezone.now()
    invitation.token_hash = hash_token(token)
    invitation.last_sent_at = now
    invitation.expires_at = now + _expiry()
    invitation.send_count += 1
    invitation.save(update_fields=["token_hash", "last_sent_at", "expires_at", "send_count"])
    transaction.on_commit(lambda: emails.send_invitation(invitation, token))
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation was already accepted.")
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, whatever its state."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("therapist").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def accept_invitation(*, invitation_id: int, client: User) -> CareRelationship:
    """Make ``client`` the inviting therapist's client and close the invitation."""
    invitation = Invitation.objects.select_for_update().select_related("therapist").get(pk=invitation_id)
    if not invitation.is_usable:
        raise InvitationError("This invitation can no longer be used.")
    if CareRelationship.objects.filter(client=client, ended_at__isnull=True).exists():
        raise InvitationError("This account is already in the care of a therapist.")
    now = timezone.now()
    invitation.accepted_at = now
    invitation.accepted_by = client
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if client.role != Role.CLIENT:
        client.role = Role.CLIENT
        client.save(update_fields=["role"])
    return CareRelationship.objects.create(therapist=invitation.therapist, client=client, started_at=now)


@transaction.atomic
def move_client(*, client: User, to_therapist: User) -> CareRelationship:
    """End the client's current care relationship and start one with another therapist."""
    now = timezone.now()
    CareRelationship.objects.select_for_update().filter(client=client, ended_at__isnull=True).update(
        ended_at=now
    )
    return CareRelationship.objects.create(therapist=to_therapist, client=client, started_at=now)


@transaction.atomic
def update_profile(*, user: User, display_name: str, time_zone: str) -> User:
    user.display_name = display_name
    user.time_zone = time_zone
    user.save(update_fields=["display_name", "time_zone"])
    hooks.notify_profile_changed(user)
    return user


class StaffAccountError(Exception):
    """The staff account cannot be created; the message is safe to show."""


@transaction.atomic
def create_staff_member(*, email: str, display_name: str, password: str, superuser: bool) -> User:
    """A staff account with a verified sign-in address.

    It has no second factor yet: Mallard sends the person to set one up when they first sign in.
    """
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    if User.objects.filter(email=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise StaffAccountError(f"An account with the address {email} already exists.")
    user = User.objects.create_user(
        email,
        password,
        display_name=display_name,
        role=Role.STAFF,
        is_staff=True,
        is_superuser=superuser,
        time_zone=settings.MALLARD_DEFAULT_TIME_ZONE,
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user
