"""The dispatcher: claiming due rows, sending each once, retrying with back-off, sweeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from homework.models import Log, LogStatus
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import channels, dispatch, tasks
from reminders.dispatch import Outcome
from reminders.models import (
    Channel,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreferences,
    ReminderStatus,
)

pytestmark = pytest.mark.django_db

# Tuesday 12 May 2026, 10:00 in New York (carol's zone).
NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def make_reminder(therapist: User, client_user: User) -> Callable[..., Reminder]:
    """Reminders for today's occurrence of carol's assignment (the planner's own rows removed)."""
    occurrence = today_occurrence(make_assignment(therapist, client_user))
    Reminder.objects.all().delete()
    Notification.objects.all().delete()  # "your therapist added something" from the assignment
    counter = iter(range(1, 10_000))

    def make(**fields: Any) -> Reminder:
        values: dict[str, Any] = {
            "user": client_user,
            "occurrence": occurrence,
            "kind": ReminderKind.OCCURRENCE,
            "channel": Channel.EMAIL,
            "due_at": NOW - timedelta(minutes=1),
            "idempotency_key": f"test:{next(counter)}",
        }
        values.update(fields)
        return Reminder.objects.create(**values)

    return make


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids passed to ``send_reminders.delay``, in order (no broker in unit tests)."""
    ids: list[int] = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda batch, claim: ids.extend(batch))
    return ids


def _refresh(reminder: Reminder) -> Reminder:
    reminder.refresh_from_db()
    return reminder


class FailingChannel(channels.BaseChannel):
    def render(self, reminder: Reminder) -> Reminder:
        return reminder

    def deliver(self, message: Any) -> None:
        raise channels.DeliveryError("SMTP 451: try again later")


# --- Claiming -------------------------------------------------------------------------------------


def test_it_claims_due_pending_rows_and_queues_their_ids_after_commit(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    due = make_reminder()
    later = make_reminder(due_at=NOW + timedelta(minutes=5))
    cancelled = make_reminder(status=ReminderStatus.CANCELLED)

    with django_capture_on_commit_callbacks() as callbacks:
        claimed = dispatch.dispatch_due()
        assert queued == []  # nothing is queued while the claim is uncommitted
    for callback in callbacks:
        callback()

    assert claimed == 1
    assert queued == [due.pk]
    assert _refresh(due).status == ReminderStatus.SENDING
    assert due.claimed_at == NOW
    assert due.claimed_until == NOW + dispatch.lease()
    assert due.claim_token.startswith(dispatch.QUEUE_CLAIM)
    assert _refresh(later).status == ReminderStatus.PENDING
    assert _refresh(cancelled).status == ReminderStatus.CANCELLED


def test_a_second_dispatch_does_not_claim_rows_already_sending(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    make_reminder()
    with django_capture_on_commit_callbacks(execute=True):
        first = dispatch.dispatch_due()
    with django_capture_on_commit_callbacks(execute=True):
        second = dispatch.dispatch_due()
    assert (first, second) == (1, 0)
    assert len(queued) == 1


def test_it_claims_in_batches_up_to_the_limit_oldest_first(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    rows = [make_reminder(due_at=NOW - timedelta(minutes=10 - i)) for i in range(5)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        claimed = dispatch.dispatch_due(batch_size=2, limit=4)
    assert claimed == 4
    assert len(callbacks) == 2  # two batches of two, one transaction each
    assert queued == [r.pk for r in rows[:4]]
    assert _refresh(rows[4]).status == ReminderStatus.PENDING


def test_when_the_broker_is_down_claimed_rows_wait_for_the_sweeper(
    make_reminder: Callable[..., Reminder],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    reminder = make_reminder()

    def broker_down(reminder_ids: list[int], claim: str) -> None:
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.send_reminders, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.dispatch_due() == 1
    assert _refresh(reminder).status == ReminderStatus.SENDING

    sent: list[tuple[list[int], str]] = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda batch, claim: sent.append((batch, claim)))
    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.sweep_stuck(now=NOW + dispatch.lease() - timedelta(seconds=1)) == 0
        assert dispatch.sweep_stuck(now=NOW + dispatch.lease()) == 1
    reminder = _refresh(reminder)
    assert reminder.status == ReminderStatus.SENDING
    assert sent == [([reminder.pk], reminder.claim_token)]  # queued again under the same claim
    assert reminder.attempts == 0  # a lost message is not a try


# --- Sending ----------------------------------------------------------------------------------------


def test_it_sends_a_claimed_reminder_once_and_records_it(make_reminder: Callable[..., Reminder]) -> None:
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW)

    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.SENT]
    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.NOTHING]  # a repeated message

    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers[channels.REMINDER_HEADER] == str(reminder.pk)
    reminder = _refresh(reminder)
    assert (reminder.status, reminder.sent_at, reminder.attempts) == (ReminderStatus.SENT, NOW, 1)


@pytest.mark.parametrize(
    "status",
    [
        ReminderStatus.PENDING,
        ReminderStatus.SENT,
        ReminderStatus.CANCELLED,
        ReminderStatus.SKIPPED,
        ReminderStatus.FAILED,
    ],
)
def test_it_does_nothing_for_a_row_that_is_not_sending(
    make_reminder: Callable[..., Reminder], status: str
) -> None:
    extra = {"sent_at": NOW} if status == ReminderStatus.SENT else {}
    reminder = make_reminder(status=status, **extra)
    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.NOTHING]
    assert mail.outbox == []
    assert _refresh(reminder).status == status


def test_it_does_nothing_for_a_row_that_no_longer_exists() -> None:
    assert dispatch.deliver_batch([987_654]) == [Outcome.NOTHING]


def test_it_skips_with_the_policy_reason_and_sends_nothing(
    make_reminder: Callable[..., Reminder], client_user: User
) -> None:
    ReminderPreferences.objects.create(user=client_user, enabled=False)
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW)

    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.SKIPPED]

    reminder = _refresh(reminder)
    assert (reminder.status, reminder.reason) == (ReminderStatus.SKIPPED, "reminders turned off")
    assert reminder.sent_at is None
    assert mail.outbox == []


def test_a_logged_occurrence_is_not_reminded(make_reminder: Callable[..., Reminder]) -> None:
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW)
    assert reminder.occurrence is not None
    Log.objects.create(
        occurrence=reminder.occurrence,
        assignment=reminder.occurrence.assignment,
        client=reminder.user,
        status=LogStatus.DONE,
    )
    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.SKIPPED]
    assert mail.outbox == []


def test_the_in_app_channel_creates_one_notification_without_clinical_content(
    make_reminder: Callable[..., Reminder],
) -> None:
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW, channel=Channel.IN_APP)

    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.SENT]
    Reminder.objects.filter(pk=reminder.pk).update(status=ReminderStatus.SENDING, claim_token="")  # resent
    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.SENT]

    notification = Notification.objects.get()
    assert notification.reminder_id == reminder.pk
    assert notification.user_id == reminder.user_id
    assert notification.text == "You have a practice activity planned for 20:00."
    assert notification.url == "/today/"
    assert mail.outbox == []


# --- Retries ----------------------------------------------------------------------------------------


def test_retry_delays_start_short_and_double_up_to_a_limit() -> None:
    seconds = [dispatch.retry_delay(n).total_seconds() for n in range(1, dispatch.MAX_ATTEMPTS + 2)]
    assert seconds == [15, 30, 60, 120, 240, 480, 960, 960, 960]


def test_retry_delays_are_jittered_within_a_fifth() -> None:
    delays = {dispatch.jittered(timedelta(seconds=100)).total_seconds() for _ in range(50)}
    assert len(delays) > 1
    assert all(80 <= d <= 120 for d in delays)


def test_a_failed_send_is_rescheduled_with_backoff_then_marked_failed(
    make_reminder: Callable[..., Reminder], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, FailingChannel)
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW)

    waits = []
    for attempt in range(1, dispatch.MAX_ATTEMPTS):
        assert dispatch.deliver_batch([reminder.pk]) == [Outcome.RETRY]
        reminder = _refresh(reminder)
        assert (reminder.status, reminder.attempts) == (ReminderStatus.PENDING, attempt)
        assert reminder.last_error == "DeliveryError: SMTP 451: try again later"
        assert reminder.claimed_at is None
        assert (reminder.claim_token, reminder.claimed_until) == ("", None)
        waits.append((reminder.due_at - NOW) / dispatch.retry_delay(attempt))
        Reminder.objects.filter(pk=reminder.pk).update(status=ReminderStatus.SENDING, claimed_at=NOW)

    assert all(0.8 <= wait <= 1.2 for wait in waits)
    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.FAILED]
    reminder = _refresh(reminder)
    assert (reminder.status, reminder.attempts) == (ReminderStatus.FAILED, dispatch.MAX_ATTEMPTS)
    assert reminder.last_error == "DeliveryError: SMTP 451: try again later"
    assert reminder.reason == dispatch.FAILED_REASON
    assert reminder.sent_at is None


def test_a_rescheduled_reminder_is_claimed_again_once_its_retry_is_due(
    make_reminder: Callable[..., Reminder],
    monkeypatch: pytest.MonkeyPatch,
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, FailingChannel)
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW)
    dispatch.deliver_batch([reminder.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.dispatch_due(now=NOW + timedelta(seconds=11)) == 0
        assert dispatch.dispatch_due(now=NOW + timedelta(seconds=19)) == 1
    assert queued == [reminder.pk]


def test_a_failing_in_app_write_is_recorded_as_a_failure(
    make_reminder: Callable[..., Reminder], monkeypatch: pytest.MonkeyPatch
) -> None:
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW, channel=Channel.IN_APP)
    monkeypatch.setattr(channels, "in_app_text", lambda reminder: ("x" * 301, "/today/" * 100))

    (outcome,) = dispatch.deliver_batch([reminder.pk])

    reminder = _refresh(reminder)
    if outcome == Outcome.SENT:  # SQLite does not enforce VARCHAR lengths
        assert Notification.objects.count() == 1
    else:
        assert outcome == Outcome.RETRY
        assert reminder.status == ReminderStatus.PENDING
        assert Notification.objects.count() == 0


def test_an_unknown_channel_is_recorded_as_a_failure(
    make_reminder: Callable[..., Reminder], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(channels.CHANNELS, Channel.EMAIL)
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW)
    assert dispatch.deliver_batch([reminder.pk]) == [Outcome.RETRY]
    assert "No channel is registered" in _refresh(reminder).last_error


# --- Sweeping ---------------------------------------------------------------------------------------


def test_the_sweeper_returns_rows_whose_worker_lease_ran_out_and_dispatches_them_at_once(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    held = {"status": ReminderStatus.SENDING, "claimed_at": NOW - timedelta(minutes=1), "attempts": 1}
    stuck = make_reminder(**held, claim_token="sdead", claimed_until=NOW - timedelta(seconds=1))
    fresh = make_reminder(**held, claim_token="slive", claimed_until=NOW + timedelta(seconds=30))
    sent = make_reminder(
        status=ReminderStatus.SENT, claimed_at=NOW - timedelta(hours=1), sent_at=NOW - timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch.sweep_stuck() == 1

    assert queued == [stuck.pk]  # dispatched again at once, not at the next dispatch
    stuck = _refresh(stuck)
    assert (stuck.status, stuck.attempts) == (ReminderStatus.SENDING, 1)  # the try was counted at its claim
    assert stuck.last_error == dispatch.ABANDONED_ERROR
    assert _refresh(fresh).status == ReminderStatus.SENDING
    assert _refresh(sent).status == ReminderStatus.SENT


def test_a_swept_row_is_sent_once_by_the_next_dispatch(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    reminder = make_reminder(status=ReminderStatus.SENDING, claimed_at=NOW - timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.sweep_stuck()
    for reminder_id in [*queued, *queued]:  # the old wake-up may still arrive too
        dispatch.deliver_batch([reminder_id])
    assert len(mail.outbox) == 1
    assert _refresh(reminder).status == ReminderStatus.SENT


def test_the_sweeper_gives_up_on_a_row_that_keeps_getting_stuck(
    make_reminder: Callable[..., Reminder],
) -> None:
    reminder = make_reminder(
        status=ReminderStatus.SENDING,
        claimed_at=NOW - timedelta(hours=1),
        attempts=dispatch.MAX_ATTEMPTS,
    )
    assert dispatch.sweep_stuck() == 1
    reminder = _refresh(reminder)
    assert (reminder.status, reminder.attempts) == (ReminderStatus.FAILED, dispatch.MAX_ATTEMPTS)
    assert reminder.last_error == dispatch.ABANDONED_ERROR


# --- Tasks ------------------------------------------------------------------------------------------


def test_the_tasks_call_the_dispatcher_with_ids_only(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    reminder = make_reminder()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.dispatch_due_reminders() == 1
    assert queued == [reminder.pk]
    assert tasks.send_reminders([reminder.pk]) == {"sent": 1}
    assert tasks.send_reminders([reminder.pk]) == {"nothing": 1}


def test_the_sweep_task_takes_back_only_expired_leases(
    make_reminder: Callable[..., Reminder], queued: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    held = make_reminder(
        status=ReminderStatus.SENDING, claim_token="sx", claimed_until=NOW + timedelta(seconds=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_stuck_reminders() == 0
    with (
        time_machine.travel(NOW + timedelta(seconds=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.sweep_stuck_reminders() == 1
    assert queued == [held.pk]


def test_the_planning_task_calls_the_planner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks.planning, "plan_all", lambda: 7)
    assert tasks.plan_reminders() == 7


# --- Schedule and settings ----------------------------------------------------------------------------


def test_beat_runs_the_dispatcher_and_the_sweeper_every_few_seconds_and_the_planner_hourly() -> None:
    from celery.schedules import crontab

    from mallard.celery import app

    schedule = app.conf.beat_schedule
    by_task: dict[str, list[Any]] = {}
    for entry in schedule.values():
        by_task.setdefault(entry["task"], []).append(entry["schedule"])

    assert by_task["reminders.tasks.dispatch_due_reminders"] == [timedelta(seconds=15)]
    # Lost messages are found within a minute: a lease plus one sweep period.
    assert by_task["reminders.tasks.sweep_stuck_reminders"] == [timedelta(seconds=15)]
    assert (dispatch.lease() + timedelta(seconds=15)).total_seconds() <= 60
    assert by_task["reminders.tasks.plan_reminders"] == [crontab(minute=10)]
    assert str(app.conf.timezone) == "UTC"
    for name in by_task:
        if name.startswith("reminders."):
            assert name in app.tasks


def test_celery_is_set_up_so_a_dead_worker_loses_nothing(settings: Any) -> None:
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_TASK_IGNORE_RESULT is True
    assert settings.CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP is True
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    # A lease covers one send (the SMTP timeout) and the retries of its mark, not a whole task.
    assert dispatch.lease().total_seconds() > 2 * 15
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout")
    if settings.REDIS_URL:
        assert visibility > settings.CELERY_TASK_TIME_LIMIT
