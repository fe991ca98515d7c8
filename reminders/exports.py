"""The reminders section of a client's export (see ``mallard/exports.py``).

The client's export holds their reminder preferences, their per-assignment
reminder choices, every reminder planned for them and every in-app
notification. A therapist's export holds what the therapist's reminder page
shows: whether reminders are on, and how the last 14 days went.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from mallard.exports import Item, Part, Words, facts, for_client, record
from mallard.models import User
from reminders.access import delivery_status
from reminders.models import (
    AssignmentReminder,
    Backoff,
    Channel,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)

# How the dispatcher keeps track of a row, not information about the person: its
# de-duplication key, when and by whom it was claimed and until when, a mail server's error text,
# and the ids a news e-mail's send-time check reads (the notifications name what the news was about).
REMINDER_MACHINERY = (
    "idempotency_key",
    "claimed_at",
    "claim_token",
    "claimed_until",
    "last_error",
    "news_about",
)


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


def reminders_report(data: dict[str, Any], *, words: Words, own: bool) -> list[Part]:
    if not own:
        delivery = data["delivery"]
        return [
            Part(
                "Reminders",
                (
                    Item(
                        title=f"The last {delivery['days']} days",
                        facts=facts(
                            ("Reminders on", delivery["enabled"]),
                            ("Sent", delivery["sent"]),
                            ("Failed", delivery["failed"] or None),
                            ("Skipped", delivery["skipped"] or None),
                            (
                                "Last sent",
                                delivery["last_sent_at"] and words.moment(delivery["last_sent_at"]),
                            ),
                        ),
                    ),
                ),
            )
        ]
    preferences = data["preferences"]
    settings: tuple[Item, ...] = ()
    if preferences is not None:
        quiet = None
        if preferences["quiet_start"] and preferences["quiet_end"]:
            quiet = f"{words.time(preferences['quiet_start'])} to {words.time(preferences['quiet_end'])}"
        settings = (
            Item(
                title="Your choices",
                facts=facts(
                    ("Reminders", preferences["enabled"]),
                    ("By e-mail", preferences["email_enabled"]),
                    ("In Mallard", preferences["in_app_enabled"]),
                    ("Quiet hours", quiet),
                    ("At most a day", preferences["daily_cap"]),
                    ("When reminders go unanswered", Backoff(preferences["backoff"]).label),
                    ("Weekly summary by e-mail", preferences["weekly_summary"]),
                    ("Calendar feed", preferences["feed_enabled"]),
                ),
            ),
        )
    off = sum(1 for row in data["assignment_reminders"] if not row["enabled"])
    if off:
        settings = (
            *settings,
            Item(title="Assignments", facts=facts(("Reminders turned off for", f"{off} assignments"))),
        )
    reminders = tuple(
        Item(
            title=words.moment(row["due_at"]),
            facts=facts(
                ("What", f"{ReminderKind(row['kind']).label}, {Channel(row['channel']).label.lower()}"),
                (
                    "Status",
                    ReminderStatus(row["status"]).label + (f": {row['reason']}" if row["reason"] else ""),
                ),
            ),
        )
        for row in data["reminders"]
    )
    notifications = tuple(
        Item(
            title=words.moment(row["created_at"]),
            facts=facts(("Message", row["text"]), ("Read", row["read_at"] and words.moment(row["read_at"]))),
        )
        for row in data["notifications"]
    )
    return [
        Part("Reminder settings", settings, empty="Mallard's standard settings."),
        Part("Reminders", reminders, empty="No reminders."),
        Part("Notifications in Mallard", notifications, empty="No notifications."),
    ]
