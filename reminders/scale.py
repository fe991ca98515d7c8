"""Reminder preferences and reminder rows at scale for ``seed_scale``.

Every generated person has preferences: about a third of clients take e-mail and
in-app reminders, most e-mail only, a few have turned reminders off; therapists get
the weekly digest. Reminders are planned as ``reminders.planning`` plans them
(same reminder day, wall-clock time and idempotency key) for the active
homework due within a week of today: those already due were sent (or
cancelled, when the practice was logged first), later ones are pending, and a
few that fell due in the last minute are pending for the dispatcher to claim.
In-app reminders that were sent left a notification, read unless recent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.urls import reverse

from homework.models import Occurrence, slots_in_window
from mallard.scale import RowIds, ScaleClient, ScaleRun, delete_where
from reminders import planning
from reminders.models import (
    Channel,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)

REMINDER_COLUMNS = (
    "id", "user_id", "occurrence_id", "kind", "channel", "due_at", "status", "reason", "attempts",
    "last_error", "idempotency_key", "created_at", "updated_at", "claimed_at", "sent_at", "news_about",
)  # fmt: skip
NOTIFICATION_COLUMNS = ("user_id", "reminder_id", "text", "url", "news", "created_at", "read_at")
JUST_DUE = timedelta(minutes=1)


@dataclass(frozen=True)
class _Quota:
    times_per_week: int

    def slots_in_window(self, days: int) -> int:
        return slots_in_window(self.times_per_week, days)


@dataclass(frozen=True)
class _Slot:
    """The parts of an occurrence that planning reads (cheaper than a model instance per row)."""

    assignment_id: int
    assignment: _Quota
    available_from: date
    due_date: date
    slot: int


def generate(run: ScaleRun, clients: list[ScaleClient]) -> None:
    writer = run.writer
    today_url = reverse("homework-today")
    recent: dict[int, list[tuple[Any, ...]]] = run.shared.get("homework.recent_occurrences", {})
    therapists = run.shared.setdefault("reminders.therapists", set())
    for client in clients:
        rng = run.rng("reminders", client.number)
        if client.therapist_id not in therapists:
            therapists.add(client.therapist_id)
            writer.insert(
                ReminderPreferences, user_id=client.therapist_id, weekly_summary=True, updated_at=run.now
            )
        roll = rng.random()
        enabled, in_app = roll >= 0.08, roll < 0.35
        writer.insert(
            ReminderPreferences,
            user_id=client.id,
            enabled=enabled,
            in_app_enabled=in_app,
            weekly_summary=rng.random() < 0.3,
            updated_at=client.care_started_at,
        )
        if not enabled:
            continue
        channels = [Channel.EMAIL, Channel.IN_APP] if in_app else [Channel.EMAIL]
        for row in recent.get(client.id, ()):
            _reminders(run, client, row, channels, today_url)


def _reminders(
    run: ScaleRun, client: ScaleClient, row: tuple[Any, ...], channels: list[Channel], today_url: str
) -> None:
    occurrence_id, assignment_id, opens, due, slot, at, recurrence, per_week, logged_at = row
    occurrence = cast(Occurrence, _Slot(assignment_id, _Quota(per_week), opens, due, slot))
    day: date | None = planning.reminder_day(occurrence, recurrence)
    if day is None or day > client.today + timedelta(days=planning.HORIZON_DAYS):
        return  # no reminder for this slot, or not planned yet
    due_at = planning.local_datetime(day, at, client.zone)
    created = min(run.now, due_at - timedelta(days=planning.HORIZON_DAYS))
    writer = run.writer
    for channel in channels:
        key = planning.idempotency_key(client.id, occurrence, channel)
        reminder_id = writer.new_id(Reminder)
        claimed = sent = None
        attempts, reason = 0, ""
        if logged_at is not None and logged_at < due_at:
            status, reason, updated = ReminderStatus.CANCELLED, planning.REASON_LOGGED, logged_at
        elif due_at > run.now - JUST_DUE:
            status, updated = ReminderStatus.PENDING, created
        else:
            status, attempts = ReminderStatus.SENT, 1
            claimed = updated = due_at + timedelta(seconds=5)
            sent = due_at + timedelta(seconds=7)
        writer.add(
            Reminder,
            REMINDER_COLUMNS,
            (reminder_id, client.id, occurrence_id, ReminderKind.OCCURRENCE.value, channel.value, due_at,
             status.value, reason, attempts, "", key, created, updated, claimed, sent, []),
        )  # fmt: skip
        if channel == Channel.IN_APP and sent is not None:
            _notification(run, client, reminder_id, at, sent, today_url)


def _notification(
    run: ScaleRun, client: ScaleClient, reminder_id: int, at: time, sent: datetime, url: str
) -> None:
    read = sent + timedelta(hours=2)
    run.writer.add(
        Notification,
        NOTIFICATION_COLUMNS,
        (client.id, reminder_id, f"You have a practice activity planned for {at:%H:%M}.", url, "", sent,
         read if read <= run.now else None),
    )  # fmt: skip


def tables() -> list[str]:
    return [model._meta.db_table for model in (ReminderPreferences, Reminder, Notification)]


def flush(users: RowIds) -> None:
    """Delete the reminders and preferences of the generated people."""
    for model in (Notification, Reminder, ReminderPreferences):
        delete_where(model, "user", users)
