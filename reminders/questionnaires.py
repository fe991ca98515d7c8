"""Reminders of questionnaires that are due (``ReminderKind.MEASURE``), planned from measures' windows.

A window not yet answered gets one reminder per channel: at ``MEASURE_TIME`` on the client's wall
clock, the first such time once the window is open (from now, for one open already) when that is
before it closes, moved out of quiet hours like any reminder. The message names no questionnaire:
"You have a short check-in to fill in". The window rows are the source of truth:
``plan_for_client`` (planning.py) calls ``plan_measure_reminders`` whenever it plans a client, and
measures tells reminders about every change of a client's windows (``measures.hooks.windows_changed``),
so an answered, stopped or moved window's pending reminders are cancelled in the same transaction.
The send-time check is ``measure_skip_reason``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, OuterRef, Q

from mallard.models import User
from measures.models import MeasureResponse, MeasureWindow
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences, ReminderStatus
from reminders.planning import (
    REASON_CHANNEL_OFF,
    REASON_PASSED,
    REASON_QUIET,
    REASON_TURNED_OFF,
    Wanted,
    apply_quiet_hours,
    local_datetime,
)

# The local time a questionnaire is reminded at.
MEASURE_TIME = time(18, 0)
HORIZON_DAYS = 7

REASON_ANSWERED = "check-in filled in"
REASON_CLOSED = "check-in no longer open"
REASON_MOVED = "check-in moved or stopped"
REASON_SAME = "same check-in reminded already"


def idempotency_key(user_id: int, window: MeasureWindow, channel: str) -> str:
    """One reminder per client, plan, window and channel (a window is its plan's closing time)."""
    return f"measure:{user_id}:{window.plan_id}:{window.closes_at.astimezone(UTC):%Y%m%dT%H%M}:{channel}"


def reminder_at(window: MeasureWindow, zone: ZoneInfo, now: datetime) -> datetime | None:
    """The first ``MEASURE_TIME`` on the client's clock once the window is open (from ``now`` for
    one open already), if before it closes. Once planned, a row keeps its time (one per window)."""
    start = max(window.opens_at, now)
    day = start.astimezone(zone).date()
    due = local_datetime(day, MEASURE_TIME, zone)
    if due < start:
        due = local_datetime(day + timedelta(days=1), MEASURE_TIME, zone)
    return due if due < window.closes_at else None


def wanted_row(
    window: MeasureWindow, channel: str, preferences: ReminderPreferences, zone: ZoneInfo, now: datetime
) -> Wanted:
    if getattr(window, "is_answered", False):
        return Wanted(None, reason=REASON_ANSWERED)
    if not preferences.enabled:
        return Wanted(None, reason=REASON_TURNED_OFF)
    if channel == Channel.EMAIL and not preferences.email_enabled:
        return Wanted(None, reason=REASON_CHANNEL_OFF[Channel.EMAIL])
    if channel == Channel.IN_APP and not preferences.in_app_enabled:
        return Wanted(None, reason=REASON_CHANNEL_OFF[Channel.IN_APP])
    due = reminder_at(window, zone, now)
    if due is None:
        return Wanted(None, reason=REASON_CLOSED)
    moved = apply_quiet_hours(due, due.date(), preferences, zone)
    if moved is None or moved >= window.closes_at:
        return Wanted(due.astimezone(UTC), ReminderStatus.SKIPPED, REASON_QUIET)
    return Wanted(moved.astimezone(UTC))


def plan_measure_reminders(client: User, preferences: ReminderPreferences, now: datetime) -> int:
    """Make the client's questionnaire reminder rows match their windows. Three queries and the writes.

    Returns the number of rows created or changed. Called inside ``plan_for_client``'s transaction.
    """
    zone = client.zone
    windows = list(
        MeasureWindow.objects.filter(
            client=client,
            closes_at__gt=now,
            opens_at__lte=now + timedelta(days=HORIZON_DAYS),
            plan__ended_at__isnull=True,
        )
        .annotate(
            is_answered=Exists(MeasureResponse.objects.filter(window=OuterRef("pk")))
            | Q(covered_by__isnull=False),
            instrument=F("plan__instrument"),
        )
        .order_by("opens_at", "pk")
    )
    keys = {(w.pk, c): idempotency_key(client.pk, w, c) for w in windows for c in Channel.values}
    existing = {
        row.idempotency_key: row
        for row in Reminder.objects.select_for_update(skip_locked=True).filter(
            kind=ReminderKind.MEASURE, idempotency_key__in=keys.values()
        )
    }
    to_create: list[Reminder] = []
    to_update: list[Reminder] = []
    for window in windows:
        for channel in Channel.values:
            wanted = wanted_row(window, channel, preferences, zone, now)
            if wanted.due_at is not None and _reminded_with(window, windows, zone, now):
                wanted = Wanted(None, reason=REASON_SAME)
            key = keys[window.pk, channel]
            row = existing.get(key)
            if row is not None:
                if _reconcile(row, window, wanted, now):
                    row.updated_at = now
                    to_update.append(row)
            elif wanted.due_at is not None and wanted.due_at > now:
                to_create.append(
                    Reminder(
                        user=client,
                        measure_window=window,
                        kind=ReminderKind.MEASURE,
                        channel=channel,
                        due_at=wanted.due_at,
                        status=wanted.status,
                        reason=wanted.reason,
                        idempotency_key=key,
                        created_at=now,
                        updated_at=now,
                    )
                )
    Reminder.objects.bulk_create(to_create, ignore_conflicts=True)
    Reminder.objects.bulk_update(to_update, ["measure_window", "status", "reason", "due_at", "updated_at"])
    # Pending rows whose window went (answered and moved, stopped, a session cancelled), or whose
    # window is no longer wanted, are not needed any more.
    gone = (
        Reminder.objects.filter(user=client, kind=ReminderKind.MEASURE, status=ReminderStatus.PENDING)
        .exclude(idempotency_key__in=keys.values())
        .update(status=ReminderStatus.CANCELLED, reason=REASON_MOVED, updated_at=now)
    )
    return len(to_create) + len(to_update) + gone


def _reminded_with(
    window: MeasureWindow, windows: Sequence[MeasureWindow], zone: ZoneInfo, now: datetime
) -> bool:
    """Whether another unanswered window of the same questionnaire, opened before ``window``, is
    still open at ``window``'s reminder time: the client has one card of it on Today, and that
    earlier window's reminder is the one for it (an "Ask once now" beside a plan's own window)."""
    due = reminder_at(window, zone, now)
    return due is not None and any(
        other.instrument == window.instrument  # type: ignore[attr-defined]
        and not other.is_answered  # type: ignore[attr-defined]
        and (other.opens_at, other.pk) < (window.opens_at, window.pk)
        and other.closes_at > due
        for other in windows
    )


def _reconcile(row: Reminder, window: MeasureWindow, wanted: Wanted, now: datetime) -> bool:
    reattached = row.measure_window_id != window.pk
    row.measure_window = window
    if wanted.due_at is not None and _came_back(row, wanted.due_at, now):
        # Cancelled only because its window went (a session cancelled) or another ask stood in for
        # it, never sent: it is wanted again (the cancelling undone, or that ask closed unanswered).
        row.status, row.reason, row.due_at = wanted.status, wanted.reason, wanted.due_at
        return True
    if row.status != ReminderStatus.PENDING:
        return reattached  # sent, failed, cancelled or skipped: history
    if wanted.due_at is None:
        row.status, row.reason = ReminderStatus.CANCELLED, wanted.reason
    elif row.attempts > 0:
        return reattached  # a retry the dispatcher rescheduled: its time is the dispatcher's
    elif wanted.status == ReminderStatus.SKIPPED:
        row.status, row.reason, row.due_at = ReminderStatus.SKIPPED, wanted.reason, wanted.due_at
    elif wanted.due_at == row.due_at:
        return reattached
    elif wanted.due_at <= now:
        row.status, row.reason = ReminderStatus.CANCELLED, REASON_PASSED
    else:
        row.due_at = wanted.due_at
    return True


def _came_back(row: Reminder, due_at: datetime, now: datetime) -> bool:
    """A row cancelled, never tried, only because its window went (and is back) or because an
    earlier ask of the same questionnaire was reminded instead (and has closed unanswered)."""
    return (
        row.status == ReminderStatus.CANCELLED
        and row.reason in (REASON_MOVED, REASON_SAME)
        and row.attempts == 0
        and due_at > now
    )


def measure_skip_reason(
    reminder: Reminder, user: User, preferences: ReminderPreferences, now: datetime
) -> str:
    """Why a questionnaire reminder should not be sent now ("" when it should). One query."""
    if reminder.measure_window_id is None:
        return REASON_MOVED
    window = (
        MeasureWindow.objects.filter(pk=reminder.measure_window_id, plan__ended_at__isnull=True)
        .annotate(
            is_answered=Exists(MeasureResponse.objects.filter(window=OuterRef("pk")))
            | Q(covered_by__isnull=False)
        )
        .first()
    )
    if window is None:
        return REASON_MOVED
    if window.is_answered:
        return REASON_ANSWERED
    if not window.is_open(now) and now >= window.closes_at:
        return REASON_CLOSED
    if not preferences.enabled:
        return REASON_TURNED_OFF
    if reminder.channel == Channel.EMAIL and not preferences.email_enabled:
        return REASON_CHANNEL_OFF[Channel.EMAIL]
    if reminder.channel == Channel.IN_APP and not preferences.in_app_enabled:
        return REASON_CHANNEL_OFF[Channel.IN_APP]
    local = now.astimezone(user.zone).time()
    if preferences.in_quiet_hours(local):
        return REASON_QUIET
    return ""


def on_windows_changed(client: User) -> None:
    """measures wrote the client's windows: plan their reminders again (same transaction)."""
    from reminders.planning import plan_for_client

    plan_for_client(client)
