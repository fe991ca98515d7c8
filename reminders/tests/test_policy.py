"""The send-time policy: why a due reminder must not go out now."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine

from homework import services as homework
from homework.models import AssignmentStatus, Kind, LogStatus
from homework.tests.conftest import make_assignment
from reminders import planning
from reminders.models import (
    AssignmentReminder,
    Backoff,
    Channel,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)
from reminders.policy import skip_reason

pytestmark = pytest.mark.django_db

# Monday 1 June 2026, 08:00 in New York (carol's zone). Reminders are at 20:00 local = 00:00 UTC.
START = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
D0 = date(2026, 6, 1)


def _at_20(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=UTC)


def _occurrence(row: Reminder):
    assert row.occurrence is not None
    return row.occurrence


def _row(client, day: date, channel: str = Channel.EMAIL, assignment=None) -> Reminder:
    rows = Reminder.objects.filter(user=client, occurrence__due_date=day, channel=channel)
    if assignment is not None:
        rows = rows.filter(occurrence__assignment=assignment)
    return rows.get()


def _claim(row: Reminder) -> Reminder:
    """What the dispatcher does before asking: lock the row and mark it sending."""
    Reminder.objects.filter(pk=row.pk).update(status=ReminderStatus.SENDING, claimed_at=row.due_at)
    row.refresh_from_db()
    return row


def _mark_sent(row: Reminder, at: datetime | None = None) -> None:
    Reminder.objects.filter(pk=row.pk).update(status=ReminderStatus.SENT, sent_at=at or row.due_at)


@pytest.fixture
def daily(therapist, client_user):
    with time_machine.travel(START, tick=False):
        return make_assignment(therapist, client_user, start=D0, preferred_time=time(20, 0))


def test_a_due_reminder_with_nothing_against_it_is_sent(client_user, daily) -> None:
    row = _claim(_row(client_user, D0))
    assert skip_reason(row, row.due_at) == ""


def test_a_logged_occurrence_is_not_reminded(client_user, daily) -> None:
    row = _claim(_row(client_user, D0))
    with time_machine.travel(START, tick=False):
        homework.log_occurrence(occurrence=_occurrence(row), status=LogStatus.DONE)
    assert skip_reason(row, row.due_at) == "occurrence logged"


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (AssignmentStatus.PAUSED, "assignment paused"),
        (AssignmentStatus.ARCHIVED, "assignment archived"),
        (AssignmentStatus.COMPLETED, "assignment completed"),
    ],
)
def test_an_assignment_that_is_not_active_is_not_reminded(client_user, status, reason) -> None:
    with time_machine.travel(START, tick=False):
        from mallard.models import User

        therapist = User.objects.get(email="alice@example.com")
        assignment = make_assignment(therapist, client_user, Kind.JOURNAL, start=D0)
        occurrence = assignment.occurrences.get(due_date=D0)
        homework.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "draft"}, submit=False)
        row = _claim(_row(client_user, D0))
        homework.set_assignment_status(assignment=assignment, status=status)
    assert skip_reason(row, row.due_at) == reason


def test_reminders_turned_off_overall_per_assignment_and_per_channel(client_user, daily) -> None:
    row = _claim(_row(client_user, D0))
    preferences = ReminderPreferences.objects.create(user=client_user, enabled=False)
    assert skip_reason(row, row.due_at) == "reminders turned off"
    ReminderPreferences.objects.filter(pk=preferences.pk).update(enabled=True, email_enabled=False)
    assert skip_reason(row, row.due_at) == "e-mail reminders turned off"
    ReminderPreferences.objects.filter(pk=preferences.pk).update(email_enabled=True)
    AssignmentReminder.objects.create(assignment=daily, enabled=False)
    assert skip_reason(row, row.due_at) == "reminders turned off for this activity"
    in_app = _claim(_row(client_user, D0, Channel.IN_APP))
    ReminderPreferences.objects.filter(pk=preferences.pk).update(in_app_enabled=False)
    AssignmentReminder.objects.filter(assignment=daily).update(enabled=True)
    assert skip_reason(in_app, in_app.due_at) == "in-app reminders turned off"


def test_now_inside_quiet_hours_holds_the_reminder_back(client_user, daily) -> None:
    row = _claim(_row(client_user, D0))
    ReminderPreferences.objects.create(user=client_user, quiet_start=time(19, 0), quiet_end=time(21, 0))
    assert skip_reason(row, row.due_at) == "in quiet hours"
    assert skip_reason(row, row.due_at + timedelta(hours=1, minutes=1)) == ""  # 21:01 local


def test_a_reminder_after_its_day_is_not_sent_late(client_user, daily) -> None:
    row = _claim(_row(client_user, D0))
    assert skip_reason(row, row.due_at + timedelta(hours=4, minutes=1)) == "its day has passed"


def test_finished_rows_are_never_sent_again(client_user, daily) -> None:
    row = _row(client_user, D0)
    _mark_sent(row)
    row.refresh_from_db()
    assert skip_reason(row, row.due_at) == "already sent"


def test_the_daily_cap_counts_occurrences_not_channels(therapist, client_user) -> None:
    with time_machine.travel(START, tick=False):
        first = make_assignment(therapist, client_user, start=D0)
        second = make_assignment(therapist, client_user, Kind.JOURNAL, start=D0)
    ReminderPreferences.objects.create(user=client_user, daily_cap=1)
    first_email = _row(client_user, D0, Channel.EMAIL, first)
    _mark_sent(first_email)
    first_in_app = _claim(_row(client_user, D0, Channel.IN_APP, first))
    assert skip_reason(first_in_app, first_in_app.due_at) == ""  # the same occurrence counts once
    second_email = _claim(_row(client_user, D0, Channel.EMAIL, second))
    assert skip_reason(second_email, second_email.due_at) == "daily limit reached"
    ReminderPreferences.objects.filter(user=client_user).update(daily_cap=2)
    assert skip_reason(second_email, second_email.due_at) == ""


def test_news_sent_today_does_not_use_up_the_daily_cap(therapist, client_user, daily) -> None:
    ReminderPreferences.objects.create(user=client_user, daily_cap=1)
    with time_machine.travel(START, tick=False):
        make_assignment(therapist, client_user, Kind.JOURNAL, start=D0)
    news = Reminder.objects.filter(user=client_user, kind=ReminderKind.NEWS)
    assert news.update(status=ReminderStatus.SENT, sent_at=START) == 1
    row = _claim(_row(client_user, D0, Channel.EMAIL, daily))
    assert skip_reason(row, row.due_at) == ""


def test_the_daily_cap_uses_the_clients_local_day(therapist, client_user) -> None:
    with time_machine.travel(START, tick=False):
        first = make_assignment(therapist, client_user, start=D0)
        second = make_assignment(therapist, client_user, Kind.JOURNAL, start=D0)
    ReminderPreferences.objects.create(user=client_user, daily_cap=1)
    # Sent at 23:30 on 1 June in New York (03:30 UTC on 2 June): yesterday by the next morning.
    _mark_sent(_row(client_user, D0, Channel.EMAIL, first), at=datetime(2026, 6, 2, 3, 30, tzinfo=UTC))
    row = _claim(_row(client_user, date(2026, 6, 2), Channel.EMAIL, second))
    assert skip_reason(row, datetime(2026, 6, 2, 13, 0, tzinfo=UTC)) == ""


def _ignore_days(client, days: list[date]) -> None:
    for day in days:
        for channel in Channel.values:
            _mark_sent(_row(client, day, channel))


def test_no_backoff_keeps_reminding(client_user, daily) -> None:
    _ignore_days(client_user, [D0, D0 + timedelta(1), D0 + timedelta(2)])
    row = _claim(_row(client_user, D0 + timedelta(3)))
    assert skip_reason(row, row.due_at) == ""


def test_gentle_backoff_reminds_every_other_day_after_three_ignored(client_user, daily) -> None:
    ReminderPreferences.objects.create(user=client_user, backoff=Backoff.GENTLE)
    _ignore_days(client_user, [D0, D0 + timedelta(1), D0 + timedelta(2)])
    day3 = _claim(_row(client_user, D0 + timedelta(3)))
    assert skip_reason(day3, day3.due_at) == "reminding less often after a few unanswered reminders"
    Reminder.objects.filter(pk=day3.pk).update(status=ReminderStatus.SKIPPED)
    day4 = _claim(_row(client_user, D0 + timedelta(4)))
    assert skip_reason(day4, day4.due_at) == ""


def test_weekly_backoff_reminds_once_a_week(therapist, client_user) -> None:
    with time_machine.travel(START, tick=False):
        assignment = make_assignment(therapist, client_user, start=D0)
    ReminderPreferences.objects.create(user=client_user, backoff=Backoff.WEEKLY)
    _ignore_days(client_user, [D0, D0 + timedelta(1), D0 + timedelta(2)])
    for offset in range(3, 7):
        row = _claim(_row(client_user, D0 + timedelta(offset)))
        assert skip_reason(row, row.due_at), offset
    with time_machine.travel(datetime(2026, 6, 9, 12, 0, tzinfo=UTC), tick=False):
        homework.plan_occurrences(assignment)
        planning.plan_for_client(client_user)
    day9 = _claim(_row(client_user, D0 + timedelta(9)))
    assert skip_reason(day9, day9.due_at) == ""


def test_a_practice_logged_on_its_day_ends_the_backoff(client_user, daily) -> None:
    ReminderPreferences.objects.create(user=client_user, backoff=Backoff.GENTLE)
    _ignore_days(client_user, [D0, D0 + timedelta(1), D0 + timedelta(2)])
    logged = _occurrence(_row(client_user, D0 + timedelta(2)))
    with time_machine.travel(datetime(2026, 6, 4, 1, 0, tzinfo=UTC), tick=False):  # 21:00 on 3 June locally
        homework.log_occurrence(occurrence=logged, status=LogStatus.SMALLER)
    row = _claim(_row(client_user, D0 + timedelta(3)))
    assert skip_reason(row, row.due_at) == ""


def test_logging_after_the_day_ended_still_counts_as_ignored(client_user, daily) -> None:
    ReminderPreferences.objects.create(user=client_user, backoff=Backoff.GENTLE)
    _ignore_days(client_user, [D0, D0 + timedelta(1), D0 + timedelta(2)])
    late = _occurrence(_row(client_user, D0 + timedelta(2)))
    with time_machine.travel(datetime(2026, 6, 4, 13, 0, tzinfo=UTC), tick=False):  # the next morning
        homework.log_occurrence(occurrence=late, status=LogStatus.DONE)
    row = _claim(_row(client_user, D0 + timedelta(3)))
    assert skip_reason(row, row.due_at) != ""


def test_weekly_summary_follows_its_opt_in(client_user) -> None:
    row = Reminder.objects.create(
        user=client_user,
        kind=ReminderKind.WEEKLY_SUMMARY,
        due_at=START,
        idempotency_key="weekly:test",
        status=ReminderStatus.SENDING,
    )
    assert skip_reason(row, START) == "weekly summary turned off"
    ReminderPreferences.objects.create(user=client_user, weekly_summary=True)
    assert skip_reason(row, START) == ""
