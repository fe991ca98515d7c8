"""The reminder schedule: which ``Reminder`` rows a client should have, and keeping them current.

``plan_for_client`` looks at the client's open occurrences over a rolling
horizon and makes their reminder rows match the client's policy. It is
idempotent (planning twice changes nothing the second time) and works in a
fixed number of queries per client. Rows that were sent, are being sent or
failed are history and are never touched; only rows not yet due are re-planned.

Local times are built with ``datetime.combine(day, time, tzinfo=zone)`` in the
client's IANA zone, never by adding 24 hours. A local time that does not exist
(clocks spring forward) is sent at the first valid minute after it; a time that
happens twice (clocks fall back) is sent once, at its first occurrence (fold=0).

This module also holds the writes of the client's policy page
(``save_preferences``, ``set_assignment_reminder``), because each of them
re-plans in the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from homework.hooks import OwnReminder, ReminderOutcome
from homework.models import Assignment, AssignmentStatus, Log, Occurrence, Recurrence, Skip
from homework.services import client_today, set_client_time
from mallard.access import current_care
from mallard.models import Role, User
from measures.models import MeasureWindow
from reminders.models import (
    AssignmentReminder,
    Channel,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)

logger = logging.getLogger(__name__)

# Reminder rows are kept for occurrences due from the client's today through this many days ahead.
HORIZON_DAYS = 7

# Reasons recorded on cancelled or skipped rows. Shown to the client in their reminder log,
# so they are plain words and never carry clinical content.
REASON_LOGGED = "occurrence logged"
REASON_SKIPPED = "not today, said by the client"
REASON_TURNED_OFF = "reminders turned off"
REASON_ASSIGNMENT_OFF = "reminders turned off for this activity"
REASON_CHANNEL_OFF = {
    Channel.EMAIL: "e-mail reminders turned off",
    Channel.IN_APP: "in-app reminders turned off",
}
REASON_NO_TIME = "no time of day set"
REASON_QUIET = "in quiet hours"
REASON_PASSED = "the new time had already passed"
REASON_NOT_TODAY = "no longer planned for this day"
REASON_SAME_MINUTE = "another slot of this practice is reminded at the same time"
REASON_RESCHEDULED = "the practice was changed or paused"
REASON_STATUS = {
    AssignmentStatus.PAUSED: "assignment paused",
    AssignmentStatus.COMPLETED: "assignment completed",
    AssignmentStatus.ARCHIVED: "assignment archived",
}
REASON_NOT_IN_CARE = "no longer a client"
REASON_ACCOUNT_CLOSED = "account closed"


# --- Local times -----------------------------------------------------------------------------


def _exists(naive: datetime, zone: ZoneInfo) -> bool:
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive


def local_datetime(day: date, at: time, zone: ZoneInfo) -> datetime:
    """``day`` at ``at`` on the wall clock of ``zone``, as an aware datetime.

    A wall time skipped by a spring-forward change becomes the first valid
    minute after it (02:30 on a New York spring-forward day is 03:00). A wall
    time that happens twice when clocks fall back is its first occurrence.
    """
    naive = datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None))
    for _ in range(24 * 60):  # a gap is at most a few hours; this bound only guards a broken zone
        if _exists(naive, zone):
            return naive.replace(tzinfo=zone, fold=0)
        naive = naive.replace(second=0) + timedelta(minutes=1)
    raise ValueError(f"No valid local time after {day} {at} in {zone.key}")  # pragma: no cover


def local_day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The first instant of ``day`` and of the next day in ``zone`` (DST-safe)."""
    return local_datetime(day, time(0, 0), zone), local_datetime(day + timedelta(days=1), time(0, 0), zone)


def reminder_day(occurrence: Occurrence, recurrence: str) -> date | None:
    """The local day on which an occurrence is reminded, or None when it gets no reminder.

    Daily, weekday and one-off occurrences are reminded on their due date. The
    N slots of an "N times a week" assignment are spread evenly over the days
    the week's window is open: slot k (from 1) on ``available_from +
    floor((k-1) * days / N)``, where N is the window's share of the quota
    (``Assignment.slots_in_window``: pro-rated in a partial week). Three a week
    from Monday gives Monday, Wednesday and Friday; from a Friday, two slots on
    Friday and Saturday. Should a window hold more slots than days (planned
    before quotas were pro-rated), each day gets one reminder and the extra
    slots get none: two slots are never reminded on the same day.
    """
    if recurrence != Recurrence.TIMES_PER_WEEK:
        return occurrence.due_date
    days = (occurrence.due_date - occurrence.available_from).days + 1
    # The window's quota; slots beyond it (left from an earlier quota) share its spread.
    slots = max(occurrence.assignment.slots_in_window(days), occurrence.slot)
    offset = (occurrence.slot - 1) * days // slots
    if occurrence.slot > 1 and (occurrence.slot - 2) * days // slots == offset:
        return None
    return occurrence.available_from + timedelta(days=offset)


def reminder_time(assignment: Assignment) -> time | None:
    """The client's chosen time for the assignment, else the assignment's preferred time.

    The same time Today shows and the calendar feed's alarm has (``Assignment.practice_time``)."""
    return assignment.practice_time


def apply_quiet_hours(
    due: datetime, day: date, preferences: ReminderPreferences, zone: ZoneInfo
) -> datetime | None:
    """Move a reminder out of quiet hours to their end, or None when that end is past its day."""
    local = due.astimezone(zone)
    if not preferences.in_quiet_hours(local.time()):
        return due
    release = preferences.quiet_hours_release(local.time())
    return None if release is None else local_datetime(day, release, zone)


def send_at(client: User, now: datetime) -> datetime:
    """Now, or the end of the client's quiet hours when now falls inside them (DST-safe)."""
    return _after_quiet_hours(preferences_of(client), client.zone, now)


def _after_quiet_hours(preferences: ReminderPreferences, zone: ZoneInfo, at: datetime) -> datetime:
    local = at.astimezone(zone)
    if preferences.quiet_end is None or not preferences.in_quiet_hours(local.time()):
        return at
    end = local_datetime(local.date(), preferences.quiet_end, zone)
    if end <= at:
        end = local_datetime(local.date() + timedelta(days=1), preferences.quiet_end, zone)
    return end


# The preferences that decide whether, and when, a reminder at the client's own time comes.
_OWN_REMINDER_FIELDS = ("enabled", "email_enabled", "in_app_enabled", "quiet_start", "quiet_end")


def own_reminders(client: User, day: date, chosen: Mapping[int, time]) -> dict[int, OwnReminder]:
    """What becomes of the reminders at the client's own times (``chosen``: {assignment id: time})
    on ``day``, their local date: the ``homework.hooks.own_reminders`` hook, for Today's cards and
    the assignment's page.

    The rules are planning's (``_why_not``, ``apply_quiet_hours``): no reminder when reminders are
    off, off for the activity, or neither e-mail nor in-app is on; one inside quiet hours waits until
    they end, and none comes when they end only the next day. One query reads the client's
    preferences (the defaults when they never chose any) with each assignment's on/off choice."""
    if not chosen:
        return {}
    prefixed = tuple(f"client__reminder_preferences__{name}" for name in _OWN_REMINDER_FIELDS)
    rows = (
        Assignment.objects.filter(client=client, pk__in=list(chosen))
        .order_by()
        .values_list("pk", "reminder_setting__enabled", "client__reminder_preferences__pk", *prefixed)
    )
    zone = client.zone
    result: dict[int, OwnReminder] = {}
    for pk, activity_on, saved, *values in rows:
        preferences = ReminderPreferences(user=client)
        if saved is not None:
            preferences = ReminderPreferences(
                user=client, **dict(zip(_OWN_REMINDER_FIELDS, values, strict=True))
            )
        at = chosen[pk]
        off = (
            not preferences.enabled
            or activity_on is False
            or not (preferences.email_enabled or preferences.in_app_enabled)
        )
        if off:
            result[pk] = OwnReminder(chosen=at, outcome=ReminderOutcome.OFF, at=None)
            continue
        due = local_datetime(day, at, zone)
        moved = apply_quiet_hours(due, day, preferences, zone)
        if moved is None:
            result[pk] = OwnReminder(chosen=at, outcome=ReminderOutcome.IN_QUIET_HOURS, at=None)
        elif moved != due:
            released = moved.astimezone(zone).time()
            result[pk] = OwnReminder(chosen=at, outcome=ReminderOutcome.AFTER_QUIET_HOURS, at=released)
        else:
            result[pk] = OwnReminder.as_chosen(at)
    return result


# --- What the rows should be -------------------------------------------------------------------


@dataclass(frozen=True)
class Wanted:
    """What one (occurrence, channel) row should be: a time and status, or no reminder and why."""

    due_at: datetime | None
    status: ReminderStatus = ReminderStatus.PENDING
    reason: str = ""


def idempotency_key(user_id: int, occurrence: Occurrence, channel: str) -> str:
    """One reminder per client, practice slot and channel.

    Built from the slot (assignment, due date, slot number), not the occurrence's
    id: editing an assignment re-creates untouched occurrences, and the same slot
    must find the reminder it already had instead of being reminded again.
    """
    return (
        f"occurrence:{user_id}:{occurrence.assignment_id}:{occurrence.due_date:%Y-%m-%d}:"
        f"{occurrence.slot}:{channel}"
    )


def _why_not(occurrence: Any, preferences: ReminderPreferences, channel: str) -> str:
    """Why this occurrence gets no reminder on this channel, or "" when it should get one."""
    assignment = occurrence.assignment
    setting: AssignmentReminder | None = getattr(assignment, "reminder_setting", None)
    if occurrence.is_logged:
        return REASON_LOGGED
    if assignment.status != AssignmentStatus.ACTIVE:
        return REASON_STATUS.get(AssignmentStatus(assignment.status), "assignment not active")
    if not preferences.enabled:
        return REASON_TURNED_OFF
    if setting is not None and not setting.enabled:
        return REASON_ASSIGNMENT_OFF
    if channel == Channel.EMAIL and not preferences.email_enabled:
        return REASON_CHANNEL_OFF[Channel.EMAIL]
    if channel == Channel.IN_APP and not preferences.in_app_enabled:
        return REASON_CHANNEL_OFF[Channel.IN_APP]
    if reminder_time(assignment) is None:
        return REASON_NO_TIME
    return ""


def wanted_row(
    occurrence: Any, channel: str, preferences: ReminderPreferences, zone: ZoneInfo, today: date
) -> Wanted:
    if reason := _why_not(occurrence, preferences, channel):
        return Wanted(None, reason=reason)
    day = reminder_day(occurrence, occurrence.assignment.recurrence)
    at = reminder_time(occurrence.assignment)
    if day is None or at is None or day < today or day > today + timedelta(days=HORIZON_DAYS):
        return Wanted(None, reason=REASON_NOT_TODAY)
    if day == today and getattr(occurrence, "skipped_today", False):
        return Wanted(None, reason=REASON_SKIPPED)  # "not today": quiet today, later days as planned
    due = local_datetime(day, at, zone)
    moved = apply_quiet_hours(due, day, preferences, zone)
    if moved is None:
        return Wanted(due.astimezone(UTC), ReminderStatus.SKIPPED, REASON_QUIET)
    return Wanted(moved.astimezone(UTC))


def preferences_of(user: User) -> ReminderPreferences:
    """The person's saved preferences, or the defaults (unsaved) when they never chose any."""
    return ReminderPreferences.objects.filter(user=user).first() or ReminderPreferences(user=user)


def _occurrences_in_horizon(client: User, today: date) -> list[Any]:
    last = today + timedelta(days=HORIZON_DAYS)
    return list(
        Occurrence.objects.filter(client=client, due_date__gte=today, available_from__lte=last)
        .select_related("assignment", "assignment__reminder_setting")
        .annotate(
            is_logged=Exists(Log.objects.filter(occurrence=OuterRef("pk"))),
            skipped_today=Exists(Skip.objects.filter(occurrence=OuterRef("pk"), day=today)),
        )
        .order_by("due_date", "slot", "pk")
    )


def _reconcile(row: Reminder, wanted: Wanted, now: datetime) -> bool:
    """Bring an existing row in line with what is wanted. Returns whether it changed."""
    if row.status == ReminderStatus.PENDING:
        if wanted.due_at is None:
            row.status, row.reason = ReminderStatus.CANCELLED, wanted.reason
        elif row.attempts > 0:
            return False  # a retry the dispatcher rescheduled: its time is the dispatcher's
        elif wanted.status == ReminderStatus.SKIPPED:
            row.status, row.reason, row.due_at = ReminderStatus.SKIPPED, wanted.reason, wanted.due_at
        elif wanted.due_at == row.due_at:
            return False
        elif wanted.due_at <= now:
            row.status, row.reason = ReminderStatus.CANCELLED, REASON_PASSED
        else:
            row.due_at = wanted.due_at
        return True
    # A cancelled or skipped row that has not reached its time yet was the planner's
    # decision, not history: bring it back when the client's choices change again.
    revisable = row.status in (ReminderStatus.CANCELLED, ReminderStatus.SKIPPED) and row.due_at > now
    if not revisable or wanted.due_at is None or wanted.due_at <= now:
        return False
    if (row.status, row.reason, row.due_at) == (wanted.status, wanted.reason, wanted.due_at):
        return False
    row.status, row.reason, row.due_at = wanted.status, wanted.reason, wanted.due_at
    return True


@transaction.atomic
def plan_for_client(client: User) -> int:
    """Make the client's occurrence reminders over the horizon match their policy.

    Returns the number of rows created or changed. Rows a dispatcher has locked
    are left to it: its send-time policy check sees the same inputs.
    """
    if client.role != Role.CLIENT:
        return 0
    now = timezone.now()
    if client.closed_at is not None or current_care(client) is None:
        # A closed account, or nobody caring for them now (no therapist can pause their homework):
        # stop, saying which. Closing ends care first, so the closed account is checked first.
        reason = REASON_ACCOUNT_CLOSED if client.closed_at is not None else REASON_NOT_IN_CARE
        return Reminder.objects.filter(user=client, status=ReminderStatus.PENDING).update(
            status=ReminderStatus.CANCELLED, reason=reason, updated_at=now
        )
    today = client_today(client)
    zone = client.zone
    preferences = preferences_of(client)
    occurrences = _occurrences_in_horizon(client, today)
    keys = {
        (occurrence.pk, channel): idempotency_key(client.pk, occurrence, channel)
        for occurrence in occurrences
        for channel in Channel.values
    }
    existing = {
        row.idempotency_key: row
        for row in Reminder.objects.select_for_update(skip_locked=True).filter(
            kind=ReminderKind.OCCURRENCE, idempotency_key__in=keys.values()
        )
    }
    to_create: list[Reminder] = []
    to_update: list[Reminder] = []
    # One message per assignment, channel and minute: the first slot (in slot order) keeps it.
    taken: set[tuple[int, str, datetime]] = set()
    for occurrence in occurrences:
        for channel in Channel.values:
            wanted = wanted_row(occurrence, channel, preferences, zone, today)
            if wanted.due_at is not None:
                minute = (occurrence.assignment_id, channel, wanted.due_at.replace(second=0, microsecond=0))
                if minute in taken:
                    wanted = Wanted(None, reason=REASON_SAME_MINUTE)
                taken.add(minute)
            key = keys[occurrence.pk, channel]
            row = existing.get(key)
            if row is not None:
                reattached = row.occurrence_id != occurrence.pk
                row.occurrence = occurrence  # the slot's occurrence may have been re-created
                if _reconcile(row, wanted, now) or reattached:
                    row.updated_at = now
                    to_update.append(row)
            elif wanted.due_at is not None and wanted.due_at > now:
                to_create.append(_new_row(client, occurrence, channel, key, wanted, now))
    Reminder.objects.bulk_create(to_create, ignore_conflicts=True)
    Reminder.objects.bulk_update(to_update, ["occurrence", "status", "reason", "due_at", "updated_at"])
    # Pending rows whose occurrence went away (the assignment was edited, paused or
    # archived) and whose slot was not planned again are not needed any more.
    orphaned = Reminder.objects.filter(
        user=client, kind=ReminderKind.OCCURRENCE, occurrence__isnull=True, status=ReminderStatus.PENDING
    ).update(status=ReminderStatus.CANCELLED, reason=REASON_RESCHEDULED, updated_at=now)
    # Questionnaires that are due, from measures' windows (imported here: it uses this module).
    from reminders.questionnaires import plan_measure_reminders

    measured = plan_measure_reminders(client, preferences, now)
    return len(to_create) + len(to_update) + orphaned + measured


def _new_row(
    client: User, occurrence: Occurrence, channel: str, key: str, wanted: Wanted, now: datetime
) -> Reminder:
    assert wanted.due_at is not None  # noqa: S101  # nosec B101  # callers only create rows that have a time
    return Reminder(
        user=client,
        occurrence=occurrence,
        kind=ReminderKind.OCCURRENCE,
        channel=channel,
        due_at=wanted.due_at,
        status=wanted.status,
        reason=wanted.reason,
        idempotency_key=key,
        created_at=now,
        updated_at=now,
    )


def plan_all() -> int:
    """Re-plan every client who has active homework, a questionnaire window to come or pending
    reminders (the periodic task).

    Each client is planned in their own transaction, so one failure does not
    hold back everyone else. Returns the number of rows created or changed.
    """
    has_active = Assignment.objects.filter(client=OuterRef("pk"), status=AssignmentStatus.ACTIVE)
    has_pending = Reminder.objects.filter(user=OuterRef("pk"), status=ReminderStatus.PENDING)
    has_window = MeasureWindow.objects.filter(
        client=OuterRef("pk"), closes_at__gt=timezone.now(), plan__ended_at__isnull=True
    )
    clients = User.objects.filter(role=Role.CLIENT, is_active=True).filter(
        Exists(has_active) | Exists(has_pending) | Exists(has_window)
    )
    changed = 0
    for client in clients.order_by("pk").iterator(chunk_size=200):
        try:
            changed += plan_for_client(client)
        except Exception:  # one client's bad data must not stop the others
            logger.exception("Planning reminders failed for client %s", client.pk)
    return changed


@transaction.atomic
def cancel_for_occurrence(occurrence: Occurrence) -> int:
    """Once an occurrence is logged (any way), its pending reminders are cancelled."""
    return Reminder.objects.filter(occurrence=occurrence, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, reason=REASON_LOGGED, updated_at=timezone.now()
    )


# --- Hooks (registered in RemindersConfig.ready) -----------------------------------------------


def on_assignment_changed(assignment: Assignment) -> None:
    plan_for_client(assignment.client)


def on_occurrence_logged(occurrence: Occurrence) -> None:
    cancel_for_occurrence(occurrence)


def on_occurrence_unlogged(occurrence: Occurrence) -> None:
    """A log undone: the occurrence is open again, so its reminders are planned again."""
    plan_for_client(occurrence.client)


def on_occurrence_skipped(occurrence: Occurrence, day: date) -> None:
    """ "Not today": no more reminders of this occurrence on the client's ``day``; later days keep theirs."""
    zone = occurrence.client.zone
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    Reminder.objects.filter(
        occurrence=occurrence, status=ReminderStatus.PENDING, due_at__gte=start, due_at__lt=end
    ).update(status=ReminderStatus.CANCELLED, reason=REASON_SKIPPED, updated_at=timezone.now())


def on_occurrence_unskipped(occurrence: Occurrence, day: date) -> None:
    """A "not today" undone: that day's reminders of the occurrence are planned again."""
    plan_for_client(occurrence.client)


def on_profile_changed(user: User) -> None:
    plan_for_client(user)
    _keep_news_out_of_quiet_hours(user, preferences_of(user))


def _keep_news_out_of_quiet_hours(user: User, preferences: ReminderPreferences) -> None:
    """A news e-mail waiting to go that now falls in the client's quiet hours (chosen, or moved by a
    new time zone, after it was planned) waits for their end: at send time it would be skipped, and
    the news it tells would get no e-mail. At most one row per kind of news; reminder rows are
    locked last, as everywhere."""
    waiting = Reminder.objects.filter(
        user=user, kind=ReminderKind.NEWS, status=ReminderStatus.PENDING
    ).select_for_update(no_key=True)
    now = timezone.now()
    for row in waiting.only("pk", "due_at"):
        goes_at = max(row.due_at, now)
        due_at = _after_quiet_hours(preferences, user.zone, goes_at)
        if due_at != goes_at:
            Reminder.objects.filter(pk=row.pk).update(due_at=due_at, updated_at=now)


def on_account_closed(user: User) -> None:
    """A closed account gets nothing more: every pending reminder is cancelled (sends re-check too)."""
    Reminder.objects.filter(user=user, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, reason=REASON_ACCOUNT_CLOSED, updated_at=timezone.now()
    )


# --- The client's policy page: writes that re-plan ------------------------------------------------


@transaction.atomic
def get_preferences(*, user: User) -> ReminderPreferences:
    """The person's preferences row, created with the defaults the first time it is needed."""
    preferences, _ = ReminderPreferences.objects.get_or_create(user=user)
    return preferences


PREFERENCE_FIELDS = (
    "enabled",
    "email_enabled",
    "in_app_enabled",
    "quiet_start",
    "quiet_end",
    "daily_cap",
    "backoff",
    "weekly_summary",
)


@transaction.atomic
def save_preferences(*, user: User, **fields: Any) -> ReminderPreferences:
    """Save the person's choices (any of ``PREFERENCE_FIELDS``) and re-plan their reminders."""
    unknown = set(fields) - set(PREFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown preference fields: {sorted(unknown)}")
    preferences = ReminderPreferences.objects.select_for_update().filter(user=user).first()
    if preferences is None:
        preferences = get_preferences(user=user)
    for name, value in fields.items():
        setattr(preferences, name, value)
    preferences.updated_at = timezone.now()
    preferences.full_clean(exclude=["user"])
    preferences.save(update_fields=[*fields, "updated_at"])
    plan_for_client(user)
    _keep_news_out_of_quiet_hours(user, preferences)
    return preferences


@transaction.atomic
def set_assignment_reminder(
    *, assignment: Assignment, enabled: bool, time_of_day: time | None
) -> AssignmentReminder:
    """The client's choice for one assignment. The time is stored on the assignment through
    homework's service (``set_client_time``), so Today and the calendar feed's alarm have it too; a
    time equal to the assignment's preferred time is stored as "follow the assignment", so a
    later change by the therapist applies."""
    set_client_time(assignment=assignment, at=time_of_day)
    setting, _ = AssignmentReminder.objects.update_or_create(
        assignment=assignment, defaults={"enabled": enabled}
    )
    plan_for_client(assignment.client)
    return setting
