"""Sending in batches: one task and one mail connection per batch, each row still in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import channels, dispatch, tasks
from reminders.dispatch import Outcome
from reminders.models import Channel, Reminder, ReminderKind, ReminderStatus

pytestmark = pytest.mark.django_db

# Tuesday 12 May 2026, 10:00 in New York (carol's zone).
NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)


class CountingBackend(LocmemBackend):
    """The test outbox, counting the connections opened and closed."""

    opened: ClassVar[int] = 0
    closed: ClassVar[int] = 0

    def open(self) -> bool:
        CountingBackend.opened += 1
        return True

    def close(self) -> None:
        CountingBackend.closed += 1


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def counting_mailer(settings: Any) -> type[CountingBackend]:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.CountingBackend"}}
    CountingBackend.opened = CountingBackend.closed = 0
    return CountingBackend


@pytest.fixture
def sending(therapist: User, client_user: User) -> Callable[[int], list[int]]:
    """``n`` claimed e-mail reminders for today's occurrence of carol's assignment."""
    occurrence = today_occurrence(make_assignment(therapist, client_user))
    Reminder.objects.all().delete()

    def make(n: int) -> list[int]:
        rows = Reminder.objects.bulk_create(
            Reminder(
                user=client_user,
                occurrence=occurrence,
                kind=ReminderKind.OCCURRENCE,
                channel=Channel.EMAIL,
                due_at=NOW - timedelta(minutes=1),
                status=ReminderStatus.SENDING,
                claimed_at=NOW,
                idempotency_key=f"batch:{i}",
            )
            for i in range(n)
        )
        return [row.pk for row in rows]

    return make


def test_a_batch_sends_each_row_once_over_one_mail_connection(
    sending: Callable[[int], list[int]], counting_mailer: type[CountingBackend]
) -> None:
    ids = sending(5)
    assert dispatch.deliver_batch(ids) == [Outcome.SENT] * 5
    assert dispatch.deliver_batch(ids) == [Outcome.NOTHING] * 5  # a repeated message sends nothing

    assert sorted(int(m.extra_headers[channels.REMINDER_HEADER]) for m in mail.outbox) == ids
    assert (counting_mailer.opened, counting_mailer.closed) == (1, 1)
    assert set(Reminder.objects.values_list("status", "attempts")) == {(ReminderStatus.SENT, 1)}


def test_the_connection_is_closed_only_after_the_last_row_is_committed(
    sending: Callable[[int], list[int]],
    counting_mailer: type[CountingBackend],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = sending(3)
    closed_while_sending = []
    real_finish = dispatch._finish

    def finish(reminder: Reminder, **kwargs: Any) -> None:
        closed_while_sending.append(counting_mailer.closed)
        real_finish(reminder, **kwargs)

    monkeypatch.setattr(dispatch, "_finish", finish)
    dispatch.deliver_batch(ids)
    assert closed_while_sending == [0, 0, 0]
    assert counting_mailer.closed == 1


def test_a_failed_send_gets_a_fresh_connection_for_the_rest_of_the_batch(
    sending: Callable[[int], list[int]],
    counting_mailer: type[CountingBackend],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = sending(3)
    real_send = channels.EmailChannel.send

    def send(self: channels.EmailChannel, reminder: Reminder) -> None:
        if reminder.pk == ids[1]:
            raise channels.DeliveryError("SMTP 451: try again later")
        real_send(self, reminder)

    monkeypatch.setattr(channels.EmailChannel, "send", send)
    assert dispatch.deliver_batch(ids) == [Outcome.SENT, Outcome.RETRY, Outcome.SENT]
    assert Reminder.objects.get(pk=ids[1]).status == ReminderStatus.PENDING
    assert (counting_mailer.opened, counting_mailer.closed) == (2, 2)


def test_claimed_rows_are_queued_in_batches_after_the_commit(
    sending: Callable[[int], list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[list[int]] = []
    monkeypatch.setattr(tasks.send_reminders, "delay", batches.append)
    ids = list(range(1, 8))
    dispatch.enqueue_sends(ids, batch=3)
    assert batches == [[1, 2, 3], [4, 5, 6], [7]]


def test_the_send_task_reports_its_outcomes(
    sending: Callable[[int], list[int]], counting_mailer: type[CountingBackend]
) -> None:
    ids = sending(2)
    assert tasks.send_reminders([*ids, 987_654]) == {"sent": 2, "nothing": 1}


def test_a_dispatch_run_that_reaches_its_limit_queues_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    queued: list[tuple[Any, ...]] = []
    monkeypatch.setattr(tasks.dispatch_due_reminders, "delay", lambda *args: queued.append(args))
    monkeypatch.setattr(dispatch, "dispatch_due", lambda: dispatch.MAX_PER_RUN)
    assert tasks.dispatch_due_reminders() == dispatch.MAX_PER_RUN
    assert queued == [()]  # no expiry: it waits behind the sends it follows

    monkeypatch.setattr(dispatch, "dispatch_due", lambda: dispatch.MAX_PER_RUN - 1)
    tasks.dispatch_due_reminders()
    assert len(queued) == 1  # a run under the limit took every due row


def test_a_send_runs_a_fixed_number_of_queries(
    sending: Callable[[int], list[int]],
    counting_mailer: type[CountingBackend],
    django_assert_max_num_queries: Any,
) -> None:
    ids = sending(4)
    dispatch.deliver(reminder_id=ids[0])
    with django_assert_max_num_queries(6):  # BEGIN, the row with what the policy reads, limit, UPDATE, COMMIT
        dispatch.deliver(reminder_id=ids[1])
    with django_assert_max_num_queries(6 * 2):
        dispatch.deliver_batch(ids[2:])


def test_the_policy_reads_what_the_locking_query_loaded_and_still_sees_changes(
    sending: Callable[[int], list[int]], counting_mailer: type[CountingBackend], client_user: User
) -> None:
    """The send-time checks use the row query's preloaded person, preferences, care and log."""
    from django.utils import timezone

    from mallard.models import CareRelationship
    from reminders.models import ReminderPreferences

    ids = sending(3)
    ReminderPreferences.objects.create(user=client_user, email_enabled=False)
    assert dispatch.deliver(reminder_id=ids[0]) == Outcome.SKIPPED
    assert Reminder.objects.get(pk=ids[0]).reason == "e-mail reminders turned off"

    ReminderPreferences.objects.filter(user=client_user).update(email_enabled=True)
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    assert dispatch.deliver(reminder_id=ids[1]) == Outcome.SKIPPED
    assert Reminder.objects.get(pk=ids[1]).reason == "no longer a client"
    assert mail.outbox == []
