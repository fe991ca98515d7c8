"""The client's policy, checked again at send time.

The dispatcher calls ``skip_reason(reminder, now)`` before it sends a claimed row. An
empty string means "send it"; anything else is recorded as the row's reason
and the row is marked skipped. Planning already follows the same rules; this
check catches whatever changed since (a log, a pause, a new quiet time) and
applies the rules that depend on what was sent: the daily cap and back-off.

Daily cap: the number of *occurrences* reminded (at least one row sent) to
the person on the local day of ``now``, across channels. An e-mail and an
in-app reminder for the same occurrence count once, and the second channel of
an occurrence already reminded is never held back by the cap. News from the
therapist, questionnaires, weekly summaries and digests don't count and are
never held back by it. The dispatcher reads the reminded occurrences of a
whole batch's people at once (``reminded_today``) and passes each person's set
to ``skip_reason``, adding to it as the batch sends.

Back-off: a sent reminder was *ignored* when its occurrence had not been
logged by the end of the local day it was sent on. After three reminded
occurrences in a row were ignored (only days that have ended count), GENTLE
sends only every other day and WEEKLY once a week: a reminder is held back
when the last one went out 1 day ago (GENTLE) or 1 to 6 days ago (WEEKLY).
Reminders still go out on those days, so back-off never silences reminders
altogether; only the client can turn them off.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, Q, Subquery

from homework.access import has_active_assignment, has_unread_feedback
from homework.hooks import News
from homework.models import AssignmentStatus, Log, Occurrence
from mallard.access import current_care
from mallard.models import CareRelationship, User
from reminders import news
from reminders.models import (
    AssignmentReminder,
    Backoff,
    Channel,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)
from reminders.planning import (
    REASON_ASSIGNMENT_OFF,
    REASON_CHANNEL_OFF,
    REASON_LOGGED,
    REASON_NOT_IN_CARE,
    REASON_QUIET,
    REASON_STATUS,
    REASON_TURNED_OFF,
    local_day_bounds,
    preferences_of,
)
from reminders.questionnaires import measure_skip_reason

REASON_DAY_PASSED = "its day has passed"
REASON_CAP = "daily limit reached"
REASON_BACKOFF = "reminding less often after a few unanswered reminders"
REASON_SUMMARY_OFF = "weekly summary turned off"
REASON_INACTIVE = "account not active"
REASON_FEEDBACK_GONE = "the feedback was removed or already read"
REASON_HOMEWORK_GONE = "the homework was paused, archived or removed"

IGNORED_IN_A_ROW = 3
BACKOFF_GAP_DAYS = {Backoff.GENTLE: 2, Backoff.WEEKLY: 7}
_FINISHED = (ReminderStatus.SENT, ReminderStatus.CANCELLED, ReminderStatus.SKIPPED)


# What the dispatcher loads with a batch's rows, so that ``skip_reason`` reads it from there
# instead of three more queries per row: the person with their preferences, the occurrence with its
# assignment and the client's setting, whether the client is in care and whether it is logged.
PRELOAD_RELATED = ("user__reminder_preferences", "occurrence__assignment__reminder_setting")


def preload_annotations() -> dict[str, Exists]:
    """Annotations for the dispatcher's row query (see ``PRELOAD_RELATED``)."""
    return {
        # The same test as ``mallard.access.current_care``: a care relationship that has not ended.
        "policy_in_care": Exists(
            CareRelationship.objects.filter(client=OuterRef("user"), ended_at__isnull=True)
        ),
        "policy_logged": Exists(Log.objects.filter(occurrence=OuterRef("occurrence"))),
    }


def reminded_today(reminders: Iterable[Reminder], now: datetime) -> dict[int, set[int]]:
    """For each person with an occurrence reminder among ``reminders``: the occurrences reminded
    (at least one row sent) on their local day of ``now``. One query, whatever the number of people.
    """
    people_by_zone: dict[str, set[int]] = {}
    for reminder in reminders:
        if reminder.kind == ReminderKind.OCCURRENCE:
            people_by_zone.setdefault(reminder.user.time_zone, set()).add(reminder.user_id)
    reminded: dict[int, set[int]] = {pk: set() for people in people_by_zone.values() for pk in people}
    if not reminded:
        return reminded
    their_days = Q()
    for zone_name, people in people_by_zone.items():
        zone = ZoneInfo(zone_name)
        start, end = local_day_bounds(now.astimezone(zone).date(), zone)
        their_days |= Q(user_id__in=people, sent_at__gte=start, sent_at__lt=end)
    sent = Reminder.objects.filter(their_days, kind=ReminderKind.OCCURRENCE, status=ReminderStatus.SENT)
    for user_id, occurrence_id in sent.order_by().values_list("user_id", "occurrence_id").distinct():
        reminded[user_id].add(occurrence_id)
    return reminded


def skip_reason(reminder: Reminder, now: datetime, *, reminded: set[int] | None = None) -> str:
    """Why the reminder should not be sent now ("" when it should).

    A row loaded with ``PRELOAD_RELATED`` and ``preload_annotations()`` (as the
    dispatcher loads a batch) is checked from what it carries; any other row is
    checked with fresh queries. ``reminded``, when given, is the occurrences
    already reminded to the person today (see ``reminded_today``); without it
    the daily limit is read from the database.
    """
    if reminder.status in _FINISHED:
        return f"already {reminder.get_status_display().lower()}"
    preloaded = hasattr(reminder, "policy_in_care")
    # A fresh read of the person and their preferences (a row's cached user may be old).
    user = (
        reminder.user
        if preloaded
        else User.objects.select_related("reminder_preferences").get(pk=reminder.user_id)
    )
    if not user.is_active:
        return REASON_INACTIVE
    preferences = _preferences(user)
    if reminder.kind == ReminderKind.NEWS:
        return _news_reason(reminder, user, preferences, now)
    if reminder.kind == ReminderKind.MEASURE:
        in_care = reminder.policy_in_care if preloaded else current_care(user) is not None  # type: ignore[attr-defined]
        return REASON_NOT_IN_CARE if not in_care else measure_skip_reason(reminder, user, preferences, now)
    if reminder.kind != ReminderKind.OCCURRENCE:
        if not preferences.email_enabled:  # "Stop these e-mails" covers summaries and digests too
            return REASON_CHANNEL_OFF[Channel.EMAIL]
        return "" if preferences.weekly_summary else REASON_SUMMARY_OFF
    in_care = reminder.policy_in_care if preloaded else current_care(user) is not None  # type: ignore[attr-defined]
    if not in_care:
        return REASON_NOT_IN_CARE
    occurrence_id = reminder.occurrence_id
    if occurrence_id is None:  # pragma: no cover - a database constraint forbids it
        return "no occurrence"
    if preloaded:
        occurrence, logged = reminder.occurrence, bool(reminder.policy_logged)  # type: ignore[attr-defined]
    else:
        occurrence, logged = _load_occurrence(occurrence_id)
    return (
        _occurrence_reason(occurrence, logged, user, preferences, now)
        or _channel_reason(reminder, preferences)
        or _quiet_reason(user, preferences, now)
        or _cap_reason(occurrence_id, user, preferences, now, reminded)
        or _backoff_reason(occurrence_id, user, preferences, now)
    )


def _preferences(user: User) -> ReminderPreferences:
    """The person's preferences, from the user query when it loaded them, else the defaults."""
    if User.reminder_preferences.is_cached(user):
        try:
            return user.reminder_preferences
        except ReminderPreferences.DoesNotExist:
            return ReminderPreferences(user=user)
    return preferences_of(user)


def _load_occurrence(occurrence_id: int) -> tuple[Occurrence | None, bool]:
    occurrence = (
        Occurrence.objects.select_related("assignment", "assignment__reminder_setting")
        .filter(pk=occurrence_id)
        .annotate(logged=Exists(Log.objects.filter(occurrence=OuterRef("pk"))))
        .first()
    )
    return occurrence, bool(getattr(occurrence, "logged", False))


def _occurrence_reason(
    occurrence: Occurrence | None, logged: bool, user: User, preferences: ReminderPreferences, now: datetime
) -> str:
    if occurrence is None:  # pragma: no cover - the row would have been deleted with it
        return "occurrence removed"
    if logged:
        return REASON_LOGGED
    status = occurrence.assignment.status
    if status != AssignmentStatus.ACTIVE:
        return REASON_STATUS.get(AssignmentStatus(status), "assignment not active")
    if occurrence.due_date < now.astimezone(user.zone).date():
        return REASON_DAY_PASSED
    if not preferences.enabled:
        return REASON_TURNED_OFF
    setting: AssignmentReminder | None = getattr(occurrence.assignment, "reminder_setting", None)
    if setting is not None and not setting.enabled:
        return REASON_ASSIGNMENT_OFF
    return ""


def _channel_reason(reminder: Reminder, preferences: ReminderPreferences) -> str:
    if reminder.channel == Channel.EMAIL and not preferences.email_enabled:
        return REASON_CHANNEL_OFF[Channel.EMAIL]
    if reminder.channel == Channel.IN_APP and not preferences.in_app_enabled:
        return REASON_CHANNEL_OFF[Channel.IN_APP]
    return ""


def _quiet_reason(user: User, preferences: ReminderPreferences, now: datetime) -> str:
    return REASON_QUIET if preferences.in_quiet_hours(now.astimezone(user.zone).time()) else ""


def _cap_reason(
    occurrence_id: int,
    user: User,
    preferences: ReminderPreferences,
    now: datetime,
    reminded: set[int] | None,
) -> str:
    if reminded is None:
        start, end = local_day_bounds(now.astimezone(user.zone).date(), user.zone)
        sent_today = Reminder.objects.filter(
            user=user,
            kind=ReminderKind.OCCURRENCE,
            status=ReminderStatus.SENT,
            sent_at__gte=start,
            sent_at__lt=end,
        )
        reminded = set(sent_today.order_by().values_list("occurrence_id", flat=True).distinct())
    if occurrence_id in reminded:
        return ""  # another channel of this occurrence went out: it counts once
    return REASON_CAP if len(reminded) >= preferences.daily_cap else ""


def _backoff_reason(occurrence_id: int, user: User, preferences: ReminderPreferences, now: datetime) -> str:
    gap_needed = BACKOFF_GAP_DAYS.get(Backoff(preferences.backoff))
    if gap_needed is None:
        return ""
    zone = user.zone
    today = now.astimezone(zone).date()
    today_start, _ = local_day_bounds(today, zone)
    earlier = (
        Reminder.objects.filter(
            user=user, kind=ReminderKind.OCCURRENCE, status=ReminderStatus.SENT, sent_at__lt=today_start
        )
        .exclude(occurrence_id=occurrence_id)
        .annotate(
            logged_at=Subquery(Log.objects.filter(occurrence=OuterRef("occurrence")).values("logged_at"))
        )
        .order_by("-sent_at")
        .values_list("occurrence_id", "sent_at", "logged_at")[: IGNORED_IN_A_ROW * len(Channel.values)]
    )
    latest: dict[int, tuple[datetime, datetime | None]] = {}
    for reminded, sent_at, logged_at in earlier:
        if sent_at is not None:  # always, for a sent row
            latest.setdefault(reminded, (sent_at, logged_at))
    recent = list(latest.values())[:IGNORED_IN_A_ROW]
    if len(recent) < IGNORED_IN_A_ROW or not all(_ignored(s, lg, zone) for s, lg in recent):
        return ""
    last_sent_day = recent[0][0].astimezone(zone).date()
    gap = (today - last_sent_day).days
    return REASON_BACKOFF if 0 < gap < gap_needed else ""


def _ignored(sent_at: datetime, logged_at: datetime | None, zone: ZoneInfo) -> bool:
    """Not logged by the end of the local day the reminder went out on."""
    _, end = local_day_bounds(sent_at.astimezone(zone).date(), zone)
    return logged_at is None or logged_at >= end


def _news_reason(reminder: Reminder, user: User, preferences: ReminderPreferences, now: datetime) -> str:
    """A news e-mail (new or changed homework, feedback) follows the person's on/off choices and quiet
    hours like a reminder.

    The daily limit ("Most reminders in one day") counts practice reminders only: news neither uses
    it up nor is held back by it. News is kept few another way: one pending e-mail per kind of news
    (``reminders.news``).
    """
    if current_care(user) is None:
        return REASON_NOT_IN_CARE
    if not preferences.enabled:
        return REASON_TURNED_OFF
    return (
        _channel_reason(reminder, preferences)
        or _quiet_reason(user, preferences, now)
        or _news_gone_reason(reminder, user)
    )


def _news_gone_reason(reminder: Reminder, user: User) -> str:
    """A news e-mail goes out only while what it tells is still true, read at send time:

    - feedback: one of the entries it tells about has feedback the client has not opened; feedback
      the therapist removed (or the client has read) while the e-mail waited leaves nothing to tell;
    - new or changed homework: one of the assignments it tells about is still active.

    Homework paused, archived, completed or removed while its e-mail waited (for the end of quiet
    hours, the gap after the last e-mail, or a busy dispatcher) leaves nothing to practise: the row
    is skipped. The row says what it tells (``Reminder.news_about``; news joins it only while it
    waits, ``reminders.news``), so news told by an earlier e-mail never makes this one go. One
    query; a row planned before rows kept that (an empty list) tells the news of its kind since the
    last e-mail of the kind that went out before it was planned, read in two."""
    kind = news.news_of(reminder)
    about: list[int] = reminder.news_about
    if about:
        if kind == News.FEEDBACK:
            told = has_unread_feedback(user, entry_ids=about)
            return "" if told else REASON_FEEDBACK_GONE
        return "" if has_active_assignment(user, assignment_ids=about) else REASON_HOMEWORK_GONE
    last_told = (
        Reminder.objects.filter(
            user_id=reminder.user_id,
            kind=ReminderKind.NEWS,
            idempotency_key__startswith=news.key_prefix(user, kind),
            status=ReminderStatus.SENT,
            sent_at__lt=reminder.created_at,
        )
        .exclude(pk=reminder.pk)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    if kind == News.FEEDBACK:
        return "" if has_unread_feedback(user, written_after=last_told) else REASON_FEEDBACK_GONE
    if kind == News.ASSIGNED:
        still_there = has_active_assignment(user, added_after=last_told)
    else:
        still_there = has_active_assignment(user, changed_after=last_told)
    return "" if still_there else REASON_HOMEWORK_GONE
