"""What the signed links do: stop reminder e-mails, and snooze one reminder.

Both are reached without signing in (the signed token in ``reminders.tokens``
is the protection), so both are small, idempotent and change nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import models, transaction
from django.utils import timezone

from homework.models import AssignmentStatus, Occurrence
from mallard.models import User
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences, ReminderStatus
from reminders.planning import apply_quiet_hours

# --- Unsubscribe -----------------------------------------------------------------------------


@transaction.atomic
def turn_off_email(*, user: User) -> bool:
    """Stop reminder e-mails for ``user``. True if they were on; calling it again changes nothing."""
    prefs, _ = ReminderPreferences.objects.select_for_update().get_or_create(user=user)
    if not prefs.email_enabled:
        return False
    prefs.email_enabled = False
    prefs.updated_at = timezone.now()
    prefs.save(update_fields=["email_enabled", "updated_at"])
    Reminder.objects.filter(user=user, channel=Channel.EMAIL, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, reason="e-mail reminders turned off", updated_at=prefs.updated_at
    )
    if user.is_client:
        from reminders import planning  # written alongside; imported late to keep start-up light

        planning.plan_for_client(client=user)
    return True


def email_is_on(user: User) -> bool:
    prefs = ReminderPreferences.objects.filter(user=user).only("email_enabled").first()
    return prefs is None or prefs.email_enabled


# --- Snooze ----------------------------------------------------------------------------------

EVENING = time(19, 0)
SNOOZE_SUFFIX = re.compile(r":snooze:(\d+)$")
KEY_MAX_LENGTH = 200  # Reminder.idempotency_key


class SnoozeOption(models.TextChoices):
    HOUR = "hour", "In 1 hour"
    EVENING = "evening", "This evening at 7 pm"


class SnoozeError(Exception):
    """The reminder can't be snoozed; the message says why, kindly."""


@dataclass(frozen=True)
class SnoozeOffer:
    option: SnoozeOption
    due_at: datetime | None  # None when this choice isn't possible any more today
    note: str = ""

    @property
    def label(self) -> str:
        return self.option.label


@dataclass(frozen=True)
class SnoozeState:
    """What the snooze page shows for one reminder at one moment."""

    reminder: Reminder
    follow_up: Reminder | None
    problem: str
    offers: list[SnoozeOffer]

    @property
    def can_snooze(self) -> bool:
        return self.follow_up is None and not self.problem and any(o.due_at for o in self.offers)


def follow_up_key(reminder: Reminder) -> str:
    """The one follow-up a reminder may have: its key with ``:snooze:<n>``, n counting snoozes."""
    match = SNOOZE_SUFFIX.search(reminder.idempotency_key)
    if match is None:
        return f"{reminder.idempotency_key}:snooze:1"
    base = reminder.idempotency_key[: match.start()]
    return f"{base}:snooze:{int(match.group(1)) + 1}"


def _local_today(user: User, now: datetime) -> date:
    return now.astimezone(user.zone).date()


def _problem(reminder: Reminder, now: datetime) -> str:
    occurrence: Occurrence | None = reminder.occurrence
    if occurrence is None or reminder.kind != ReminderKind.OCCURRENCE:
        return "Only reminders about planned practice can be snoozed."
    if getattr(occurrence, "log", None) is not None:
        return "You've already logged this practice, so there's nothing to remind you about."
    if occurrence.assignment.status != AssignmentStatus.ACTIVE:
        return "This practice is paused or finished, so there's nothing to remind you about."
    if not occurrence.is_open(_local_today(reminder.user, now)):
        return "This practice isn't planned for today any more, so there's nothing to snooze."
    return ""


def _offer(
    user: User, option: SnoozeOption, now: datetime, preferences: ReminderPreferences | None
) -> SnoozeOffer:
    today = _local_today(user, now)
    if option == SnoozeOption.HOUR:
        due = now + timedelta(hours=1)
    else:
        due = datetime.combine(today, EVENING, tzinfo=user.zone)
        if due <= now:
            return SnoozeOffer(option, None, "It's already evening.")
    if due.astimezone(user.zone).date() != today:
        return SnoozeOffer(option, None, "That would be tomorrow; today's reminders end at midnight.")
    if preferences is not None:
        # A follow-up in the person's quiet hours would never be sent: it comes when they end.
        moved = apply_quiet_hours(due, today, preferences, user.zone)
        if moved is None:
            return SnoozeOffer(option, None, "That falls in your quiet hours, which last until tomorrow.")
        if moved != due:
            return SnoozeOffer(option, moved, f"when they end, at {moved.astimezone(user.zone):%H:%M}")
    return SnoozeOffer(option, due)


def _preferences(user: User) -> ReminderPreferences | None:
    return ReminderPreferences.objects.filter(user=user).first()


def snooze_state(reminder: Reminder, now: datetime) -> SnoozeState:
    follow_up = Reminder.objects.filter(idempotency_key=follow_up_key(reminder)).first()
    preferences = _preferences(reminder.user)
    return SnoozeState(
        reminder=reminder,
        follow_up=follow_up,
        problem=_problem(reminder, now),
        offers=[_offer(reminder.user, option, now, preferences) for option in SnoozeOption],
    )


@transaction.atomic
def snooze_reminder(*, reminder: Reminder, option: SnoozeOption, now: datetime | None = None) -> Reminder:
    """Create the reminder's one follow-up, due at the chosen time today.

    Clicking again (or a second choice) returns the follow-up already planned.
    Raises ``SnoozeError`` when the practice is logged, paused or not today, or
    when the chosen time would fall after the client's local midnight.
    """
    now = now or timezone.now()
    key = follow_up_key(reminder)
    existing = Reminder.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    problem = _problem(reminder, now)
    if len(key) > KEY_MAX_LENGTH:
        problem = "This reminder has been snoozed as often as it can be today."
    if problem:
        raise SnoozeError(problem)
    offer = _offer(reminder.user, option, now, _preferences(reminder.user))
    if offer.due_at is None:
        raise SnoozeError(offer.note)
    follow_up, _ = Reminder.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "user": reminder.user,
            "occurrence": reminder.occurrence,
            "kind": ReminderKind.OCCURRENCE,
            "channel": reminder.channel,
            "due_at": offer.due_at,
            "status": ReminderStatus.PENDING,
            "created_at": now,
            "updated_at": now,
        },
    )
    return follow_up
