"""Writes about people: invitations and care relationships.

Each function is atomic and sends its e-mail only after the transaction
commits, so a rolled-back write never leaves a sent message behind.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import router, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.urls import reverse
from django.utils import timezone

from mallard import access, emails, hooks
from mallard.models import (
    OPEN_INVITATION,
    AuditEntry,
    CareRelationship,
    Invitation,
    InvitationEmail,
    Role,
    User,
    hash_token,
    new_token,
)

logger = logging.getLogger(__name__)


class InvitationError(Exception):
    """The invitation cannot be used; the message is safe to show."""


class InvitationLimitReached(InvitationError):
    """Sending this invitation e-mail would pass a limit; nothing was sent."""


def _expiry() -> timedelta:
    return timedelta(days=settings.MALLARD_INVITATION_DAYS)


def _check_and_count_send(*, therapist: User, email: str, now: datetime) -> None:
    """Refuse an invitation e-mail past the limits (docs/security.md, invitations), else count it.

    The therapist's row is locked first, so two requests of one therapist cannot both pass the last
    free place. The per-address limit counts only this therapist's e-mails: counting other
    therapists' too would tell a therapist that someone else had invited the person.
    """
    User.objects.select_for_update().filter(pk=therapist.pk).first()
    sent = InvitationEmail.objects.filter(therapist=therapist)
    # Rows older than the longest window serve no limit; they would only keep addresses around.
    sent.filter(sent_at__lte=now - timedelta(days=1)).delete()
    per_hour = settings.MALLARD_INVITATIONS_PER_HOUR
    if sent.filter(sent_at__gt=now - timedelta(hours=1)).count() >= per_hour:
        raise InvitationLimitReached(
            f"You have sent {per_hour} invitation emails in the last hour, as many as Mallard allows. "
            "Nothing was sent; try again later."
        )
    per_address = settings.MALLARD_INVITATIONS_PER_ADDRESS_PER_DAY
    if sent.filter(email=email, sent_at__gt=now - timedelta(days=1)).count() >= per_address:
        raise InvitationLimitReached(
            f"You have sent {email} {per_address} invitation emails in the last 24 hours, as many as "
            "Mallard allows. Nothing was sent; try again tomorrow."
        )
    InvitationEmail.objects.create(therapist=therapist, email=email, sent_at=now)


@transaction.atomic
def invite_client(*, therapist: User, email: str, name: str) -> Invitation:
    """Invite someone to be the therapist's client, whether or not the address has an account.

    The therapist is told the same in both cases. The e-mail differs: a new person is asked to
    create an account, someone with an account to sign in and accept (``emails.send_invitation``).
    """
    email = email.lower()
    token = new_token()
    now = timezone.now()
    _check_and_count_send(therapist=therapist, email=email, now=now)
    invitation = Invitation.objects.create(
        therapist=therapist,
        email=email,
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
    invitation = Invitation.objects.select_for_update().select_related("therapist").get(pk=invitation.pk)
    if not invitation.is_open:
        raise InvitationError("This invitation was already accepted, declined or revoked.")
    token = new_token()
    now = timezone.now()
    _check_and_count_send(therapist=invitation.therapist, email=invitation.email, now=now)
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
    if invitation.revoked_at is None and invitation.declined_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, whatever its state."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("therapist").filter(token_hash=hash_token(token)).first()


def invitation_from_next(next_url: str) -> Invitation | None:
    """The usable invitation behind a sign-in page's ``?next=`` when it is an invitation link."""
    prefix = reverse("mallard-invitation-accept", args=["TOKEN"]).removesuffix("TOKEN/")
    if not next_url.startswith(prefix) or not next_url.endswith("/"):
        return None
    invitation = find_invitation(next_url[len(prefix) : -1])
    return invitation if invitation is not None and invitation.is_usable else None


def care_problem(invitation: Invitation, person: User) -> str | None:
    """Why ``person`` cannot become the inviting therapist's client, or None if they can.

    The same rules hold for a new account and an existing one: only a client account can be in
    care, and a client in someone's care moves only by the practice's transfer (``move_client``).
    """
    if not invitation.therapist.is_active:
        return (
            f"{invitation.therapist.display_name} no longer uses Mallard, so this invitation cannot be "
            "accepted. Ask your practice's administrator who will see you now, and for a new invitation."
        )
    if person.role != Role.CLIENT:
        return (
            f"Your Mallard account is a {person.get_role_display().lower()} account, so it cannot become "
            f"a client of {invitation.therapist.display_name}. If you think this is a mistake, contact "
            "them or your practice's administrator."
        )
    care = CareRelationship.objects.filter(client=person, ended_at__isnull=True).select_related("therapist")
    current = care.first()
    if current is not None and current.therapist_id == invitation.therapist_id:
        return f"You are already in the care of {invitation.therapist.display_name}."
    if current is not None:
        return (
            f"You are in the care of {current.therapist.display_name}. To move to "
            f"{invitation.therapist.display_name}, ask your practice's administrator to transfer you."
        )
    return None


@transaction.atomic
def accept_invitation(*, invitation_id: int, client: User) -> CareRelationship:
    """Make ``client`` the inviting therapist's client and close the invitation."""
    invitation = Invitation.objects.select_for_update().select_related("therapist").get(pk=invitation_id)
    if not invitation.is_usable:
        raise InvitationError("This invitation can no longer be used.")
    client = User.objects.select_for_update().get(pk=client.pk)
    problem = care_problem(invitation, client)
    if problem is not None:
        raise InvitationError(problem)
    now = timezone.now()
    invitation.accepted_at = now
    invitation.accepted_by = client
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return CareRelationship.objects.create(therapist=invitation.therapist, client=client, started_at=now)


def usable_invitation_to(email: str) -> Invitation | None:
    """The newest invitation to ``email`` that can still be accepted, if any."""
    return (
        Invitation.objects.filter(OPEN_INVITATION, email__iexact=email, expires_at__gt=timezone.now())
        .select_related("therapist")
        .order_by("-created_at")
        .first()
    )


def accept_invitation_on_confirmation(*, client: User, email: str) -> Invitation | None:
    """A new client account that signed up without the invitation link has just confirmed its
    address: accept the invitation waiting for that address, as the link would have.

    Only an account that has never been in anyone's care, confirming its sign-in address, joins
    this way; anyone else answers an invitation through its link.
    """
    if (
        client.role != Role.CLIENT
        or email.lower() != client.email.lower()
        or CareRelationship.objects.filter(client=client).exists()
    ):
        return None
    invitation = usable_invitation_to(email)
    if invitation is None:
        return None
    try:
        accept_invitation(invitation_id=invitation.pk, client=client)
    except InvitationError:
        return None
    return invitation


@transaction.atomic
def decline_invitation(*, invitation_id: int, person: User) -> Invitation:
    """The invited person, signed in with the invited address, says no. The link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if not invitation.is_usable:
        raise InvitationError("This invitation can no longer be used.")
    if person.email.lower() != invitation.email.lower():
        raise InvitationError("This invitation is for another address.")
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])
    return invitation


class AddressTaken(Exception):
    """Another account has confirmed the address; the message is safe to show its owner."""


# What deleting a never-used account may take with it: its own sign-in records, nothing else.
_ACCOUNT_HOUSEKEEPING = frozenset(
    {
        "mallard.User",
        "mallard.FormSubmission",
        "mallard.InvitationEmail",
        "account.EmailAddress",
        "account.EmailConfirmation",
        "mfa.Authenticator",
        "usersessions.UserSession",
    }
)


def _holds_nothing_else(account: User) -> bool:
    """Whether deleting ``account`` would delete only its own sign-in records, never a record of
    care that someone made for it (in the admin, say): the last guard before it is removed."""
    collector = Collector(using=router.db_for_write(User))
    try:
        collector.collect([account])
    except (ProtectedError, RestrictedError):
        return False
    if any(model._meta.label not in _ACCOUNT_HOUSEKEEPING for model in collector.data):
        return False
    return not any(
        query.model._meta.label not in _ACCOUNT_HOUSEKEEPING and query.exists()
        for query in collector.fast_deletes
        if isinstance(query, QuerySet)
    )


@transaction.atomic
def release_address_for_invitation(*, email: str) -> None:
    """Free ``email`` for the account an invitation to it is about to make.

    The invitation's link proves that its recipient controls the address, so no one else's
    unconfirmed claim to it may stand in the way (docs/security.md, invitations):
    - another account's unconfirmed extra address is removed from that account;
    - an account whose sign-in address it is and that was never used (``access.never_used``:
      never signed in, nothing confirmed, nothing in Mallard hangs on it) is deleted.
    An address another account has confirmed, or signs in with, is never taken: that raises
    ``AddressTaken``. Each removal is in the audit trail. The rows are locked and the rules
    checked again under the lock, so a confirmation that wins the race keeps its address.
    """
    from allauth.account.models import EmailAddress

    owner = User.objects.select_for_update().filter(email__iexact=email).first()
    claims = list(
        EmailAddress.objects.select_for_update()
        .filter(email__iexact=email)
        .select_related("user")
        .order_by("pk")
    )
    if any(claim.verified for claim in claims):
        raise AddressTaken(email)
    if owner is not None:
        if not (
            User.objects.filter(access.never_used(), pk=owner.pk).exists() and _holds_nothing_else(owner)
        ):
            raise AddressTaken(email)
        AuditEntry.objects.log_create(
            owner,
            action=AuditEntry.Action.DELETE,
            changes={"email": None},
            object_repr=f"Unconfirmed account #{owner.pk}",
        )
        owner.delete()
    for claim in claims:
        if owner is None or claim.user_id != owner.pk:
            AuditEntry.objects.log_create(
                claim.user, action=AuditEntry.Action.UPDATE, changes={"unconfirmed email address": None}
            )
            claim.delete()
    if claims or owner is not None:
        logger.info("Released an unconfirmed address for an invitation.")


def _log_care(care: CareRelationship, action: int, fields: tuple[str, ...]) -> None:
    AuditEntry.objects.log_create(care, action=action, changes=dict.fromkeys(fields))


@transaction.atomic
def move_client(*, client: User, to_therapist: User) -> CareRelationship:
    """End the client's current care relationship and start one with another therapist.

    Both rows are in the audit trail (the care that ended, the care that started), with the
    request's actor and page when a person made the move: who cares for a client decides who
    may read their record. The apps hear of the ended care once the new one has started, so they
    can tell a transfer from care that ended with no one taking over."""
    now = timezone.now()
    ended = []
    for care in CareRelationship.objects.select_for_update().filter(client=client, ended_at__isnull=True):
        care.ended_at = now
        care.save(update_fields=["ended_at"])
        _log_care(care, AuditEntry.Action.UPDATE, ("ended_at",))
        ended.append(care)
    started = CareRelationship.objects.create(therapist=to_therapist, client=client, started_at=now)
    _log_care(started, AuditEntry.Action.CREATE, ("therapist", "client", "started_at"))
    for care in ended:
        hooks.notify_care_ended(care)
    return started


@transaction.atomic
def start_care(
    *, client: User, therapist: User, started_at: datetime, ended_at: datetime | None = None
) -> CareRelationship:
    """Record that ``client`` is (or, with ``ended_at``, was) in ``therapist``'s care, as staff do
    in the admin. In the audit trail as ``move_client``'s start is."""
    care = CareRelationship.objects.create(
        therapist=therapist, client=client, started_at=started_at, ended_at=ended_at
    )
    fields = ("therapist", "client", "started_at", *(("ended_at",) if ended_at is not None else ()))
    _log_care(care, AuditEntry.Action.CREATE, fields)
    return care


@transaction.atomic
def correct_care(
    *, care: CareRelationship, started_at: datetime, ended_at: datetime | None
) -> CareRelationship:
    """Staff correct when a care relationship started or ended; whose care it is stays (another
    therapist or client is another relationship: end this one and start one, or hand over).
    Ending current care tells the apps (``hooks.care_ended``), as ``move_client`` does; every
    change is in the audit trail."""
    locked = CareRelationship.objects.select_for_update().get(pk=care.pk)
    was_current = locked.ended_at is None
    changed = tuple(
        name
        for name, value in (("started_at", started_at), ("ended_at", ended_at))
        if getattr(locked, name) != value
    )
    care.started_at, care.ended_at = started_at, ended_at
    if not changed:
        return care
    care.save(update_fields=list(changed))
    _log_care(care, AuditEntry.Action.UPDATE, changed)
    if was_current and ended_at is not None:
        hooks.notify_care_ended(care)
    return care


class HandOverError(Exception):
    """The caseload cannot be handed over; the message is safe to show."""


@dataclass(frozen=True)
class HandOver:
    """What ``hand_over_caseload`` did."""

    clients: int
    invitations: int
    deactivated: bool


@transaction.atomic
def hand_over_caseload(*, from_therapist: User, to_therapist: User, deactivate: bool) -> HandOver:
    """A therapist leaves the practice: move every client in their care to ``to_therapist``, each
    through ``move_client`` (so the sessions booked with the leaving therapist are cancelled, their
    private notes stay theirs, and every move is in the audit trail), withdraw their open
    invitations, and, with ``deactivate``, deactivate their account, all in one transaction.

    Both accounts are locked first, in id order. The invitations are withdrawn before the clients
    are read, so an invitation being accepted meanwhile either commits first (and its new client is
    moved with the others) or finds the invitation withdrawn.
    """
    if from_therapist.pk == to_therapist.pk:
        raise HandOverError("Choose another therapist: a therapist cannot hand their clients to themselves.")
    locked = {
        user.pk: user
        for user in User.objects.select_for_update()
        .filter(pk__in=[from_therapist.pk, to_therapist.pk])
        .order_by("pk")
    }
    leaving, taking_over = locked.get(from_therapist.pk), locked.get(to_therapist.pk)
    if leaving is None or leaving.role != Role.THERAPIST:
        raise HandOverError("Only a therapist's clients can be handed over.")
    if (
        not access.therapists_to_hand_over_to(leaving).filter(pk=to_therapist.pk).exists()
        or taking_over is None
    ):
        raise HandOverError(
            "The therapist taking over must be another therapist of the practice whose account is "
            "active; nothing was moved."
        )
    now = timezone.now()
    withdrawn = access.open_invitations_of(leaving).update(revoked_at=now)
    moved = 0
    for care in access.current_caseload(leaving).order_by("pk"):
        move_client(client=care.client, to_therapist=taking_over)
        moved += 1
    if deactivate:
        leaving.is_active = False
        leaving.save(update_fields=["is_active"])
    return HandOver(clients=moved, invitations=withdrawn, deactivated=deactivate)


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
    if access.address_in_use(email):
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


@transaction.atomic
def send_choose_password_link(*, user: User) -> None:
    """For an account staff made in the admin without a password: its address counts as verified
    (staff typed it, and only its owner can use the link), and the person is e-mailed a link to
    choose their own password, so nobody else ever knows it."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    transaction.on_commit(lambda: emails.send_choose_password(user))


@transaction.atomic
def create_therapist(*, email: str, display_name: str) -> User:
    """A therapist account with a verified sign-in address and no password yet.

    The therapist chooses their password through "Forgot your password?" on the sign-in page,
    so nobody else ever knows it, and sets up two-factor authentication on first sign-in.
    """
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    if access.address_in_use(email):
        raise StaffAccountError(f"An account with the address {email} already exists.")
    user = User.objects.create_user(
        email,
        None,
        display_name=display_name,
        role=Role.THERAPIST,
        time_zone=settings.MALLARD_DEFAULT_TIME_ZONE,
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user
