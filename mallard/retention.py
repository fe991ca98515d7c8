"""Closing a client's account, and deleting closed accounts once their record's retention ends.

The rule (docs/data-rights.md): a client may close their account at any time.
Closing signs them out everywhere, stops everything Mallard would still send
them and ends their care, but keeps their clinical record, readable and
exportable by the therapist who cared for them, for
``MALLARD_RECORD_RETENTION_DAYS`` after the day they closed it. After that,
``purge_closed_accounts`` (daily, from Celery beat, or the management command)
deletes the person and every row about them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone

from mallard import audit, emails, hooks
from mallard.models import CareRelationship, Invitation, Role, User

logger = logging.getLogger(__name__)

# How purges are named in the audit trail.
PURGE_NAME = "purge_closed_accounts"


class AccountError(Exception):
    """The account cannot be closed; the message is safe to show."""


def retention_period() -> timedelta:
    return timedelta(days=settings.MALLARD_RECORD_RETENTION_DAYS)


def record_kept_until(user: User) -> datetime | None:
    """When a closed account's record becomes due for deletion (None while the account is open)."""
    if user.closed_at is None:
        return None
    return user.closed_at + retention_period()


def end_sign_in_sessions(user: User) -> int:
    """Sign the person out on every device (the session store and allauth's session list)."""
    from allauth.usersessions.models import UserSession

    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    return len(sessions)


@transaction.atomic
def close_account(*, client: User) -> User:
    """Close a client's account at their request. Closing again changes nothing."""
    client = User.objects.select_for_update().get(pk=client.pk)
    if client.role != Role.CLIENT:
        raise AccountError("Only a client account can be closed here.")
    if client.closed_at is not None:
        return client
    now = timezone.now()
    client.closed_at = now
    client.is_active = False
    client.save(update_fields=["closed_at", "is_active"])
    # Ended at exactly ``closed_at``: that is how the last therapist keeps access to the record.
    # Each ended care is in the audit trail, as a move between therapists is.
    for care in CareRelationship.objects.select_for_update().filter(client=client, ended_at__isnull=True):
        care.ended_at = now
        care.save(update_fields=["ended_at"])
        audit.record_change(care, ["ended_at"])
    hooks.notify_account_closed(client)
    transaction.on_commit(lambda: end_sign_in_sessions(client))
    transaction.on_commit(lambda: emails.send_account_closed(client, record_kept_until(client)))
    return client


@transaction.atomic
def reopen_account(*, client: User) -> User:
    """Reopen a closed client account, at the person's request, from the admin.

    The person can sign in again and their record is no longer due for the purge. What closing
    ended stays ended: care (a new invitation starts it again), cancelled reminders and cancelled
    sessions. The change is in the audit trail, and the person is told by e-mail.
    """
    locked = User.objects.select_for_update().filter(pk=client.pk).first()
    if locked is None:
        raise AccountError("This account no longer exists: its record was deleted.")
    client = locked
    if client.role != Role.CLIENT:
        raise AccountError("Only a client account can be reopened.")
    if client.closed_at is None:
        raise AccountError("This account is not closed.")
    client.closed_at = None
    client.is_active = True
    client.save(update_fields=["closed_at", "is_active"])
    audit.record_change(client, ["closed_at", "is_active"])
    transaction.on_commit(lambda: emails.send_account_reopened(client))
    return client


@dataclass
class PurgeReport:
    """What a purge run deleted (or, in a dry run, would delete)."""

    dry_run: bool
    purged: list[tuple[int, datetime, int]] = field(default_factory=list)  # (user id, closed_at, rows)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (user id, why)

    @property
    def rows(self) -> int:
        return sum(rows for _, _, rows in self.purged)


def due_for_purge(now: datetime) -> list[int]:
    """Ids of closed accounts whose retention period has ended, oldest first.

    A closed account is also inactive (``close_account``); one that is somehow active again is
    never deleted, whatever its ``closed_at`` says (``reopen_account`` clears both)."""
    cutoff = now - retention_period()
    return list(
        User.objects.filter(closed_at__isnull=False, closed_at__lte=cutoff, is_active=False)
        .order_by("closed_at", "pk")
        .values_list("pk", flat=True)
    )


def _row_count(user: User) -> int:
    """How many rows purging ``user`` removes, the user included (raises as delete() would)."""
    collector = Collector(using=DEFAULT_DB_ALIAS)
    collector.collect([user])
    counted = sum(len(rows) for rows in collector.data.values())
    counted += sum(queryset.count() for queryset in collector.fast_deletes)
    return counted + Invitation.objects.filter(accepted_by=user).count()


def _delete(user: User) -> int:
    """Delete the person and every row about them; returns how many rows went.

    The invitation they accepted belongs to the therapist's list but holds the
    person's name and address, so it goes too (the database would only unlink it).
    """
    invitations, _ = Invitation.objects.filter(accepted_by=user).delete()
    rows, _ = user.delete()
    return invitations + rows


def purge_closed_accounts(*, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete every closed account past its retention period, each in its own transaction.

    Safe to run twice and concurrently: each account is locked and checked
    again before it is deleted, and a deleted account is simply no longer due.
    An account still in its retention period is never touched.
    """
    now = now or timezone.now()
    cutoff = now - retention_period()
    report = PurgeReport(dry_run=dry_run)
    for user_id in due_for_purge(now):
        try:
            with transaction.atomic():
                user = (
                    User.objects.select_for_update(skip_locked=True)
                    .filter(pk=user_id, closed_at__isnull=False, closed_at__lte=cutoff, is_active=False)
                    .first()
                )
                if user is None or user.closed_at is None:
                    continue  # purged or reopened meanwhile, or another run holds it
                closed_at = user.closed_at
                if dry_run:
                    rows = _row_count(user)
                else:
                    with audit.background_context(PURGE_NAME):
                        rows = _delete(user)
        except (ProtectedError, RestrictedError) as exc:
            logger.warning("Closed account %s cannot be purged: %s", user_id, exc.__class__.__name__)
            report.skipped.append((user_id, "other rows still refer to this person"))
            continue
        report.purged.append((user_id, closed_at, rows))
    if not dry_run and report.purged:
        logger.info("Purged %d closed accounts (%d rows)", len(report.purged), report.rows)
    return report
