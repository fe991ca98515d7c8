"""The client's private calendar feed: "schedule it", in their own calendar app.

One VEVENT per open occurrence of an active assignment, from a week ago to four
weeks ahead (as far as occurrences are planned). Events say "Practice time
(Mallard)" and nothing else: calendars show on lock screens and shared
screens, and reminders never carry clinical content.

- An event is at the time agreed with the therapist (``Assignment.preferred_time``, "Best at" on
  Today), not at the client's reminder time: the calendar shows the plan, and the alarm is the
  reminder. An occurrence on one day with an agreed time is a timed event at that local time
  (written in UTC), lasting the estimated minutes. Its display alarm goes off at the client's own
  reminder time (``Assignment.client_time``, chosen on their reminders page) when they chose one,
  as a trigger relative to the start (before or after it); otherwise ten minutes before.
- Each slot of an "N times a week" assignment is one event on the day its
  reminder is planned for (``planning.reminder_day``: the slots spread over the
  week's window): a timed event at the agreed time, or without one an
  all-day event on that day. N slots make N events on N days, never N
  identical week-long events.
- Without an agreed time, or for a one-off with a deadline, it is an all-day event over the window,
  with its alarm on the day its e-mail reminder comes (``planning.reminder_day``: a one-off's due
  day, so a one-off open from Monday to Wednesday rings on Wednesday, as the reminders page says),
  at the reminder time (``Assignment.practice_time``: the client's own, else the agreed one), or at
  9 am when there is neither. An all-day event has no time zone (calendars show it on the device's
  clock), so the alarm's offset from the first day's start is the time that really passes from
  midnight to that time on the client's clock: right on the days clocks change, too.
- An alarm never goes off in the client's quiet hours, by the rule their e-mail reminders follow
  (``planning.apply_quiet_hours``): one that falls inside them goes off when they end that day, and
  when they end only the next day the event has no alarm, as no e-mail reminder is sent then.

The URL carries a signed token with the feed's version (``reminders.tokens``);
revoking bumps the version, so every older URL stops working at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from homework.models import AssignmentStatus, Occurrence, Recurrence
from mallard.models import User
from reminders.models import ReminderPreferences
from reminders.planning import apply_quiet_hours, local_datetime, reminder_day
from reminders.tokens import feed_token

PAST_DAYS = 7
FUTURE_DAYS = 28
SUMMARY = "Practice time (Mallard)"
CALENDAR_NAME = "Mallard practice"
PRODID = "-//Mallard//Practice calendar//EN"
ALARM_BEFORE = timedelta(minutes=10)
ALL_DAY_ALARM_AT = time(9, 0)  # on the client's clock, when they chose no time


# --- Settings (the client's side) ---------------------------------------------------------------


@dataclass(frozen=True)
class FeedUrls:
    https: str
    webcal: str


def feed_urls(prefs: ReminderPreferences) -> FeedUrls:
    url = settings.SITE_URL + reverse("reminders-feed", args=[feed_token(prefs)])
    return FeedUrls(https=url, webcal="webcal://" + url.split("://", 1)[1])


def preferences_of(user: User) -> ReminderPreferences | None:
    """The user's preferences if they have any (reading never creates them)."""
    return ReminderPreferences.objects.filter(user=user).first()


def _locked_preferences(user: User) -> ReminderPreferences:
    prefs, _ = ReminderPreferences.objects.select_for_update().get_or_create(user=user)
    return prefs


@transaction.atomic
def enable_feed(*, user: User) -> ReminderPreferences:
    prefs = _locked_preferences(user)
    if not prefs.feed_enabled:
        prefs.feed_enabled = True
        prefs.updated_at = timezone.now()
        prefs.save(update_fields=["feed_enabled", "updated_at"])
    return prefs


@transaction.atomic
def disable_feed(*, user: User) -> ReminderPreferences:
    """Turn the feed off. The version moves on too, so turning it on again gives a new URL."""
    prefs = _locked_preferences(user)
    if prefs.feed_enabled:
        prefs.feed_enabled = False
        prefs.feed_version += 1
        prefs.updated_at = timezone.now()
        prefs.save(update_fields=["feed_enabled", "feed_version", "updated_at"])
    return prefs


@transaction.atomic
def revoke_feed(*, user: User) -> ReminderPreferences:
    """Make every earlier feed URL stop working, and keep the feed on with a new URL."""
    prefs = _locked_preferences(user)
    prefs.feed_version += 1
    prefs.feed_enabled = True
    prefs.updated_at = timezone.now()
    prefs.save(update_fields=["feed_version", "feed_enabled", "updated_at"])
    return prefs


# --- The feed itself ------------------------------------------------------------------------------


def feed_occurrences(client: User, today: date) -> list[Occurrence]:
    """Open occurrences of active assignments due from a week ago to four weeks ahead (one query)."""
    return list(
        Occurrence.objects.filter(
            client=client,
            assignment__status=AssignmentStatus.ACTIVE,
            due_date__gte=today - timedelta(days=PAST_DAYS),
            due_date__lte=today + timedelta(days=FUTURE_DAYS),
            log__isnull=True,
            left_schedule_on__isnull=True,  # a past day a change of schedule left out
        )
        .select_related("assignment")
        .only(
            "available_from",
            "due_date",
            "slot",
            "assignment__preferred_time",
            "assignment__client_time",
            "assignment__estimated_minutes",
            "assignment__recurrence",
            "assignment__times_per_week",
        )
        .order_by("due_date", "assignment_id", "slot")
    )


def _event_days(occurrence: Occurrence) -> tuple[date, date]:
    """The first and last local day of an occurrence's event.

    A weekly quota's slot sits on the one day its reminder is planned for, so N slots are N
    events spread over the week; a slot left over beyond the window's days (planned before
    quotas were pro-rated) keeps the whole window. Anything else spans its window."""
    if occurrence.assignment.recurrence == Recurrence.TIMES_PER_WEEK:
        day = reminder_day(occurrence, occurrence.assignment.recurrence)
        if day is not None:
            return day, day
    return occurrence.available_from, occurrence.due_date


def _instant(day: date, at: time, client: User) -> datetime:
    """A time on the client's clock as an instant in UTC (so that differences are real time)."""
    return local_datetime(day, at, client.zone).astimezone(UTC)


def _trigger(
    start: datetime, alarm_at: datetime, prefs: ReminderPreferences, client: User
) -> timedelta | None:
    """The alarm's offset from ``start``, moved out of quiet hours as a homework reminder is, or
    None when that reminder is not sent at all (its quiet hours end only the next day)."""
    moved = apply_quiet_hours(alarm_at, alarm_at.astimezone(client.zone).date(), prefs, client.zone)
    return None if moved is None else moved - start


def _event(
    occurrence: Occurrence,
    prefs: ReminderPreferences,
    domain: str,
    stamp: datetime,
    today_url: str,
) -> Event:
    client = prefs.user
    event = Event()
    event.add("uid", f"occurrence-{occurrence.pk}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", SUMMARY)
    event.add("description", f"Open Mallard to see what to do: {today_url}")
    event.add("url", today_url)
    event.add("transp", "TRANSPARENT")
    assignment = occurrence.assignment
    agreed: time | None = assignment.preferred_time
    first, last = _event_days(occurrence)
    if agreed is not None and first == last:
        # The same wall-clock rules as the reminders: a skipped time moves to the first valid minute.
        start = _instant(first, agreed, client)
        event.add("dtstart", start)
        event.add("duration", timedelta(minutes=assignment.estimated_minutes))
        own = assignment.client_time
        alarm_at = _instant(first, own, client) if own is not None else start - ALARM_BEFORE
    else:
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))
        start = _instant(first, time(0), client)
        # On the day the e-mail reminder comes (a one-off's due day), so the two never disagree.
        day = reminder_day(occurrence, assignment.recurrence) or first
        at = assignment.practice_time
        alarm_at = _instant(day, ALL_DAY_ALARM_AT if at is None else at, client)
    trigger = _trigger(start, alarm_at, prefs, client)
    if trigger is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", SUMMARY)
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def build_calendar(prefs: ReminderPreferences, *, now: datetime | None = None) -> bytes:
    """The feed of the client whose preferences these are, as iCalendar bytes."""
    client = prefs.user
    now = (now or timezone.now()).astimezone(UTC).replace(microsecond=0)
    today = now.astimezone(client.zone).date()
    domain = urlsplit(settings.SITE_URL).hostname or "mallard"
    today_url = settings.SITE_URL + reverse("homework-today")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-published-ttl", "PT1H")
    for occurrence in feed_occurrences(client, today):
        calendar.add_component(_event(occurrence, prefs, domain, now, today_url))
    return calendar.to_ical()
