"""Weekly e-mails: a client's own summary, and a therapist's check-in digest.

``plan_weekly_digests(now)`` makes the rows (one per opted-in person per ISO
week, due Monday 08:00 in their zone); the dispatcher sends them, asking
``message_context(reminder)`` for what to put in the e-mail.

Neither carries clinical content. The client's summary counts how practice
went, with kind wording and never a title or an answer. The therapist's
digest names nobody: it counts the clients who may welcome a check-in and
links to the caseload, where the names and details are behind sign-in (and
MFA). An e-mail that links a person's name to therapy would be health
information outside Mallard.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from homework.models import Assignment, AssignmentStatus, Entry, Log, LogStatus, Occurrence
from homework.selectors.tracker import tracker
from mallard.access import clients_of
from mallard.models import Role, User
from measures.models import MeasureResponse
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences, ReminderStatus

SEND_AT = time(8, 0)  # Monday, the person's local time
QUIET_DAYS = 7  # no activity for this long: "may need a check-in"
NOT_DONE_IN_A_ROW = 3


def _link(name: str, *args: object) -> str:
    return settings.SITE_URL + reverse(name, args=args)


# --- Planning the rows -----------------------------------------------------------------------


def next_send_time(user: User, now: datetime) -> datetime:
    """The first Monday 08:00 in the user's zone at or after ``now``."""
    local = now.astimezone(user.zone)
    monday = local.date() + timedelta(days=(7 - local.weekday()) % 7)
    due = datetime.combine(monday, SEND_AT, tzinfo=user.zone)
    if due < now:
        due = datetime.combine(monday + timedelta(days=7), SEND_AT, tzinfo=user.zone)
    return due


def digest_key(kind: str, user_id: int, due: datetime, user: User) -> str:
    year, week, _ = due.astimezone(user.zone).date().isocalendar()
    return f"{kind}:{user_id}:{year}-W{week}"


@transaction.atomic
def plan_weekly_digests(now: datetime | None = None) -> int:
    """One pending e-mail reminder per opted-in person for the coming Monday; returns how many are new.

    Clients with ``weekly_summary`` get WEEKLY_SUMMARY, therapists with it get
    THERAPIST_DIGEST; people who turned reminder e-mails off get neither.
    Safe to run as often as the beat likes: the idempotency key names the ISO week.
    """
    now = now or timezone.now()
    kinds = {Role.CLIENT: ReminderKind.WEEKLY_SUMMARY, Role.THERAPIST: ReminderKind.THERAPIST_DIGEST}
    prefs = ReminderPreferences.objects.filter(
        weekly_summary=True, email_enabled=True, user__is_active=True, user__role__in=list(kinds)
    ).select_related("user")
    rows: list[Reminder] = []
    for pref in prefs:
        user = pref.user
        kind = kinds[Role(user.role)]
        due = next_send_time(user, now)
        rows.append(
            Reminder(
                user=user,
                kind=kind,
                channel=Channel.EMAIL,
                due_at=due,
                status=ReminderStatus.PENDING,
                idempotency_key=digest_key(kind.value, user.pk, due, user),
                created_at=now,
                updated_at=now,
            )
        )
    existing = set(
        Reminder.objects.filter(idempotency_key__in=[r.idempotency_key for r in rows]).values_list(
            "idempotency_key", flat=True
        )
    )
    new = [row for row in rows if row.idempotency_key not in existing]
    Reminder.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# --- What the e-mails say ----------------------------------------------------------------------


def message_context(reminder: Reminder) -> dict[str, Any]:
    """Template context for a weekly-summary or therapist-digest reminder."""
    if reminder.kind == ReminderKind.WEEKLY_SUMMARY:
        return weekly_summary_context(reminder.user, reminder.due_at)
    if reminder.kind == ReminderKind.THERAPIST_DIGEST:
        return therapist_digest_context(reminder.user, reminder.due_at)
    raise ValueError(f"No digest for a reminder of kind {reminder.kind!r}.")


def _week_before(user: User, moment: datetime) -> tuple[date, date]:
    """The seven local days before the day of ``moment`` (Monday to Sunday for a Monday send)."""
    last = moment.astimezone(user.zone).date() - timedelta(days=1)
    return last - timedelta(days=6), last


def weekly_summary_context(client: User, moment: datetime) -> dict[str, Any]:
    first, last = _week_before(client, moment)
    by_status = dict(
        Occurrence.objects.filter(client=client, due_date__gte=first, due_date__lte=last)
        .exclude(assignment__status=AssignmentStatus.ARCHIVED)
        .values_list("log__status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {
        "done": by_status.get(LogStatus.DONE, 0),
        "smaller": by_status.get(LogStatus.SMALLER, 0),
        "partly": by_status.get(LogStatus.PARTLY, 0),
        "not_done": by_status.get(LogStatus.NOT_DONE, 0),
        "not_logged": by_status.get(None, 0),
    }
    practised = counts["done"] + counts["smaller"] + counts["partly"]
    streak = tracker(client, moment.astimezone(client.zone).date()).streak
    return {
        "kind": ReminderKind.WEEKLY_SUMMARY.value,
        "subject": "Your week of practice in Mallard",
        "first_day": first,
        "last_day": last,
        "counts": counts,
        "rows": [
            ("Done", counts["done"]),
            ("Did the smaller version", counts["smaller"]),
            ("Partly done", counts["partly"]),
            ("Not done this time", counts["not_done"]),
            ("Not logged", counts["not_logged"]),
        ],
        "planned": sum(counts.values()),
        "practised": practised,
        "streak": streak,
        "lines": _summary_lines(counts, practised, streak),
        "progress_url": _link("homework-progress"),
        "today_url": _link("homework-today"),
        "preferences_url": _link("reminders-preferences"),
    }


def _summary_lines(counts: dict[str, int], practised: int, streak: int) -> list[str]:
    planned = sum(counts.values())
    if planned == 0:
        return [
            "Nothing was planned for last week. When new practice is planned, you'll see how it went here."
        ]
    lines: list[str] = []
    if practised:
        times = "once" if practised == 1 else f"{practised} times"
        lines.append(f"You practised {times} last week. Every bit of practice counts.")
        if counts["smaller"]:
            lines.append("Doing the smaller version on a hard day counts too — that's what it's for.")
    elif counts["not_done"]:
        lines.append(
            "Last week was a hard one for practice, and that happens. Telling Mallard why is useful "
            "to know, and this week is a fresh start."
        )
    else:
        lines.append(
            "Nothing was logged last week. A new week is a fresh start: even the smaller version counts."
        )
    if streak > 1:
        lines.append(f"You're on a {streak}-day streak. Nice work.")
    return lines


def therapist_digest_context(therapist: User, moment: datetime) -> dict[str, Any]:
    """How many clients may welcome a check-in: quiet for a week, or 3+ "not done" in a row (2 queries)."""
    since = moment - timedelta(days=QUIET_DAYS)
    clients = list(
        clients_of(therapist)
        .annotate(
            had_homework=Exists(
                Assignment.objects.filter(
                    client=OuterRef("pk"), status=AssignmentStatus.ACTIVE, created_at__lte=since
                )
            ),
            logged=Exists(Log.objects.filter(client=OuterRef("pk"), logged_at__gte=since)),
            wrote=Exists(Entry.objects.filter(client=OuterRef("pk"), is_draft=False, updated_at__gte=since)),
            # A questionnaire answered is activity too, as on the caseload.
            answered=Exists(MeasureResponse.objects.filter(client=OuterRef("pk"), submitted_at__gte=since)),
        )
        .only("pk")
    )
    quiet = {c.pk for c in clients if c.had_homework and not (c.logged or c.wrote or c.answered)}
    stuck = _not_done_in_a_row([c.pk for c in clients])
    return {
        "kind": ReminderKind.THERAPIST_DIGEST.value,
        "subject": "Your weekly Mallard digest",
        "no_activity_count": len(quiet),
        "not_done_in_a_row_count": len(stuck),
        "flagged_count": len(quiet | stuck),
        "client_count": len(clients),
        "lines": _digest_lines(len(quiet | stuck), len(clients)),
        "caseload_url": _link("sessions-caseload"),
        "preferences_url": _link("reminders-preferences"),
    }


def _not_done_in_a_row(client_ids: list[int]) -> set[int]:
    """Clients whose last three logs are all "not done" (one query, a window over each client's logs)."""
    if not client_ids:
        return set()
    latest = (
        Log.objects.filter(client_id__in=client_ids)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("client_id")], order_by=[F("logged_at").desc(), F("pk").desc()]
            )
        )
        .filter(position__lte=NOT_DONE_IN_A_ROW)
        .values_list("client_id", "status")
    )
    statuses: dict[int, list[str]] = defaultdict(list)
    for client_id, status in latest:
        statuses[client_id].append(status)
    return {
        client_id
        for client_id, recent in statuses.items()
        if len(recent) == NOT_DONE_IN_A_ROW and all(s == LogStatus.NOT_DONE for s in recent)
    }


def _digest_lines(flagged: int, total: int) -> list[str]:
    if total == 0:
        return ["You have no clients in Mallard yet."]
    if flagged == 0:
        return ["Everyone on your caseload has been practising or logging this week."]
    who = "One client" if flagged == 1 else f"{flagged} clients"
    return [
        f"{who} may welcome a check-in: no activity in the last {QUIET_DAYS} days, "
        f"or {NOT_DONE_IN_A_ROW} or more “not done” logs in a row. Your caseload shows who."
    ]
