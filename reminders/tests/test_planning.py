"""Planning the reminder rows: what is planned, re-planned and cancelled, and when."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from homework import services as homework
from homework.models import AssignmentStatus, Kind, LogStatus, Recurrence
from homework.tests.conftest import make_assignment
from mallard.models import User
from reminders import planning
from reminders.models import Channel, Reminder, ReminderPreferences, ReminderStatus

pytestmark = pytest.mark.django_db

# Wednesday 10 June 2026, 08:00 in New York (carol's zone).
MORNING = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)


@pytest.fixture(autouse=True)
def _no_news(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about practice reminders; news e-mails (reminders.news) have their own tests."""
    from homework import hooks

    monkeypatch.setattr(hooks, "client_told", [])


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(MORNING, tick=False):
        yield


def _rows(client, **filters):
    return Reminder.objects.filter(user=client, **filters)


def _snapshot(client):
    return list(
        _rows(client).order_by("idempotency_key").values_list("idempotency_key", "due_at", "status", "reason")
    )


def test_it_plans_one_row_per_channel_per_day_over_the_horizon(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    rows = _rows(client_user, status=ReminderStatus.PENDING)
    assert rows.count() == (planning.HORIZON_DAYS + 1) * 2
    today = rows.filter(occurrence__due_date=TODAY)
    assert {r.channel for r in today} == set(Channel.values)
    assert {r.due_at for r in today} == {datetime(2026, 6, 11, 0, 0, tzinfo=UTC)}  # 20:00 EDT
    first = today.get(channel=Channel.EMAIL)
    occurrence = first.occurrence
    assert occurrence is not None
    assert first.idempotency_key == (
        f"occurrence:{client_user.pk}:{occurrence.assignment_id}:{occurrence.due_date:%Y-%m-%d}:"
        f"{occurrence.slot}:email"
    )
    assert first.occurrence.assignment_id == assignment.pk


def test_planning_twice_changes_nothing(therapist, client_user) -> None:
    make_assignment(therapist, client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL, preferred_time=time(7, 15))
    before = _snapshot(client_user)
    assert planning.plan_for_client(client_user) == 0
    assert planning.plan_for_client(client_user) == 0
    assert _snapshot(client_user) == before


def test_query_count_does_not_grow_with_assignments(
    therapist, client_user, django_assert_max_num_queries
) -> None:
    make_assignment(therapist, client_user)
    make_assignment(therapist, client_user, Kind.JOURNAL)
    # Eight for the homework reminders, two for the questionnaires' (reminders/questionnaires.py).
    with django_assert_max_num_queries(10):
        planning.plan_for_client(client_user)
    for _ in range(5):
        make_assignment(therapist, client_user, Kind.RELAXATION)
    ReminderPreferences.objects.create(user=client_user, email_enabled=False)
    with django_assert_max_num_queries(10):
        planning.plan_for_client(client_user)


def test_a_time_already_past_today_gets_no_late_reminder(therapist, client_user) -> None:
    make_assignment(therapist, client_user, preferred_time=time(7, 0))
    assert not _rows(client_user, occurrence__due_date=TODAY).exists()
    assert _rows(client_user, occurrence__due_date=date(2026, 6, 11)).count() == 2


def test_no_time_of_day_means_no_reminder(therapist, client_user) -> None:
    make_assignment(therapist, client_user, preferred_time=None)
    assert not _rows(client_user).exists()


def test_the_clients_own_time_wins_over_the_preferred_time(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(18, 30))
    due = _rows(client_user, occurrence__due_date=TODAY, status=ReminderStatus.PENDING).values_list(
        "due_at", flat=True
    )
    assert set(due) == {datetime(2026, 6, 10, 22, 30, tzinfo=UTC)}


def test_per_assignment_off_cancels_only_that_assignment(therapist, client_user) -> None:
    quiet = make_assignment(therapist, client_user)
    other = make_assignment(therapist, client_user, Kind.JOURNAL)
    planning.set_assignment_reminder(assignment=quiet, enabled=False, time_of_day=None)
    mine = _rows(client_user, occurrence__assignment=quiet)
    assert not mine.filter(status=ReminderStatus.PENDING).exists()
    assert set(mine.values_list("reason", flat=True)) == {"reminders turned off for this activity"}
    assert _rows(client_user, occurrence__assignment=other, status=ReminderStatus.PENDING).exists()


def test_turning_reminders_off_and_on_again_cancels_then_restores(therapist, client_user) -> None:
    make_assignment(therapist, client_user)
    before = _snapshot(client_user)
    planning.save_preferences(user=client_user, enabled=False)
    assert set(_rows(client_user).values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, "reminders turned off")
    }
    planning.save_preferences(user=client_user, enabled=True)
    assert _snapshot(client_user) == before


def test_turning_a_channel_off_cancels_only_that_channel(therapist, client_user) -> None:
    make_assignment(therapist, client_user)
    planning.save_preferences(user=client_user, email_enabled=False)
    assert set(_rows(client_user, channel=Channel.EMAIL).values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, "e-mail reminders turned off")
    }
    assert not _rows(client_user, channel=Channel.IN_APP).exclude(status=ReminderStatus.PENDING).exists()


def test_quiet_hours_move_an_early_reminder_to_their_end(therapist, client_user) -> None:
    make_assignment(therapist, client_user, preferred_time=time(6, 30))
    planning.save_preferences(user=client_user, quiet_start=time(22, 0), quiet_end=time(7, 0))
    row = _rows(client_user, occurrence__due_date=date(2026, 6, 11), channel=Channel.EMAIL).get()
    assert row.status == ReminderStatus.PENDING
    assert row.due_at == datetime(2026, 6, 11, 11, 0, tzinfo=UTC)  # 07:00 EDT


def test_quiet_hours_ending_the_next_day_skip_the_reminder(therapist, client_user) -> None:
    make_assignment(therapist, client_user, preferred_time=time(23, 0))
    planning.save_preferences(user=client_user, quiet_start=time(22, 0), quiet_end=time(7, 0))
    rows = _rows(client_user, occurrence__due_date=date(2026, 6, 11))
    assert set(rows.values_list("status", "reason")) == {(ReminderStatus.SKIPPED, "in quiet hours")}
    planning.save_preferences(user=client_user, quiet_start=None, quiet_end=None)
    assert set(rows.values_list("status", flat=True)) == {ReminderStatus.PENDING}


def test_daytime_quiet_hours_move_within_the_day(therapist, client_user) -> None:
    make_assignment(therapist, client_user, preferred_time=time(13, 0))
    planning.save_preferences(user=client_user, quiet_start=time(12, 0), quiet_end=time(14, 0))
    due = _rows(client_user, occurrence__due_date=TODAY).values_list("due_at", flat=True)
    assert set(due) == {datetime(2026, 6, 10, 18, 0, tzinfo=UTC)}  # 14:00 EDT


def test_logging_cancels_that_days_pending_reminders(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user)
    occurrence = assignment.occurrences.get(due_date=TODAY)
    homework.log_occurrence(occurrence=occurrence, status=LogStatus.NOT_DONE, reason="no_time")
    assert set(_rows(client_user, occurrence=occurrence).values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, "occurrence logged")
    }
    assert (
        _rows(client_user, occurrence__due_date=date(2026, 6, 11), status=ReminderStatus.PENDING).count() == 2
    )
    planning.plan_for_client(client_user)  # and planning again does not bring it back
    assert not _rows(client_user, occurrence=occurrence, status=ReminderStatus.PENDING).exists()


def test_undoing_a_log_plans_that_days_reminders_again(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user)
    occurrence = assignment.occurrences.get(due_date=TODAY)
    before = set(
        _rows(client_user, occurrence=occurrence, status=ReminderStatus.PENDING).values_list("due_at")
    )
    assert before
    homework.log_occurrence(occurrence=occurrence, status=LogStatus.DONE)
    assert not _rows(client_user, occurrence=occurrence, status=ReminderStatus.PENDING).exists()
    homework.undo_log(occurrence=occurrence)
    after = set(
        _rows(client_user, occurrence=occurrence, status=ReminderStatus.PENDING).values_list("due_at")
    )
    assert after == before


def test_editing_the_preferred_time_moves_pending_reminders(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    homework.update_assignment(assignment=assignment, preferred_time=time(7, 0))
    due = _rows(client_user, occurrence__due_date=date(2026, 6, 11), status=ReminderStatus.PENDING)
    assert set(due.values_list("due_at", flat=True)) == {datetime(2026, 6, 11, 11, 0, tzinfo=UTC)}
    assert not _rows(client_user, occurrence__due_date=TODAY, status=ReminderStatus.PENDING).exists()


@pytest.mark.parametrize(
    "status", [AssignmentStatus.PAUSED, AssignmentStatus.ARCHIVED, AssignmentStatus.COMPLETED]
)
def test_pausing_or_ending_an_assignment_leaves_no_pending_reminders(therapist, client_user, status) -> None:
    assignment = make_assignment(therapist, client_user)
    homework.set_assignment_status(assignment=assignment, status=status)
    assert not _rows(client_user, status=ReminderStatus.PENDING).exists()


def test_resuming_plans_reminders_again(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user)
    homework.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)
    homework.set_assignment_status(assignment=assignment, status=AssignmentStatus.ACTIVE)
    assert _rows(client_user, status=ReminderStatus.PENDING).count() == (planning.HORIZON_DAYS + 1) * 2


def test_a_paused_assignment_with_a_kept_occurrence_is_cancelled_with_its_reason(
    therapist, client_user
) -> None:
    assignment = make_assignment(therapist, client_user, Kind.JOURNAL)
    occurrence = assignment.occurrences.get(due_date=TODAY)
    homework.save_entry(occurrence=occurrence, fields={"prompt": "p", "text": "a draft"}, submit=False)
    homework.set_assignment_status(assignment=assignment, status=AssignmentStatus.PAUSED)
    assert set(_rows(client_user, occurrence=occurrence).values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, "assignment paused")
    }


def test_sent_and_failed_rows_are_never_touched(therapist, client_user) -> None:
    make_assignment(therapist, client_user)
    sent = _rows(client_user, occurrence__due_date=TODAY, channel=Channel.EMAIL).get()
    failed = _rows(client_user, occurrence__due_date=TODAY, channel=Channel.IN_APP).get()
    Reminder.objects.filter(pk=sent.pk).update(status=ReminderStatus.SENT, sent_at=MORNING)
    Reminder.objects.filter(pk=failed.pk).update(status=ReminderStatus.FAILED, reason="bounced")
    planning.save_preferences(user=client_user, enabled=False)
    sent.refresh_from_db()
    failed.refresh_from_db()
    assert (sent.status, sent.reason) == (ReminderStatus.SENT, "")
    assert (failed.status, failed.reason) == (ReminderStatus.FAILED, "bounced")


def test_weekly_quota_slots_are_spread_over_the_week(therapist, client_user) -> None:
    monday = date(2026, 6, 8)
    with time_machine.travel(datetime(2026, 6, 8, 12, 0, tzinfo=UTC), tick=False):
        make_assignment(
            therapist, client_user, start=monday, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=3
        )
    days = _rows(client_user, channel=Channel.EMAIL, occurrence__due_date=date(2026, 6, 14)).values_list(
        "occurrence__slot", "due_at"
    )
    assert sorted(days) == [
        (1, datetime(2026, 6, 9, 0, 0, tzinfo=UTC)),  # Monday 20:00 EDT
        (2, datetime(2026, 6, 11, 0, 0, tzinfo=UTC)),  # Wednesday
        (3, datetime(2026, 6, 13, 0, 0, tzinfo=UTC)),  # Friday
    ]


def test_more_slots_than_days_left_get_one_reminder_a_day(therapist, client_user) -> None:
    friday = date(2026, 6, 12)
    with time_machine.travel(datetime(2026, 6, 12, 12, 0, tzinfo=UTC), tick=False):
        make_assignment(
            therapist, client_user, start=friday, recurrence=Recurrence.TIMES_PER_WEEK, times_per_week=5
        )
    rows = _rows(client_user, channel=Channel.EMAIL, occurrence__due_date=date(2026, 6, 14))
    local_days = sorted(r.due_at.astimezone(client_user.zone).date() for r in rows)
    assert local_days == [date(2026, 6, 12), date(2026, 6, 13), date(2026, 6, 14)]


def test_therapists_get_no_occurrence_reminders(therapist) -> None:
    assert planning.plan_for_client(therapist) == 0


def test_plan_all_plans_every_client_with_active_homework(
    therapist, client_user, other_therapist, other_client
) -> None:
    make_assignment(therapist, client_user)
    make_assignment(other_therapist, other_client)
    Reminder.objects.all().delete()
    assert planning.plan_all() == 2 * (planning.HORIZON_DAYS + 1) * 2
    assert planning.plan_all() == 0


def test_cancel_for_occurrence_leaves_other_days_alone(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user)
    occurrence = assignment.occurrences.get(due_date=TODAY)
    assert planning.cancel_for_occurrence(occurrence) == 2
    assert _rows(client_user, status=ReminderStatus.PENDING).count() == planning.HORIZON_DAYS * 2


def test_setting_the_agreed_time_follows_the_assignment(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(20, 0))
    assignment.refresh_from_db()
    assert assignment.client_time is None


def test_a_pending_reminder_moved_to_a_time_already_past_is_cancelled(therapist, client_user) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    planning.set_assignment_reminder(assignment=assignment, enabled=True, time_of_day=time(7, 0))
    today = _rows(client_user, occurrence__due_date=TODAY)
    assert set(today.values_list("status", "reason")) == {
        (ReminderStatus.CANCELLED, "the new time had already passed")
    }
    tomorrow = _rows(client_user, occurrence__due_date=date(2026, 6, 11), status=ReminderStatus.PENDING)
    assert set(tomorrow.values_list("due_at", flat=True)) == {datetime(2026, 6, 11, 11, 0, tzinfo=UTC)}


def test_a_dispatcher_backlog_row_is_left_for_the_dispatcher(therapist, client_user) -> None:
    make_assignment(therapist, client_user, preferred_time=time(9, 0))
    with time_machine.travel(datetime(2026, 6, 10, 13, 5, tzinfo=UTC), tick=False):  # 09:05, not yet sent
        assert planning.plan_for_client(client_user) == 0
    assert _rows(client_user, occurrence__due_date=TODAY, status=ReminderStatus.PENDING).count() == 2


def test_editing_an_assignment_keeps_sent_reminders_and_never_reminds_the_same_slot_twice(
    therapist: User, client_user: User
) -> None:
    # Noon in New York: today's 20:00 reminder is still ahead.
    with time_machine.travel(datetime(2026, 11, 26, 17, 0, tzinfo=UTC), tick=False):
        assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
        today = homework.client_today(client_user)
        row = Reminder.objects.get(occurrence__due_date=today, channel=Channel.EMAIL)
        Reminder.objects.filter(pk=row.pk).update(status=ReminderStatus.SENT, sent_at=datetime.now(UTC))

        # Editing re-creates today's untouched occurrence; the sent reminder must survive and match it again.
        homework.update_assignment(assignment=assignment, recurrence=Recurrence.DAILY, title="Renamed")

    sent = Reminder.objects.get(pk=row.pk)
    assert sent.status == ReminderStatus.SENT
    assert sent.occurrence is not None and sent.occurrence.due_date == today
    assert Reminder.objects.filter(occurrence__due_date=today, channel=Channel.EMAIL).count() == 1
    assert not Reminder.objects.filter(status=ReminderStatus.PENDING, occurrence__isnull=True).exists()


def test_a_new_schedule_stops_the_reminders_of_a_drafted_day_it_no_longer_has(
    therapist: User, client_user: User
) -> None:
    """Daily becomes Mondays on a Wednesday: today's occurrence, which has a draft, goes (the draft
    moves to Monday), and so do today's pending reminders; Monday's are planned."""
    assignment = make_assignment(therapist, client_user, preferred_time=time(20, 0))
    today = assignment.occurrences.get(due_date=TODAY)
    homework.save_entry(occurrence=today, fields={"situation": "Lunch queue"}, submit=False)
    today_keys = list(_rows(client_user, occurrence=today).values_list("idempotency_key", flat=True))
    assert len(today_keys) == 2

    homework.update_assignment(assignment=assignment, recurrence=Recurrence.WEEKDAYS, weekdays="0")

    for row in _rows(client_user, idempotency_key__in=today_keys):
        assert (row.status, row.reason) == (ReminderStatus.CANCELLED, planning.REASON_RESCHEDULED)
    pending = _rows(client_user, status=ReminderStatus.PENDING)
    assert pending.exists()
    assert {row.occurrence.due_date.weekday() for row in pending.select_related("occurrence")} == {0}


def test_planning_leaves_a_rescheduled_retry_alone(therapist: User, client_user: User) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 17, 0, tzinfo=UTC), tick=False):
        make_assignment(therapist, client_user, preferred_time=time(20, 0))
        row = Reminder.objects.filter(channel=Channel.EMAIL).order_by("due_at").first()
        assert row is not None
        retry_at = row.due_at.replace(minute=4)
        Reminder.objects.filter(pk=row.pk).update(attempts=1, due_at=retry_at)
        planning.plan_for_client(client_user)
    row.refresh_from_db()
    assert (row.status, row.due_at) == (ReminderStatus.PENDING, retry_at)
