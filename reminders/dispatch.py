"""Sending due reminders: claim, send once, retry with back-off, take back what a dead worker held.

The ``Reminder`` rows are the schedule and the record; Celery only carries
wake-ups and ids. A row moves through these states::

    pending --claim--> sending --send--> sent
                          |  \\--policy--> skipped
                          |   \\--error--> pending (later, attempts + 1) ... failed
                          \\--lease ran out, swept--> queued again, or pending

A ``sending`` row holds a lease: ``claim_token`` says who holds it and
``claimed_until`` until when.

- ``dispatch_due`` (every ``MALLARD_REMINDER_DISPATCH_SECONDS``) claims due
  ``pending`` rows in batches with ``SELECT ... FOR UPDATE SKIP LOCKED``, marks
  them ``sending`` under a queue claim ("q...") and, after the commit, queues
  one ``send_reminders(ids, claim)`` task per ``SEND_BATCH`` rows.
- ``deliver_batch`` takes the rows still held by that queue claim for itself
  (a worker claim, "s...", committed on its own), so a second copy of the same
  message finds nothing to do. Then, per row: the policy; the message is
  rendered; a short claim of the row (``attempts + 1`` and a fresh lease) is
  committed on its own; the channel sends, outside any transaction; and an
  idempotent conditional ``UPDATE ... WHERE pk = ... AND status = 'sending'
  AND claim_token = ...`` marks it ``sent``. If the database connection is
  lost, the mark reconnects and retries until it lands or the row's lease is
  about to run out: a lost connection never sends a message twice. While it
  works through the batch the worker renews the lease of the rows it has not
  reached yet. An error on one row never abandons the rest of the batch; rows
  it could not try are queued again at once.
- ``sweep_stuck`` (every ``MALLARD_REMINDER_SWEEP_SECONDS``, and when a worker
  starts) takes back rows whose lease ran out: rows whose queued message was
  lost are queued again under the same claim; rows a worker died holding go
  back to ``pending`` and are dispatched at once.

docs/reminders.md ("Dispatch", "Delivery guarantee") explains the guarantee
and the one small window where a crash can still cause a second e-mail.

On SQLite (the zero-config default) ``select_for_update`` does nothing, but
every write takes the database's single write lock, and every claim is a
conditional UPDATE, so claims and sends are still serialised.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from reminders import channels, policy
from reminders.models import Reminder, ReminderStatus

logger = logging.getLogger(__name__)

# Rows claimed per transaction, and at most per run (a run that reaches the limit queues the next one).
BATCH_SIZE = 200
MAX_PER_RUN = 5000
# Rows per send task: one task and one SMTP session carry this many reminders.
SEND_BATCH = 100
# A reminder is tried at most this many times: the first try and retries after about 15 s, 30 s,
# 1, 2, 4, 8 and 16 minutes (``retry_delay``): about half an hour in all.
MAX_ATTEMPTS = 8
# The longest wait between two tries.
MAX_RETRY_DELAY = timedelta(minutes=16)
# Each retry delay is stretched or shrunk by up to this share, so that rows which failed together
# (a mail server that was down) do not all come back in the same second.
RETRY_JITTER = 0.2
# Consecutive failures of one channel within a batch after which the rest of the batch's rows for
# that channel are rescheduled without trying (the relay is down; each try would wait its timeout).
CHANNEL_DOWN_AFTER = 3
# How long a batch keeps trying to reach the database for a step before a row (not its mark).
RECONNECT_FOR = 5.0

QUEUE_CLAIM = "q"
WORKER_CLAIM = "s"
NO_CLAIM = ""  # a row no one holds, or claimed before leases existed

FAILED_REASON = "could not be delivered"
ABANDONED_ERROR = "The send was interrupted (the worker stopped or lost its database connection)."
CHANNEL_DOWN_ERROR = "Not tried: the channel failed {n} times in a row in this batch ({error})"

_DB_LOST = (OperationalError, InterfaceError)
_clock = time.monotonic  # the deadlines' clock (tests replace it)
_random = secrets.SystemRandom()


class Outcome(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"
    REQUEUED = "requeued"  # not tried in this batch (a database error); queued again at once
    NOTHING = "nothing"  # not ours to send: already handled, held by another worker, or gone


class _BatchOver(Exception):
    """The task ran out of time during a send; the row's outcome is recorded, the rest are queued again."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome)
        self.outcome = outcome


class MarkNotRecorded(Exception):
    """The channel accepted a message, but the database could not be told before the lease ran out."""


def lease() -> timedelta:
    """How long a claim on a row lasts unless its holder renews it."""
    return timedelta(seconds=settings.MALLARD_REMINDER_LEASE_SECONDS)


def new_claim(kind: str) -> str:
    return kind + secrets.token_hex(7)


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the ``attempts``-th failed try: 15 s, 30 s, 1, 2, 4, 8, 16 minutes (by default).

    Short first steps, because most failures (a relay restarting, a database failover) pass in
    seconds; then doubling, up to ``MAX_RETRY_DELAY``.
    """
    base = timedelta(seconds=settings.MALLARD_REMINDER_RETRY_SECONDS)
    return min(base * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY)


def jittered(delay: timedelta) -> timedelta:
    return delay * _random.uniform(1 - RETRY_JITTER, 1 + RETRY_JITTER)


def with_reconnect[T](operation: Callable[[], T], *, until: float) -> T:
    """Run one database statement (autocommit), reconnecting and trying again if the connection was lost.

    ``until`` is a ``_clock()`` deadline; after it the last error is raised. Inside a
    transaction nothing is retried (the transaction is gone with its connection).
    """
    pause = 0.05
    while True:
        try:
            return operation()
        except _DB_LOST:
            if connection.in_atomic_block or _clock() + pause > until:
                raise
            logger.warning("Lost the database connection; reconnecting", exc_info=True)
            connection.close()  # the next statement opens a new one
            time.sleep(pause)
            pause = min(pause * 2, 1.0)


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
        claim = new_claim(QUEUE_CLAIM)
        Reminder.objects.filter(pk__in=ids, status=ReminderStatus.PENDING).update(
            status=ReminderStatus.SENDING,
            claimed_at=now,
            claim_token=claim,
            claimed_until=now + lease(),
            updated_at=now,
        )
        transaction.on_commit(partial(enqueue_sends, ids, claim=claim))
    return ids


def enqueue_sends(ids: Sequence[int], *, claim: str = "", batch: int = SEND_BATCH) -> None:
    """Queue one send task per ``batch`` claimed rows. Runs after the claim has committed.

    If the broker is unreachable, the rows stay ``sending`` until their lease
    runs out, and the sweeper queues them again: nothing is lost, only late.
    """
    from reminders.tasks import send_reminders  # tasks imports this module

    for queued in range(0, len(ids), batch):
        try:
            send_reminders.delay(list(ids[queued : queued + batch]), claim)
        except Exception:
            logger.warning(
                "Could not queue reminder sends; the sweeper will queue them again",
                exc_info=True,
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

    A channel that raised is closed and replaced, so one broken connection does
    not fail the rest of the batch. After ``CHANNEL_DOWN_AFTER`` failures in a
    row, ``down`` says why, and the batch stops trying that channel.
    """

    def __init__(self) -> None:
        self._open: dict[str, channels.DeliveryChannel] = {}
        self._failures: dict[str, int] = defaultdict(int)
        self._last_error: dict[str, str] = {}

    def get(self, name: str) -> channels.DeliveryChannel:
        if name not in self._open:
            self._open[name] = channels.channel_for(name)
        return self._open[name]

    def failed(self, name: str, error: str) -> None:
        self._failures[name] += 1
        self._last_error[name] = error
        self.discard(name)

    def worked(self, name: str) -> None:
        self._failures[name] = 0

    def down(self, name: str) -> str:
        if self._failures[name] < CHANNEL_DOWN_AFTER:
            return ""
        return CHANNEL_DOWN_ERROR.format(n=self._failures[name], error=self._last_error[name])

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


def deliver_batch(reminder_ids: Sequence[int], claim: str | None = None) -> list[Outcome]:
    """Send a batch of claimed reminders, each at most once. Returns one outcome per id.

    ``claim`` is the queue claim the dispatcher (or the sweeper) queued the
    batch under; only rows still held by it are taken. Without one, any row
    still waiting in a queue is taken. Rows a worker holds are never taken, so
    a repeated or stale message does nothing.
    """
    holder = new_claim(WORKER_CLAIM)
    until = _clock() + RECONNECT_FOR
    with_reconnect(partial(_take, reminder_ids, claim, holder), until=until)
    rows = with_reconnect(partial(_load, reminder_ids, holder), until=until)
    reminded = with_reconnect(partial(policy.reminded_today, rows.values(), timezone.now()), until=until)
    outcomes: list[Outcome] = []
    not_tried: list[int] = []
    renew_at = _clock() + lease().total_seconds() / 3
    stop: BaseException | None = None
    with OpenChannels() as shared:
        for index, pk in enumerate(reminder_ids):
            # ``pop``: an id repeated in the batch is sent once; an id not loaded is not ours to send.
            row = rows.pop(pk, None)
            if row is None:
                outcomes.append(Outcome.NOTHING)
                continue
            if stop is not None:
                not_tried.append(pk)
                outcomes.append(Outcome.REQUEUED)
                continue
            try:
                if _clock() >= renew_at:
                    _renew(reminder_ids[index:], holder)
                    renew_at = _clock() + lease().total_seconds() / 3
                outcomes.append(_deliver(row, holder, shared, reminded))
            except (MarkNotRecorded, _BatchOver, SoftTimeLimitExceeded) as error:
                # The database is gone for longer than a lease, or the task ran out of time: stop here.
                logger.warning("Stopping a reminder batch", exc_info=True)
                stop = error
                if isinstance(error, MarkNotRecorded):
                    outcomes.append(Outcome.SENT)  # accepted by the channel, only not recorded
                elif isinstance(error, _BatchOver):
                    outcomes.append(error.outcome)
                else:
                    not_tried.append(pk)
                    outcomes.append(Outcome.REQUEUED)
            except DatabaseError:
                # Nothing was sent for this row (a send's mark raises ``MarkNotRecorded`` instead).
                logger.warning("A reminder could not be tried", exc_info=True, extra={"reminder_id": pk})
                not_tried.append(pk)
                outcomes.append(Outcome.REQUEUED)
            except Exception as error:  # a fault in this row's own data: a failed try, not the batch's end
                logger.exception("A reminder could not be tried", extra={"reminder_id": pk})
                outcomes.append(_fail_untried(row, holder, error))
    if not_tried:
        requeue(not_tried, holder)
    return outcomes


def _take(ids: Sequence[int], claim: str | None, holder: str) -> int:
    """The worker's claim on the batch, committed on its own: it replaces the queue claim."""
    now = timezone.now()
    queued = (
        Q(claim_token=claim) if claim else Q(claim_token__startswith=QUEUE_CLAIM) | Q(claim_token=NO_CLAIM)
    )
    return Reminder.objects.filter(queued, pk__in=ids, status=ReminderStatus.SENDING).update(
        claim_token=holder, claimed_until=now + lease(), updated_at=now
    )


def _load(ids: Sequence[int], holder: str) -> dict[int, Reminder]:
    """The rows this worker holds, with what the message and the client's policy read."""
    return {
        row.pk: row
        for row in Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING, claim_token=holder)
        .select_related(*channels.MESSAGE_RELATED, *policy.PRELOAD_RELATED)
        .annotate(**policy.preload_annotations())
    }


def _renew(ids: Sequence[int], holder: str) -> None:
    """Extend the lease of the rows the batch has not reached yet."""
    with_reconnect(
        lambda: Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING, claim_token=holder).update(
            claimed_until=timezone.now() + lease()
        ),
        until=_clock() + RECONNECT_FOR,
    )


def requeue(ids: Sequence[int], holder: str) -> None:
    """Queue rows this worker holds but did not try again at once, under a new queue claim."""
    claim = new_claim(QUEUE_CLAIM)
    try:
        moved = with_reconnect(
            lambda: Reminder.objects.filter(
                pk__in=ids, status=ReminderStatus.SENDING, claim_token=holder
            ).update(claim_token=claim, claimed_until=timezone.now() + lease()),
            until=_clock() + RECONNECT_FOR,
        )
    except DatabaseError:
        logger.warning("Could not queue untried reminders again; their lease will run out", exc_info=True)
        return
    if moved:
        enqueue_sends(ids, claim=claim)


def _deliver(reminder: Reminder, holder: str, shared: OpenChannels, reminded: dict[int, set[int]]) -> Outcome:
    now = timezone.now()
    until = _clock() + RECONNECT_FOR
    today = reminded.get(reminder.user_id)
    reason = policy.skip_reason(reminder, now, reminded=today)
    if reason:
        skip = partial(_finish, reminder, holder, status=ReminderStatus.SKIPPED, reason=reason[:200], now=now)
        return Outcome.SKIPPED if with_reconnect(skip, until=until) else Outcome.NOTHING
    if down := shared.down(reminder.channel):
        if not with_reconnect(partial(_claim_row, reminder, holder), until=until):
            return Outcome.NOTHING
        return _record_failure(reminder, holder, down, now)
    try:
        channel = shared.get(reminder.channel)
        message = channel.render(reminder)  # before the row is touched: a template error costs no claim
    except Exception as error:
        if not with_reconnect(partial(_claim_row, reminder, holder), until=until):
            return Outcome.NOTHING
        return _record_failure(reminder, holder, _describe(error), now)
    # The short claim, committed on its own: one more try, and a whole lease for this send and its mark.
    if not with_reconnect(partial(_claim_row, reminder, holder), until=until):
        return Outcome.NOTHING  # sent, swept or cancelled by someone else since the batch was loaded
    lease_ends = _clock() + lease().total_seconds() * 0.9
    try:
        channel.deliver(message)  # outside any transaction
    except Exception as error:
        shared.failed(reminder.channel, _describe(error))
        failed = _record_failure(reminder, holder, _describe(error), now)
        if isinstance(error, SoftTimeLimitExceeded):
            raise _BatchOver(failed) from error
        return failed
    shared.worked(reminder.channel)
    _mark_sent(reminder, holder, until=lease_ends)
    if today is not None and reminder.occurrence_id is not None:
        today.add(reminder.occurrence_id)
    return Outcome.SENT


def _fail_untried(reminder: Reminder, holder: str, error: Exception) -> Outcome:
    """Count a try that failed before the channel ran, so that a row that always fails ends ``failed``."""
    until = _clock() + RECONNECT_FOR
    try:
        if not with_reconnect(partial(_claim_row, reminder, holder), until=until):
            return Outcome.NOTHING
        return _record_failure(reminder, holder, _describe(error), timezone.now())
    except DatabaseError:
        logger.warning("A failed reminder could not be recorded", exc_info=True)
        return Outcome.NOTHING


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]


def _claim_row(reminder: Reminder, holder: str) -> bool:
    """Count one more try and renew the row's lease; False when this worker no longer holds it."""
    now = timezone.now()
    claimed = Reminder.objects.filter(
        pk=reminder.pk, status=ReminderStatus.SENDING, claim_token=holder
    ).update(attempts=F("attempts") + 1, claimed_until=now + lease(), updated_at=now)
    if claimed:
        reminder.attempts += 1
    return claimed == 1


# The statements that finish a claimed row, written out because they run once per send: building
# them through the ORM cost about 0.4 ms of CPU, several times what PostgreSQL takes to run them.
# A success clears the error of an earlier try.
_MARK_SENT_SQL = (
    "UPDATE reminders_reminder SET status = %s, reason = '', last_error = '', sent_at = %s,"
    " updated_at = %s, claimed_until = NULL WHERE id = %s AND status = %s AND claim_token = %s"
)
_MARK_SKIPPED_SQL = (
    "UPDATE reminders_reminder SET status = %s, reason = %s, updated_at = %s, claimed_until = NULL"
    " WHERE id = %s AND status = %s AND claim_token = %s"
)


def _finish(reminder: Reminder, holder: str, *, status: str, reason: str, now: datetime) -> bool:
    """Finish a row this worker holds; False when it no longer does (and nothing changed).

    Idempotent: if an earlier try of the same statement landed but its answer was lost with the
    connection, the row already says so, and that counts as done.
    """
    adapt = connection.ops.adapt_datetimefield_value  # SQLite stores naive UTC text
    if status == ReminderStatus.SENT:
        sql, params = _MARK_SENT_SQL, [status, adapt(now), adapt(now)]
    else:
        sql, params = _MARK_SKIPPED_SQL, [status, reason, adapt(now)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, reminder.pk, ReminderStatus.SENDING, holder])
        if cursor.rowcount == 1:
            return True
    return Reminder.objects.filter(pk=reminder.pk, status=status, claim_token=holder).exists()


def _mark_sent(reminder: Reminder, holder: str, *, until: float) -> None:
    """Record an accepted message, reconnecting as often as it takes until the lease is nearly over."""
    mark = partial(_finish, reminder, holder, status=ReminderStatus.SENT, reason="", now=timezone.now())
    try:
        if not with_reconnect(mark, until=until):
            # Only the sweeper takes a held row, and only once its lease has run out.
            logger.error("A sent reminder was taken back before it was recorded", extra={"id": reminder.pk})
    except (DatabaseError, SoftTimeLimitExceeded) as error:
        # Never queued again from here: the relay has the message. The row waits for its lease.
        logger.error("A sent reminder could not be recorded", extra={"reminder_id": reminder.pk})
        raise MarkNotRecorded(reminder.pk) from error


def _record_failure(reminder: Reminder, holder: str, error: str, now: datetime) -> Outcome:
    """Reschedule the row with back-off and jitter, or give up after ``MAX_ATTEMPTS`` tries."""
    attempts = reminder.attempts
    logger.warning(
        "Reminder send failed",
        extra={"reminder_id": reminder.pk, "attempts": attempts, "error": error.split(":")[0]},
    )
    rows = Reminder.objects.filter(pk=reminder.pk, status=ReminderStatus.SENDING, claim_token=holder)
    common: dict[str, Any] = {
        "last_error": error,
        "claim_token": NO_CLAIM,
        "claimed_until": None,
        "updated_at": now,
    }
    if attempts >= MAX_ATTEMPTS:
        update = partial(rows.update, status=ReminderStatus.FAILED, reason=FAILED_REASON, **common)
        outcome = Outcome.FAILED
    else:
        due_at = now + jittered(retry_delay(attempts))
        update = partial(rows.update, status=ReminderStatus.PENDING, due_at=due_at, claimed_at=None, **common)
        outcome = Outcome.RETRY
    changed = with_reconnect(update, until=_clock() + RECONNECT_FOR)
    return outcome if changed else Outcome.NOTHING


# --- Sweeping -----------------------------------------------------------------------------------


def sweep_stuck(*, now: datetime | None = None) -> int:
    """Take back rows whose lease has run out. Returns how many.

    - Held by a queue claim: the message was lost (a broker restart, a worker
      that died with it reserved). The rows are queued again under the same
      claim, so whichever copy arrives first sends them, and a queue that is
      merely slow never starves.
    - Held by a worker (or by no lease at all, as rows claimed before leases
      existed): the worker died or lost its database for longer than a lease.
      The rows go back to ``pending`` (``failed`` after ``MAX_ATTEMPTS`` tries)
      and are dispatched at once.

    A row locked by a transaction in progress is skipped. A ``sent`` row is
    never touched, so sweeping never sends a recorded message again.
    """
    now = now or timezone.now()
    requeued = _requeue_lost_messages(now)
    returned = _return_abandoned(now)
    if returned:
        dispatch_due(now=now)
    if requeued or returned:
        logger.warning(
            "Took back reminders whose lease ran out", extra={"requeued": requeued, "returned": returned}
        )
    return requeued + returned


def _expired(now: datetime) -> Q:
    return Q(status=ReminderStatus.SENDING) & (Q(claimed_until__lte=now) | Q(claimed_until__isnull=True))


@transaction.atomic
def _requeue_lost_messages(now: datetime) -> int:
    held = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(_expired(now), claim_token__startswith=QUEUE_CLAIM, claimed_until__isnull=False)
        .values_list("pk", "claim_token")
    )
    if not held:
        return 0
    by_claim: dict[str, list[int]] = defaultdict(list)
    for pk, claim in held:
        by_claim[claim].append(pk)
    Reminder.objects.filter(pk__in=[pk for pk, _ in held]).update(claimed_until=now + lease())
    for claim, ids in by_claim.items():
        transaction.on_commit(partial(enqueue_sends, sorted(ids), claim=claim))
    return len(held)


@transaction.atomic
def _return_abandoned(now: datetime) -> int:
    ids = list(
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(_expired(now))
        .exclude(claim_token__startswith=QUEUE_CLAIM, claimed_until__isnull=False)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    rows = Reminder.objects.filter(pk__in=ids, status=ReminderStatus.SENDING)
    common: dict[str, Any] = {
        "last_error": ABANDONED_ERROR,
        "claim_token": NO_CLAIM,
        "claimed_until": None,
        "updated_at": now,
    }
    failed = rows.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=ReminderStatus.FAILED, reason=FAILED_REASON, **common
    )
    returned = rows.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=ReminderStatus.PENDING, claimed_at=None, **common
    )
    return returned + failed
