"""Celery tasks for reminders: thin wake-ups that take ids and call the dispatcher or the planner.

The schedule lives in ``Reminder`` rows (see ``reminders.dispatch``); these
tasks never carry personal data, and no task is ever queued with a
far-future ``eta`` as a schedule. Beat runs them from ``mallard/celery.py``.
"""

from __future__ import annotations

import time
from collections import Counter

from celery import shared_task

from reminders import digests, dispatch, planning


@shared_task
def dispatch_due_reminders() -> int:
    """Every few seconds: claim due reminders and queue one ``send_reminders`` per batch of rows.

    A run that reaches ``MAX_PER_RUN`` queues the next run straight away, so a
    minute with more due reminders than one run takes is still sent that minute.
    That follow-up does not expire like beat's wake-ups: it waits behind the sends
    just queued, which can take longer than a minute, and must not be dropped.
    """
    claimed = dispatch.with_reconnect(dispatch.dispatch_due, until=time.monotonic() + dispatch.RECONNECT_FOR)
    if claimed >= dispatch.MAX_PER_RUN:
        dispatch_due_reminders.delay()
    return claimed


@shared_task
def send_reminders(reminder_ids: list[int], claim: str | None = None) -> dict[str, int]:
    """Send a batch of claimed reminders, each once. Repeated, stale or foreign ids do nothing."""
    return dict(Counter(str(outcome) for outcome in dispatch.deliver_batch(reminder_ids, claim)))


@shared_task
def sweep_stuck_reminders() -> int:
    """Every few seconds, and when a worker starts: take back rows whose lease ran out."""
    return dispatch.with_reconnect(dispatch.sweep_stuck, until=time.monotonic() + dispatch.RECONNECT_FOR)


@shared_task
def plan_reminders() -> int:
    """Every hour: keep every client's reminder rows in line with their homework and policy."""
    return planning.plan_all()


@shared_task
def plan_weekly_digests() -> int:
    """Every hour: make sure each opted-in person has next Monday's summary or digest planned."""
    return digests.plan_weekly_digests()
