"""Scoped reads for the reminder pages. Each takes the person asking; another
person's row is a 404 (through ``homework.access`` / ``mallard.access``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from datetime import time as clock_time
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from homework.models import Assignment, AssignmentStatus
from mallard.access import get_client_for_therapist
from mallard.models import User
from reminders.models import (
    AssignmentReminder,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)
from reminders.planning import local_day_bounds, preferences_of, reminder_time
from reminders.policy import REASON_CAP

# What the client's log shows: what went out, and what was held back and why.
LOG_STATUSES = (ReminderStatus.SENT, ReminderStatus.SKIPPED, ReminderStatus.FAILED)
STATUS_DAYS = 14


@dataclass
class AssignmentRow:
    """One assignment on the client's reminder page."""

    assignment: Assignment
    enabled: bool
    time: time | None
    own_time: bool  # the client chose a time different from the agreed one
    next_due: datetime | None
    form: Any = field(default=None)
    # When a reminder at ``time`` goes out, by quiet hours (``ReminderPreferences.quiet_hours_release``,
    # as ``planning.apply_quiet_hours``): ``time`` itself, their end, or None when none goes out.
    comes_at: clock_time | None = None

    @property
    def is_active(self) -> bool:
        return self.assignment.status == AssignmentStatus.ACTIVE

    @property
    def after_quiet_hours(self) -> bool:
        """The time falls in quiet hours that end later that day: its reminder waits until then."""
        return self.time is not None and self.comes_at is not None and self.comes_at != self.time

    @property
    def in_quiet_hours(self) -> bool:
        """The time falls in quiet hours that last until the next day: no reminder goes out."""
        return self.time is not None and self.comes_at is None


def get_notification_for_user(user: User, notification_id: int) -> Notification:
    """One of the person's own notifications; anyone else's is a 404."""
    return get_object_or_404(Notification, user=user, pk=notification_id)


def assignment_rows(client: User, now: datetime, preferences: ReminderPreferences) -> list[AssignmentRow]:
    """The client's active and paused assignments with their reminder choice, what the client's
    ``preferences`` (their quiet hours) do to its time, and the next reminder.

    Two queries whatever the number of assignments.
    """
    assignments = list(
        Assignment.objects.filter(
            client=client, status__in=[AssignmentStatus.ACTIVE, AssignmentStatus.PAUSED]
        )
        .select_related("reminder_setting")
        .order_by("status", "title", "pk")
    )
    next_due = dict(
        Reminder.objects.filter(
            user=client, kind=ReminderKind.OCCURRENCE, status=ReminderStatus.PENDING, due_at__gt=now
        )
        .values("occurrence__assignment_id")
        .annotate(next_due=Min("due_at"))
        .values_list("occurrence__assignment_id", "next_due")
    )
    rows = []
    for assignment in assignments:
        setting: AssignmentReminder | None = getattr(assignment, "reminder_setting", None)
        at = reminder_time(assignment)
        rows.append(
            AssignmentRow(
                assignment=assignment,
                enabled=setting.enabled if setting is not None else True,
                time=at,
                own_time=assignment.client_time is not None,
                next_due=next_due.get(assignment.pk),
                comes_at=None if at is None else preferences.quiet_hours_release(at),
            )
        )
    return rows


def reminder_log(client: User, now: datetime) -> QuerySet[Reminder]:
    """Reminders that went out, were held back or could not be delivered, newest first."""
    return Reminder.objects.filter(user=client, status__in=LOG_STATUSES, due_at__lte=now).order_by(
        "-due_at", "-pk"
    )


def held_back_today(client: User, now: datetime) -> int:
    """How many planned practices the daily limit held back on the client's local day (one query)."""
    start, end = local_day_bounds(now.astimezone(client.zone).date(), client.zone)
    held = Reminder.objects.filter(
        user=client,
        kind=ReminderKind.OCCURRENCE,
        status=ReminderStatus.SKIPPED,
        reason=REASON_CAP,
        due_at__gte=start,
        due_at__lt=end,
    )
    return held.aggregate(practices=Count("occurrence_id", distinct=True))["practices"]


@dataclass(frozen=True)
class DeliveryStatus:
    """What a therapist may know about a client's reminders: on or off, and whether they arrive.

    ``sent``, ``failed`` and ``skipped`` count planned practices, not messages, as the client's
    own page and daily limit do: an e-mail and an in-app reminder for the same practice count once.
    A practice is "sent" when any of its reminders went out, "failed" when none did and one could not
    be delivered, and "skipped" when all of them were held back."""

    client: User
    enabled: bool
    sent: int
    failed: int
    skipped: int
    last_sent_at: datetime | None
    days: int = STATUS_DAYS


# Each practice's outcome over its channels: the best one wins (sent, then failed, then skipped).
_OUTCOME_RANK = {ReminderStatus.SENT: 3, ReminderStatus.FAILED: 2, ReminderStatus.SKIPPED: 1}


def delivery_status_for_therapist(therapist: User, client_id: int, now: datetime) -> DeliveryStatus:
    """Four queries: the client, their on/off choice, the last 14 days by practice, the last send."""
    return delivery_status(get_client_for_therapist(therapist, client_id), now)


def delivery_status(client: User, now: datetime) -> DeliveryStatus:
    """What the therapist may know about ``client``'s reminders (the caller has checked access)."""
    preferences = preferences_of(client)
    since = now - timedelta(days=STATUS_DAYS)
    practice_reminders = Reminder.objects.filter(user=client, kind=ReminderKind.OCCURRENCE)
    rank = Case(
        *(When(status=status, then=Value(value)) for status, value in _OUTCOME_RANK.items()),
        output_field=IntegerField(),
    )
    # A row whose occurrence was re-planned away keeps no occurrence: it stands for itself.
    by_practice = (
        practice_reminders.filter(due_at__gte=since, due_at__lte=now, status__in=list(_OUTCOME_RANK))
        .values(practice=Coalesce("occurrence_id", -F("pk")))
        .annotate(outcome=Max(rank))
        .order_by()
    )
    totals = by_practice.aggregate(
        sent=Count("practice", filter=Q(outcome=_OUTCOME_RANK[ReminderStatus.SENT])),
        failed=Count("practice", filter=Q(outcome=_OUTCOME_RANK[ReminderStatus.FAILED])),
        skipped=Count("practice", filter=Q(outcome=_OUTCOME_RANK[ReminderStatus.SKIPPED])),
    )
    last_sent_at = practice_reminders.filter(status=ReminderStatus.SENT).aggregate(last=Max("sent_at"))[
        "last"
    ]
    enabled = preferences.enabled and (preferences.email_enabled or preferences.in_app_enabled)
    return DeliveryStatus(client=client, enabled=enabled, last_sent_at=last_sent_at, **totals)
