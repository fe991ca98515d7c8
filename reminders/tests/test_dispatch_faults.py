"""Sending through faults: a lost database connection, an error on one row, a relay that is down.

The message is rendered first, the row's claim is committed on its own, the
channel sends outside any transaction, and the mark retries (reconnecting)
until it lands. These tests break each step and check that nothing is sent
twice and nothing is abandoned.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core import mail
from django.db import OperationalError, connection, connections

from homework.library import load_builtin_library
from homework.models import Template
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import channels, dispatch, tasks
from reminders.dispatch import Outcome
from reminders.models import Channel, Reminder, ReminderKind, ReminderStatus

needs_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="needs PostgreSQL sessions to end"
)


@pytest.fixture
def requeued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[int], str]]:
    """What ``send_reminders.delay`` was given (no broker in these tests)."""
    calls: list[tuple[list[int], str]] = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda ids, claim: calls.append((ids, claim)))
    return calls


@pytest.fixture
def claimed(therapist: User, client_user: User) -> Callable[..., list[int]]:
    """``n`` e-mail reminders for carol, claimed by a dispatch (``sending`` under a queue claim)."""
    occurrence = today_occurrence(make_assignment(therapist, client_user))
    Reminder.objects.all().delete()

    def make(n: int, **fields: Any) -> list[int]:
        now = dispatch.timezone.now()
        rows = Reminder.objects.bulk_create(
            Reminder(
                user=client_user,
                occurrence=occurrence,
                kind=ReminderKind.OCCURRENCE,
                channel=Channel.EMAIL,
                due_at=now - timedelta(minutes=1),
                status=ReminderStatus.SENDING,
                claimed_at=now,
                claim_token="qtest",
                claimed_until=now + dispatch.lease(),
                idempotency_key=f"fault:{i}",
                **fields,
            )
            for i in range(n)
        )
        return [row.pk for row in rows]

    return make


def _sent_ids() -> list[int]:
    return [int(m.extra_headers[channels.REMINDER_HEADER]) for m in mail.outbox]


# --- The mark survives a lost connection ----------------------------------------------------------


@pytest.fixture
def committed_library(transactional_db: None) -> Iterator[None]:
    load_builtin_library(Template)  # transactional tests flush what the data migrations loaded
    yield
    connections.close_all()


def _end_my_session() -> None:
    """Terminate this thread's database session from another one, as a failover or a pooler restart does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()

    def terminate() -> None:
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            connections.close_all()

    killer = threading.Thread(target=terminate)
    killer.start()
    killer.join(10)


@needs_postgresql
def test_a_connection_lost_during_the_send_reconnects_and_records_it_once(
    committed_library: None, claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = claimed(3)
    real_deliver = channels.EmailChannel.deliver

    def deliver(self: channels.EmailChannel, message: Any) -> None:
        real_deliver(self, message)  # the relay accepted it; now the database session ends
        _end_my_session()

    monkeypatch.setattr(channels.EmailChannel, "deliver", deliver)
    assert dispatch.deliver_batch(ids, "qtest") == [Outcome.SENT] * 3

    assert sorted(_sent_ids()) == ids  # each once: the mark reconnected instead of resending
    rows = Reminder.objects.filter(pk__in=ids)
    assert {(r.status, r.attempts) for r in rows} == {(ReminderStatus.SENT, 1)}


@needs_postgresql
def test_a_batch_whose_session_ends_before_it_starts_reconnects(
    committed_library: None, claimed: Callable[..., list[int]]
) -> None:
    ids = claimed(2)
    _end_my_session()
    assert tasks.send_reminders(ids, "qtest") == {"sent": 2}
    assert sorted(_sent_ids()) == ids


def test_a_mark_whose_answer_was_lost_counts_as_landed(
    committed_library: None, claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UPDATE committed, then the connection dropped before its answer: the retry finds it done."""
    (pk,) = claimed(1)
    real_finish = dispatch._finish
    calls = []

    def finish(reminder: Reminder, holder: str, **kwargs: Any) -> bool:
        calls.append(kwargs["status"])
        landed = real_finish(reminder, holder, **kwargs)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return landed

    monkeypatch.setattr(dispatch, "_finish", finish)
    assert dispatch.deliver_batch([pk]) == [Outcome.SENT]
    assert calls == [ReminderStatus.SENT, ReminderStatus.SENT]
    assert len(mail.outbox) == 1
    assert Reminder.objects.get(pk=pk).status == ReminderStatus.SENT


def test_a_mark_that_cannot_land_before_the_lease_ends_stops_the_batch_without_resending(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch, requeued: list[Any]
) -> None:
    ids = claimed(3)

    def database_gone(*args: Any, **kwargs: Any) -> bool:
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(dispatch, "_finish", database_gone)
    monkeypatch.setattr(dispatch.connection, "close", lambda: None)
    monkeypatch.setattr(dispatch.time, "sleep", lambda seconds: None)
    ticks = iter(range(0, 10_000, 10))
    monkeypatch.setattr(dispatch, "_clock", lambda: float(next(ticks)))

    outcomes = dispatch.deliver_batch(ids)

    assert outcomes == [Outcome.SENT, Outcome.REQUEUED, Outcome.REQUEUED]
    assert _sent_ids() == [ids[0]]  # the first was accepted and is never sent again by this worker
    assert requeued == [(ids[1:], requeued[0][1])]  # the rows not tried are queued again at once
    first = Reminder.objects.get(pk=ids[0])
    assert (first.status, first.attempts) == (ReminderStatus.SENDING, 1)  # held until its lease runs out


# --- One row's fault is that row's alone ----------------------------------------------------------


def test_a_database_error_on_one_row_requeues_it_and_sends_the_rest(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch, requeued: list[Any]
) -> None:
    ids = claimed(3)
    real_claim = dispatch._claim_row

    def claim_row(reminder: Reminder, holder: str) -> bool:
        if reminder.pk == ids[1]:
            raise OperationalError("deadlock detected")
        return real_claim(reminder, holder)

    monkeypatch.setattr(dispatch, "_claim_row", claim_row)
    monkeypatch.setattr(dispatch.connection, "close", lambda: None)
    monkeypatch.setattr(dispatch, "RECONNECT_FOR", 0.0)

    assert dispatch.deliver_batch(ids) == [Outcome.SENT, Outcome.REQUEUED, Outcome.SENT]
    assert sorted(_sent_ids()) == [ids[0], ids[2]]
    ((again, claim),) = requeued
    assert again == [ids[1]]
    row = Reminder.objects.get(pk=ids[1])
    assert (row.status, row.claim_token, row.attempts) == (ReminderStatus.SENDING, claim, 0)
    monkeypatch.setattr(dispatch, "_claim_row", real_claim)
    assert dispatch.deliver_batch(again, claim) == [Outcome.SENT]
    assert sorted(_sent_ids()) == ids


def test_a_row_whose_message_cannot_be_built_is_a_failed_try_and_the_rest_go_out(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = claimed(2)
    real_render = channels.EmailChannel.render

    def render(self: channels.EmailChannel, reminder: Reminder) -> Any:
        if reminder.pk == ids[0]:
            raise KeyError("a template variable")
        return real_render(self, reminder)

    monkeypatch.setattr(channels.EmailChannel, "render", render)
    assert dispatch.deliver_batch(ids) == [Outcome.RETRY, Outcome.SENT]
    broken = Reminder.objects.get(pk=ids[0])
    assert (broken.status, broken.attempts, broken.last_error) == (
        ReminderStatus.PENDING,
        1,
        "KeyError: 'a template variable'",
    )


def test_a_relay_that_is_down_is_tried_three_times_per_batch_then_the_rest_wait_their_retry(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = claimed(5)
    tries = []

    def refused(self: channels.EmailChannel, message: Any) -> None:
        tries.append(message)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(channels.EmailChannel, "deliver", refused)
    assert dispatch.deliver_batch(ids) == [Outcome.RETRY] * 5
    assert len(tries) == dispatch.CHANNEL_DOWN_AFTER
    rows = list(Reminder.objects.filter(pk__in=ids))
    assert {(r.status, r.attempts) for r in rows} == {(ReminderStatus.PENDING, 1)}
    assert len({r.due_at for r in rows}) == 5  # jittered: they do not all come back in the same second
    assert all(r.last_error for r in rows)


def test_a_send_that_hits_the_soft_time_limit_requeues_the_rest_at_once(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch, requeued: list[Any]
) -> None:
    ids = claimed(3)

    def stuck(self: channels.EmailChannel, message: Any) -> None:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(channels.EmailChannel, "deliver", stuck)
    assert dispatch.deliver_batch(ids) == [Outcome.RETRY, Outcome.REQUEUED, Outcome.REQUEUED]
    assert requeued[0][0] == ids[1:]
    first = Reminder.objects.get(pk=ids[0])
    assert (first.status, first.attempts) == (ReminderStatus.PENDING, 1)  # recorded as a failed try


# --- Leases and retries ---------------------------------------------------------------------------


def test_a_long_batch_renews_the_lease_of_the_rows_it_has_not_reached(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = claimed(3)
    renewed: list[list[int]] = []
    real_renew = dispatch._renew

    def renew(rows: list[int], holder: str) -> None:
        renewed.append(list(rows))
        real_renew(rows, holder)

    monkeypatch.setattr(dispatch, "_renew", renew)
    ticks = iter(range(0, 10_000, 20))  # each step of the batch takes 20 s
    monkeypatch.setattr(dispatch, "_clock", lambda: float(next(ticks)))

    assert dispatch.deliver_batch(ids) == [Outcome.SENT] * 3
    assert len(renewed) >= 2
    assert all(rows == ids[len(ids) - len(rows) :] for rows in renewed)  # only the rows not reached yet
    assert min(len(rows) for rows in renewed) < len(ids)


def test_a_second_copy_of_a_message_finds_nothing_while_the_first_holds_the_rows(
    claimed: Callable[..., list[int]],
) -> None:
    ids = claimed(2)
    assert dispatch._take(ids, "qtest", "sfirst") == 2
    assert dispatch.deliver_batch(ids, "qtest") == [Outcome.NOTHING] * 2
    assert dispatch.deliver_batch(ids) == [Outcome.NOTHING] * 2  # nor does a message without a claim
    assert mail.outbox == []


def test_a_success_after_a_failed_try_clears_the_error(claimed: Callable[..., list[int]]) -> None:
    (pk,) = claimed(1, attempts=1, last_error="ConnectionRefusedError: [Errno 111] Connection refused")
    assert dispatch.deliver_batch([pk]) == [Outcome.SENT]
    row = Reminder.objects.get(pk=pk)
    assert (row.status, row.attempts, row.last_error) == (ReminderStatus.SENT, 2, "")


def test_a_time_limit_during_the_mark_never_queues_the_accepted_message_again(
    claimed: Callable[..., list[int]], monkeypatch: pytest.MonkeyPatch, requeued: list[Any]
) -> None:
    ids = claimed(2)

    def interrupted(*args: Any, **kwargs: Any) -> bool:
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(dispatch, "_finish", interrupted)
    assert dispatch.deliver_batch(ids) == [Outcome.SENT, Outcome.REQUEUED]
    assert _sent_ids() == [ids[0]]
    assert requeued == [([ids[1]], requeued[0][1])]  # only the row that was not tried
    assert Reminder.objects.get(pk=ids[0]).status == ReminderStatus.SENDING  # held until its lease runs out
