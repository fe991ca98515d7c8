"""The reminders section of a client's export (see ``mallard/exports.py``).

The client's export holds their reminder preferences, their per-assignment
reminder choices, every reminder planned for them and every in-app
notification. A therapist's export holds what the therapist's reminder page
shows: whether reminders are on, and how the last 14 days went.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mallard.exports import for_client, record
from mallard.models import User
from reminders.access import delivery_status
from reminders.models import AssignmentReminder, Notification, Reminder, ReminderPreferences

# How the dispatcher keeps track of a row, not information about the person: its
# de-duplication key, when and by whom it was claimed and until when, and a mail server's error text.
REMINDER_MACHINERY = ("idempotency_key", "claimed_at", "claim_token", "claimed_until", "last_error")


def reminders_section(client: User, *, viewer: User) -> dict[str, Any]:
    if not for_client(client, viewer):
        status = delivery_status(client, timezone.now())
        return {
            "delivery": {
                "enabled": status.enabled,
                "days": status.days,
                "sent": status.sent,
                "failed": status.failed,
                "skipped": status.skipped,
                "last_sent_at": status.last_sent_at,
            }
        }
    preferences = ReminderPreferences.objects.filter(user=client).first()
    settings = AssignmentReminder.objects.filter(assignment__client=client).order_by("assignment_id")
    return {
        "preferences": record(preferences) if preferences is not None else None,
        "assignment_reminders": [record(row) for row in settings],
        "reminders": [
            record(row, exclude=REMINDER_MACHINERY)
            for row in Reminder.objects.filter(user=client).order_by("due_at", "pk")
        ],
        "notifications": [
            record(row) for row in Notification.objects.filter(user=client).order_by("created_at", "pk")
        ],
    }
