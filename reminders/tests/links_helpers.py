"""Helpers for the signed-link, feed, notification and digest tests."""

from __future__ import annotations

from datetime import UTC, datetime

from homework.models import Kind, Occurrence
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences, ReminderStatus

# Tuesday 12 May 2026, noon in New York (carol's zone), 17:00 in London.
NOON_NY = datetime(2026, 5, 12, 16, 0, tzinfo=UTC)

__all__ = ["NOON_NY", "make_assignment", "occurrence_reminder", "prefs_for", "today_occurrence"]


def occurrence_reminder(
    therapist: User, client: User, *, channel: str = Channel.EMAIL, kind: str = Kind.THOUGHT_RECORD
) -> Reminder:
    """A sent reminder for today's occurrence of a new daily assignment."""
    occurrence: Occurrence = today_occurrence(make_assignment(therapist, client, kind))
    return Reminder.objects.create(
        user=client,
        occurrence=occurrence,
        kind=ReminderKind.OCCURRENCE,
        channel=channel,
        due_at=NOON_NY,
        status=ReminderStatus.SENT,
        sent_at=NOON_NY,
        idempotency_key=f"test:{client.pk}:{occurrence.pk}:{channel}",
    )


def prefs_for(user: User, **fields: object) -> ReminderPreferences:
    prefs, _ = ReminderPreferences.objects.update_or_create(user=user, defaults=fields)
    return prefs
