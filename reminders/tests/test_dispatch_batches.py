"""Sending in batches: one task, three queries and one mail connection per batch; two short statements per row."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connections

from homework.library import load_builtin_library
from homework.models import Occurrence, Template
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import channels, dispatch, tasks
from reminders.dispatch import Outcome
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences, ReminderStatus

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

    def finish(reminder: Reminder, holder: str, **kwargs: Any) -> bool:
        closed_while_sending.append(counting_mailer.closed)
        return real_finish(reminder, holder, **kwargs)

    monkeypatch.setattr(dispatch, "_finish", finish)
    dispatch.deliver_batch(ids)
    assert closed_while_sending == [0, 0, 0]
    assert counting_mailer.closed == 1


def test_a_channel_error_mid_batch_retries_only_that_row_on_a_fresh_connection(
    sending: Callable[[int], list[int]],
    counting_mailer: type[CountingBackend],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = sending(3)
    real_deliver = channels.EmailChannel.deliver

    def deliver(self: channels.EmailChannel, message: Any) -> None:
        if message.extra_headers[channels.REMINDER_HEADER] == str(ids[1]):
            raise channels.DeliveryError("SMTP 451: try again later")
        real_deliver(self, message)

    monkeypatch.setattr(channels.EmailChannel, "deliver", deliver)
    assert dispatch.deliver_batch(ids) == [Outcome.SENT, Outcome.RETRY, Outcome.SENT]

    rows = {row.pk: row for row in Reminder.objects.all()}
    failed = rows[ids[1]]
    assert (failed.status, failed.attempts, failed.sent_at) == (ReminderStatus.PENDING, 1, None)
    assert timedelta(seconds=12) <= failed.due_at - NOW <= timedelta(seconds=18)  # 15 s, jittered
    assert failed.last_error == "DeliveryError: SMTP 451: try again later"
    for pk in (ids[0], ids[2]):  # the rows before and after it are sent and committed
        assert (rows[pk].status, rows[pk].sent_at, rows[pk].attempts) == (ReminderStatus.SENT, NOW, 1)
    assert sorted(int(m.extra_headers[channels.REMINDER_HEADER]) for m in mail.outbox) == [ids[0], ids[2]]
    assert (counting_mailer.opened, counting_mailer.closed) == (2, 2)


def test_claimed_rows_are_queued_in_batches_after_the_commit(
    sending: Callable[[int], list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[list[int]] = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda batch, claim: batches.append(batch))
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
    django_assert_num_queries: Any,
) -> None:
    """Per batch: the worker's claim, its rows, and the daily-limit counts. Per send: the row's claim
    and its mark, each committed on its own (no transaction is open while the channel sends)."""
    ids = sending(5)
    with django_assert_num_queries(3 + 2):
        assert dispatch.deliver_batch(ids[:1]) == [Outcome.SENT]
    with django_assert_num_queries(3 + 2 * 4):
        assert dispatch.deliver_batch(ids[1:]) == [Outcome.SENT] * 4


def test_the_policy_reads_what_the_batch_query_loaded_and_still_sees_changes(
    sending: Callable[[int], list[int]], counting_mailer: type[CountingBackend], client_user: User
) -> None:
    """The send-time checks use the batch query's preloaded person, preferences, care and log."""
    from django.utils import timezone

    from mallard.models import CareRelationship
    from reminders.models import ReminderPreferences

    ids = sending(3)
    ReminderPreferences.objects.create(user=client_user, email_enabled=False)
    assert dispatch.deliver_batch([ids[0]]) == [Outcome.SKIPPED]
    assert Reminder.objects.get(pk=ids[0]).reason == "e-mail reminders turned off"

    ReminderPreferences.objects.filter(user=client_user).update(email_enabled=True)
    CareRelationship.objects.filter(client=client_user).update(ended_at=timezone.now())
    assert dispatch.deliver_batch([ids[1]]) == [Outcome.SKIPPED]
    assert Reminder.objects.get(pk=ids[1]).reason == "no longer a client"
    assert mail.outbox == []


def test_rows_no_longer_sending_are_left_alone(
    sending: Callable[[int], list[int]], counting_mailer: type[CountingBackend]
) -> None:
    sent, cancelled, pending, claimed = sending(4)
    Reminder.objects.filter(pk=sent).update(status=ReminderStatus.SENT, sent_at=NOW - timedelta(hours=1))
    Reminder.objects.filter(pk=cancelled).update(status=ReminderStatus.CANCELLED, reason="occurrence logged")
    Reminder.objects.filter(pk=pending).update(status=ReminderStatus.PENDING, claimed_at=None)
    before = {row.pk: row for row in Reminder.objects.all()}

    outcomes = dispatch.deliver_batch([sent, cancelled, pending, claimed, 987_654])

    assert outcomes == [Outcome.NOTHING, Outcome.NOTHING, Outcome.NOTHING, Outcome.SENT, Outcome.NOTHING]
    assert [int(m.extra_headers[channels.REMINDER_HEADER]) for m in mail.outbox] == [claimed]
    for row in Reminder.objects.exclude(pk=claimed):
        was = before[row.pk]
        assert (row.status, row.reason, row.attempts, row.sent_at, row.updated_at) == (
            was.status, was.reason, was.attempts, was.sent_at, was.updated_at
        )  # fmt: skip


def test_a_row_that_stops_sending_after_the_batch_loaded_it_is_left_alone(
    sending: Callable[[int], list[int]],
    counting_mailer: type[CountingBackend],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The row's own claim, not the batch query, decides: a row swept back meanwhile is not sent."""
    first, swept = sending(2)
    real_render = channels.EmailChannel.render

    def render(self: channels.EmailChannel, reminder: Reminder) -> Any:
        if reminder.pk == first:  # while the first row is sent, the sweeper returns the second
            Reminder.objects.filter(pk=swept).update(status=ReminderStatus.PENDING, claimed_at=None)
        return real_render(self, reminder)

    monkeypatch.setattr(channels.EmailChannel, "render", render)
    assert dispatch.deliver_batch([first, swept]) == [Outcome.SENT, Outcome.NOTHING]
    assert Reminder.objects.get(pk=swept).status == ReminderStatus.PENDING
    assert len(mail.outbox) == 1


def test_an_id_repeated_in_a_batch_is_sent_once(
    sending: Callable[[int], list[int]], counting_mailer: type[CountingBackend]
) -> None:
    (pk,) = sending(1)
    assert dispatch.deliver_batch([pk, pk]) == [Outcome.SENT, Outcome.NOTHING]
    assert len(mail.outbox) == 1


def _occurrences_today(therapist: User, client: User, n: int) -> list[Occurrence]:
    """Today's occurrences of ``n`` daily assignments for one client (the planner's rows removed)."""
    occurrences = [today_occurrence(make_assignment(therapist, client)) for _ in range(n)]
    Reminder.objects.all().delete()
    return occurrences


def _claimed(user: User, occurrence: Occurrence, channel: str = Channel.EMAIL, **fields: Any) -> int:
    values: dict[str, Any] = {
        "user": user,
        "occurrence": occurrence,
        "kind": ReminderKind.OCCURRENCE,
        "channel": channel,
        "due_at": NOW - timedelta(minutes=1),
        "status": ReminderStatus.SENDING,
        "claimed_at": NOW,
        "idempotency_key": f"limit:{occurrence.pk}:{channel}:{Reminder.objects.count()}",
    }
    values.update(fields)
    return Reminder.objects.create(**values).pk


def test_the_daily_limit_counts_the_rows_a_batch_sends_and_earlier_batches(
    therapist: User, client_user: User, counting_mailer: type[CountingBackend]
) -> None:
    ReminderPreferences.objects.create(user=client_user, daily_cap=2)
    one, two, three, four = _occurrences_today(therapist, client_user, 4)
    batch = [
        _claimed(client_user, one),
        _claimed(client_user, two),
        _claimed(client_user, three),  # a third occurrence: over the limit of 2
        _claimed(client_user, one, Channel.IN_APP),  # the same occurrence again counts once
    ]
    assert dispatch.deliver_batch(batch) == [Outcome.SENT, Outcome.SENT, Outcome.SKIPPED, Outcome.SENT]
    assert Reminder.objects.get(pk=batch[2]).reason == "daily limit reached"

    # The next batch reads what the first one sent from the database.
    later = [_claimed(client_user, four), _claimed(client_user, two, Channel.IN_APP)]
    assert dispatch.deliver_batch(later) == [Outcome.SKIPPED, Outcome.SENT]


def test_the_daily_limit_is_counted_per_person_in_a_batch(
    therapist: User,
    client_user: User,
    other_therapist: User,
    other_client: User,
    counting_mailer: type[CountingBackend],
) -> None:
    ReminderPreferences.objects.create(user=client_user, daily_cap=1)
    carol_one, carol_two = _occurrences_today(therapist, client_user, 2)
    dan_one, dan_two = _occurrences_today(other_therapist, other_client, 2)
    batch = [
        _claimed(client_user, carol_one),
        _claimed(other_client, dan_one),
        _claimed(client_user, carol_two),
        _claimed(other_client, dan_two),
    ]
    assert dispatch.deliver_batch(batch) == [Outcome.SENT, Outcome.SENT, Outcome.SKIPPED, Outcome.SENT]


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: two workers' transactions at the same time",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_id_in_two_concurrent_batches_is_sent_once(
    therapist: User, client_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_builtin_library(Template)  # transactional tests flush what the data migrations loaded
    (occurrence,) = _occurrences_today(therapist, client_user, 1)
    pk = _claimed(client_user, occurrence)
    sending_now, release = threading.Event(), threading.Event()
    delivered: list[int] = []

    class SlowChannel(channels.BaseChannel):
        """Holds the first worker mid-send, with the row claimed (and no transaction open), until released."""

        def render(self, reminder: Reminder) -> Reminder:
            return reminder

        def deliver(self, message: Reminder) -> None:
            delivered.append(message.pk)
            sending_now.set()
            release.wait(10)

    monkeypatch.setitem(channels.CHANNELS, Channel.EMAIL, SlowChannel)
    outcomes: dict[str, list[Outcome]] = {}

    def worker(name: str) -> None:
        try:
            outcomes[name] = dispatch.deliver_batch([pk])
        finally:
            connections.close_all()

    first = threading.Thread(target=worker, args=("first",))
    first.start()
    assert sending_now.wait(10)
    second = threading.Thread(target=worker, args=("second",))
    second.start()
    second.join(10)  # the first worker holds the row: the second finds nothing to take, at once
    assert outcomes == {"second": [Outcome.NOTHING]}
    release.set()
    first.join(10)

    assert outcomes == {"first": [Outcome.SENT], "second": [Outcome.NOTHING]}
    assert delivered == [pk]
    row = Reminder.objects.get(pk=pk)
    assert (row.status, row.attempts) == (ReminderStatus.SENT, 1)
