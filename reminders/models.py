"""Reminders: each client's policy, and the schedule itself as rows.

A due reminder is a ``Reminder`` row. The broker only carries wake-ups and
ids; if a worker or Redis dies, the rows still say what is pending, being
sent or sent, so nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

from datetime import time
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone

from homework.models import Assignment, Occurrence
from mallard.models import User
from measures.models import MeasureWindow


class Backoff(models.TextChoices):
    NONE = "none", "Keep reminding me as planned"
    GENTLE = "gentle", "After 3 unanswered reminders, remind me every other day"
    WEEKLY = "weekly", "After 3 unanswered reminders, remind me once a week"


class ReminderPreferences(models.Model):
    """One person's reminder policy, chosen by them. For a therapist only the weekly
    digest applies (``weekly_summary``); for a client, all of it."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="reminder_preferences")
    enabled = models.BooleanField(default=True)
    email_enabled = models.BooleanField(default=True)
    in_app_enabled = models.BooleanField(default=True)
    quiet_start = models.TimeField(null=True, blank=True, help_text="Local time quiet hours begin.")
    quiet_end = models.TimeField(null=True, blank=True, help_text="Local time quiet hours end.")
    daily_cap = models.PositiveSmallIntegerField(default=3)
    backoff = models.CharField(max_length=16, choices=Backoff.choices, default=Backoff.NONE)
    weekly_summary = models.BooleanField(
        default=False,
        help_text="Clients: a weekly e-mail of their own progress. Therapists: the weekly digest.",
    )
    feed_version = models.PositiveIntegerField(default=1, help_text="Bumped to revoke the calendar feed URL.")
    feed_enabled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "reminder preferences"
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(daily_cap__gte=1, daily_cap__lte=4), name="reminder_cap_1_4"),
            models.CheckConstraint(
                condition=Q(quiet_start__isnull=True, quiet_end__isnull=True)
                | Q(quiet_start__isnull=False, quiet_end__isnull=False),
                name="quiet_hours_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder preferences of {self.user}"

    def in_quiet_hours(self, local: time) -> bool:
        """Whether a local time falls in quiet hours (which may run past midnight)."""
        if self.quiet_start is None or self.quiet_end is None or self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= local < self.quiet_end
        return local >= self.quiet_start or local < self.quiet_end

    def quiet_hours_release(self, local: time) -> time | None:
        """When a reminder planned for ``local`` goes out: ``local`` itself outside quiet hours, the end
        of quiet hours when they end later that day, or None when they end only the next day (the
        reminder is then skipped: its day is over by the time they end)."""
        if self.quiet_end is None or not self.in_quiet_hours(local):
            return local
        return self.quiet_end if self.quiet_end > local else None


class AssignmentReminder(models.Model):
    """The client's choice for one assignment: reminders on or off.

    The time the client chose is ``Assignment.client_time`` (homework), not here: Today and the
    calendar feed show the same time, and homework cannot read reminders' rows."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="reminder_setting")
    enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"Reminder setting for {self.assignment}"


class ReminderKind(models.TextChoices):
    OCCURRENCE = "occurrence", "Planned practice"
    WEEKLY_SUMMARY = "weekly_summary", "Weekly summary"
    THERAPIST_DIGEST = "therapist_digest", "Therapist's weekly digest"
    NEWS = "news", "News from the therapist"
    MEASURE = "measure", "Questionnaire to fill in"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    IN_APP = "in_app", "In-app notification"


class ReminderStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
    SKIPPED = "skipped", "Skipped"


class Reminder(models.Model):
    """One planned reminder: the source of truth for what is sent, when, and what happened."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reminders")
    # SET_NULL: re-planning homework may delete an untouched occurrence, but the
    # reminders already sent for it are history and stay (matched again by key).
    occurrence = models.ForeignKey(
        Occurrence, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders"
    )
    # A questionnaire that is due (kind "measure"). SET_NULL like ``occurrence``: a window moved with
    # its session is written again, and the sent reminders stay as history.
    measure_window = models.ForeignKey(
        MeasureWindow, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders"
    )
    kind = models.CharField(max_length=24, choices=ReminderKind.choices, default=ReminderKind.OCCURRENCE)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.EMAIL)
    due_at = models.DateTimeField(help_text="When to send, in UTC.")
    status = models.CharField(max_length=16, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    reason = models.CharField(
        max_length=200, blank=True, help_text="Why it was skipped, cancelled or failed."
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The lease of a ``sending`` row (docs/reminders.md, "Dispatch"): who holds it (a queued
    # message's claim, "q...", or a worker's, "s..."), and until when. A live worker renews it; the
    # sweeper takes back a row whose lease has run out.
    claim_token = models.CharField(max_length=16, blank=True, default="", db_default="")
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A news e-mail (kind "news"): the ids of what it tells about, the client's assignments (new or
    # changed homework) or worksheet entries (feedback). News joins the row only while it is pending,
    # so the send-time check reads exactly what the e-mail tells (docs/reminders.md, "News from the
    # therapist"). Empty for other kinds, and for news e-mails planned before it was kept.
    news_about = models.JSONField(default=list, blank=True)

    class Meta:
        ordering: ClassVar = ["due_at"]
        indexes: ClassVar = [
            models.Index(fields=["due_at"], condition=Q(status="pending"), name="reminder_due_pending"),
            # Keyed by id: a send finds its row by id and status, and while thousands of rows are
            # being sent the planner, whose statistics see few, still prefers this index; by id it
            # is a lookup, where by claim time it read every row being sent. The sweeper reads the
            # whole (normally tiny) index and its leases.
            models.Index(
                fields=["id"],
                include=["claimed_until"],
                condition=Q(status="sending"),
                name="reminder_sending_id",
            ),
            models.Index(fields=["user", "due_at"]),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=ReminderStatus.values), name="reminder_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ReminderStatus.SENT) | Q(sent_at__isnull=False), name="sent_has_sent_at"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} for {self.user} at {self.due_at:%Y-%m-%d %H:%M} UTC ({self.status})"
        )


class Notification(models.Model):
    """An in-app notification. Like e-mail, it never carries clinical content."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(
        Reminder, null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    # News from the therapist (``homework.hooks.News``): which kind, and the client's assignment it is
    # about. The list names the assignment at display time, read through ``homework.access``; the
    # row itself, like an e-mail, holds no title.
    news = models.CharField(max_length=16, blank=True, default="")
    assignment = models.ForeignKey(
        Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        indexes: ClassVar = [
            models.Index(fields=["user", "created_at"]),
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.text

    def mark_read(self) -> None:
        """Read now, unless it already was (one conditional UPDATE)."""
        now = timezone.now()
        if Notification.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=now):
            self.read_at = now
