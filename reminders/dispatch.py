"""Sending due reminders: claim, send once, retry with back-off, sweep up after crashes.

The ``Reminder`` rows are the schedule and the record; Celery only carries
wake-ups and ids. A row moves through these states::

    pending --claim--> sending --send--> sent
                          |  \\--policy--> skipped
                          |   \\--error--> pending (later, attempts + 1) ... failed
                          \\--worker died, swept--> pending

- ``dispatch_due`` (every minute) claims due ``pending`` rows in batches with
  ``SELECT ... FOR UPDATE SKIP LOCKED``, marks them ``sending`` and, after
  the commit, queues one ``send_reminders(ids)`` task per ``SEND_BATCH`` rows.
- ``deliver`` locks one row and acts only while it is ``sending``; it marks
  the row ``sent`` and hands it to its channel inside one transaction, which
  commits the moment the channel returns. A second message for the same row
  finds it locked or no longer ``sending``, and does nothing.
- ``deliver_batch`` delivers a task's rows one after another, each in its own
  transaction as above, sharing one open connection per channel (one SMTP
  session for the batch, not one per e-mail).
- ``sweep_stuck`` (every few minutes) returns rows left ``sending`` by a
  worker that died, or whose wake-up was lost, to ``pending``. It skips rows a
  live worker has locked, so it never races a send in progress.

docs/reminders.md ("Dispatch", "Delivery guarantee") explains the guarantee
and the one small window where a crash can still cause a second e-mail.

On SQLite (the zero-config default) ``select_for_update`` does nothing, but
every write transaction takes the database's single write lock, so claims
and sends are still serialised.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from reminders import channels, policy
from reminders.models import Reminder, ReminderStatus

logger = logging.getLogger(__name__)

# Rows claimed per transaction, and at most per run (a run that reaches the limit queues the next one).
BATCH_SIZE = 200
MAX_PER_RUN = 5000
# Rows per send task: one task and one SMTP session carry this many reminders.
SEND_BATCH = 25
# A reminder is tried at most this many times: the first try and retries after 1, 2, 4, 8 and 16 minutes.
MAX_ATTEMPTS = 6
# A row still ``sending`` this long after its claim was abandoned (the worker died, or its wake-up
# was lost with the broker). Longer than a send can take (the task time limit) plus a busy queue.
STUCK_AFTER = timedelta(minutes=10)

FAILED_REASON = "could not be delivered"
ABANDONED_ERROR = "The send was interrupted (the worker stopped or the broker lost the message)."


class Outcome(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"
    NOTHING = "nothing"  # not ours to send: already handled, locked by another worker, or gone


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off after the ``attempts``-th failed try: 1, 2, 4, 8, 16 minutes."""
    return timedelta(minutes=2 ** max(attempts - 1, 0))


# --- Claiming ---------------------------------------------------------------------------------


@transaction.atomic
def claim_due(*, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    """Mark up to ``limit`` due pending rows ``sending`` and queue their sends after the commit.

    Rows another dispatcher has locked are skipped (``SKIP LOCKED``), so two
    dispatchers running at once claim different rows.
    """
    ids = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(status=ReminderStatus.PENDING, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    if ids:
        Reminder.objects.filter(pk__in=ids, status=ReminderStatus.PENDING).update(
            status=ReminderStatus.SENDING, claimed_at=now, updated_at=now
        )
        transaction.on_commit(partial(enqueue_sends, ids))
    return ids


def enqueue_sends(ids: Sequence[int], *, batch: int = SEND_BATCH) -> None:
    """Queue one send task per ``batch`` claimed rows. Runs after the claim has committed.

    If the broker is unreachable, the rows stay ``sending`` and the sweeper
    returns them to ``pending``: nothing is lost, only late.
    """
    from reminders.tasks import send_reminders  # tasks imports this module

    for queued in range(0, len(ids), batch):
        try:
            send_reminders.delay(list(ids[queued : queued + batch]))
        except Exception:
            logger.exception(
                "Could not queue reminder sends; the sweeper will return them",
                extra={"queued": queued, "not_queued": len(ids) - queued},
            )
            return


def dispatch_due(
    *, now: datetime | None = None, batch_size: int = BATCH_SIZE, limit: int = MAX_PER_RUN
) -> int:
    """Claim every due reminder (up to ``limit``), one batch per transaction. Returns how many."""
    now = now or timezone.now()
    claimed = 0
    while claimed < limit:
        batch = claim_due(now=now, limit=min(batch_size, limit - claimed))
        claimed += len(batch)
        if len(batch) < batch_size:
            break
    return claimed


# --- Sending ------------------------------------------------------------------------------------


class OpenChannels:
    """The channels a batch of sends shares, opened on first use and closed together.

    ``close`` runs after the last transaction of the batch has ended, so a
    connection's QUIT never falls between a server accepting a message and the
    row being committed as sent. A channel that raised is closed and replaced,
    so one broken connection does not fail the rest of the batch.
    """

    def __init__(self) -> None:
        self._open: dict[str, channels.DeliveryChannel] = {}

    def get(self, name: str) -> channels.DeliveryChannel:
        if name not in self._open:
            self._open[name] = channels.channel_for(name)
        return self._open[name]

    def discard(self, name: str) -> None:
        channel = self._open.pop(name, None)
        if channel is not None:
            channel.close()

    def close(self) -> None:
        for name in list(self._open):
            self.discard(name)

    def __enter__(self) -> OpenChannels:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def deliver_batch(reminder_ids: Sequence[int]) -> list[Outcome]:
    """Deliver each row in turn (one transaction each), sharing one connection per channel."""
    with OpenChannels() as shared:
        return [deliver(reminder_id=reminder_id, shared=shared) for reminder_id in reminder_ids]


def deliver(*, reminder_id: int, shared: OpenChannels | None = None) -> Outcome:
    """Send one claimed reminder, at most once per claim.

    In one transaction: lock the row (skipping it if another worker holds
    it), check that it is still ``sending``, ask the client's policy, mark it
    ``sent``, hand it to the channel, and commit as soon as the channel
    returns. If the channel raises, the row is rescheduled instead (or marked
    ``failed`` after ``MAX_ATTEMPTS``), in the same transaction.

    ``shared`` lends a batch's open channels; without it, the channel is
    opened for this row and closed after its transaction.
    """
    opened = shared or OpenChannels()
    broken: str | None = None
    try:
        with transaction.atomic():
            reminder = (
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related(*channels.MESSAGE_RELATED, *policy.PRELOAD_RELATED)
                .annotate(**policy.preload_annotations())
                .filter(pk=reminder_id)
                .first()
            )
            if reminder is None or reminder.status != ReminderStatus.SENDING:
                return Outcome.NOTHING
            now = timezone.now()
            reason = policy.skip_reason(reminder, now)
            if reason:
                _finish(reminder, status=ReminderStatus.SKIPPED, reason=reason[:200], now=now)
                return Outcome.SKIPPED
            try:
                channel = opened.get(reminder.channel)
                # Marked first, so that only the commit itself follows the channel's success.
                _finish(reminder, status=ReminderStatus.SENT, reason="", now=now, sent_at=now)
                channel.send(reminder)
            except Exception as error:
                broken = reminder.channel
                return _record_failure(reminder, error, now)
            return Outcome.SENT
    finally:
        if shared is None:
            opened.close()
        elif broken is not None:
            opened.discard(broken)


def _finish(
    reminder: Reminder, *, status: str, reason: str, now: datetime, sent_at: datetime | None = None
) -> None:
    attempts = reminder.attempts + (0 if status == ReminderStatus.SKIPPED else 1)
    Reminder.objects.filter(pk=reminder.pk).update(
        status=status, reason=reason, attempts=attempts, sent_at=sent_at, updated_at=now
    )


def _record_failure(reminder: Reminder, error: Exception, now: datetime) -> Outcome:
    """Reschedule the row with back-off, or give up after ``MAX_ATTEMPTS`` tries."""
    attempts = reminder.attempts + 1
    last_error = f"{type(error).__name__}: {error}"[:2000]
    logger.warning(
        "Reminder send failed",
        extra={"reminder_id": reminder.pk, "attempts": attempts, "error": type(error).__name__},
    )
    rows = Reminder.objects.filter(pk=reminder.pk)
    if attempts >= MAX_ATTEMPTS:
        rows.update(
            status=ReminderStatus.FAILED,
            reason=FAILED_REASON,
            attempts=attempts,
            last_error=last_error,
            sent_at=None,
            updated_at=now,
        )
        return Outcome.FAILED
    rows.update(
        status=ReminderStatus.PENDING,
        reason="",
        attempts=attempts,
        last_error=last_error,
        due_at=now + retry_delay(attempts),
        claimed_at=None,
        sent_at=None,
        updated_at=now,
    )
    return Outcome.RETRY


# --- Sweeping -----------------------------------------------------------------------------------


@transaction.atomic
def sweep_stuck(*, older_than: timedelta = STUCK_AFTER, now: datetime | None = None) -> int:
    """Return rows abandoned in ``sending`` to ``pending`` (or ``failed`` after too many tries).

    A row locked by a worker that is sending it right now is skipped, whatever
    its age; a worker that died holds no lock (its connection is gone). A
    ``sent`` row is never touched, so sweeping never causes a second message.
    """
    now = now or timezone.now()
    stuck = Q(claimed_at__lte=now - older_than) | Q(claimed_at__isnull=True)
    ids = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(stuck, status=ReminderStatus.SENDING)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    rows = Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING)
    common = {"attempts": F("attempts") + 1, "last_error": ABANDONED_ERROR, "updated_at": now}
    failed = rows.filter(attempts__gte=MAX_ATTEMPTS - 1).update(
        status=ReminderStatus.FAILED, reason=FAILED_REASON, **common
    )
    returned = rows.filter(attempts__lt=MAX_ATTEMPTS - 1).update(
        status=ReminderStatus.PENDING, claimed_at=None, **common
    )
    logger.warning("Swept abandoned reminders", extra={"returned": returned, "failed": failed})
    return returned + failed
