"""Reminders through faults, with real processes: each reminder once, and on time.

Every scenario commits due e-mail reminders to the PostgreSQL test database and
starts, as docs/deployment.md deploys them, a Celery worker and a beat, each
under a supervisor loop that restarts it; a Redis of its own; and the recording
SMTP sink (``reminders/tests/faults.py``). Then it breaks one thing while the
worker is sending:

- SIGKILL of the whole worker (its process group), once when the sink has
  accepted a share of the messages, once at a fixed time after sending began;
- ``pg_terminate_backend`` on every connection the worker has, several times;
- a Redis restart that loses every queued message;
- two beats at once;
- the mail server down for a while, then back.

Each reports expected, sent, lost, duplicated, the time to complete and the
latest reminder's delay. The small version (a few hundred reminders, short
leases and periods) runs in ``make test`` (``-m celery_integration``); the
full version (1,000 reminders per scenario, production's timings) runs with
``make chaos`` (``-m chaos``) and its table is in docs/reminders.md.
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from homework.library import load_builtin_library
from homework.models import Occurrence, Template
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences
from reminders.tests import faults

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis: set REDIS_URL"),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the redis-server program"),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (worker processes must see committed rows): set DATABASE_URL",
    ),
]

# The target after any single fault: every reminder within 2 minutes of its due time.
ON_TIME = 120.0
# Each pool process of a killed worker can be in the one window (relay accepted, mark not landed).
POOL = os.cpu_count() or 1


@dataclass(frozen=True)
class Size:
    name: str
    reminders: int
    timings: faults.Timings
    timeout: float  # for the whole scenario after the fault
    settle: float  # after the last row is recorded, for any late duplicate
    pause: float  # a fault's duration (Redis down, clock offset of a kill) ...
    outage: float  # ... and the mail server's


SMALL = Size(
    "small",
    int(os.environ.get("MALLARD_FAULT_REMINDERS", "150")),
    faults.Timings(lease=4, sweep=1, dispatch=1, retry=1),
    timeout=60,
    settle=0.5,
    pause=0.3,
    outage=4.0,
)
FULL = Size(
    "full",
    int(os.environ.get("MALLARD_CHAOS_REMINDERS", "1000")),
    faults.Timings(),
    timeout=300,
    settle=5.0,
    pause=1.0,
    outage=60.0,
)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(SMALL, marks=pytest.mark.celery_integration, id="small"),
        pytest.param(FULL, marks=pytest.mark.chaos, id="full"),
    ],
)
def size(request: pytest.FixtureRequest) -> Size:
    return request.param


@pytest.fixture(scope="module")
def running(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory, size: Size
) -> Iterator[faults.Rig]:
    """One set of processes for the module's scenarios: each scenario brings its own reminders."""
    rig = faults.Rig(
        tmp=tmp_path_factory.mktemp(f"faults-{size.name}"), timings=size.timings, expected=size.reminders
    )
    with django_db_blocker.unblock():
        rig.start()
        try:
            yield rig
        finally:
            rig.stop()


@pytest.fixture
def rig(
    running: faults.Rig, transactional_db: None, therapist: User, client_user: User, size: Size
) -> faults.Rig:
    """The running processes, ready for this scenario's reminders (``make_due``): due now, for carol."""
    load_builtin_library(Template)  # transactional tests flush what the data migrations loaded
    occurrence = today_occurrence(make_assignment(therapist, client_user))
    Reminder.objects.all().delete()  # the planner's own rows
    ReminderPreferences.objects.create(user=client_user)
    running.begin()
    running.make_due = functools.partial(_due_now, client_user, occurrence, size.reminders, running)
    return running


def _due_now(client: User, occurrence: Occurrence, n: int, rig: faults.Rig) -> None:
    due_at = timezone.now()
    Reminder.objects.bulk_create(
        Reminder(
            user=client,
            occurrence=occurrence,
            kind=ReminderKind.OCCURRENCE,
            channel=Channel.EMAIL,
            due_at=due_at,
            idempotency_key=f"{faults.KEY_PREFIX}{i}",
        )
        for i in range(n)
    )
    rig.due_at = due_at.timestamp()


def _into_the_stream(rig: faults.Rig, size: Size) -> float:
    """How long to wait before a kill by the clock, so that it lands part-way through the sends:
    ``size.pause``, or less on a machine that sends faster than that allows (one sent the small
    size's 150 within 0.3 s). Then it is the time a third of the sends still to go would take at
    the pace of the last 50 ms."""
    before, started = rig.count(), time.monotonic()
    time.sleep(0.05)
    sent, elapsed = rig.count() - before, time.monotonic() - started
    if sent == 0:
        return size.pause
    still_to_go = size.reminders - before - sent
    return max(0.0, min(size.pause, still_to_go / (sent / elapsed) / 3))


def _check(result: faults.Result, *, duplicates_allowed: int = 0) -> None:
    faults.record(result)
    assert result.lost == 0, result
    assert result.sent == result.expected, result
    assert result.duplicated <= duplicates_allowed, result
    assert result.latest_seconds <= ON_TIME, result


# --- The scenarios -------------------------------------------------------------------------------


def test_a_whole_worker_killed_when_a_share_is_sent(rig: faults.Rig, size: Size) -> None:
    rig.make_due()
    rig.wait_until_sending(0.3)
    rig.worker.kill()  # inside the send window: the sink keeps accepting, nothing is paused
    assert rig.count() < size.reminders, "every reminder went out before the kill"
    rig.finish(size.timeout, size.settle)
    _check(rig.result("worker SIGKILL, by the sink's count", faults=1), duplicates_allowed=POOL)


def test_a_whole_worker_killed_at_a_time_while_it_sends(rig: faults.Rig, size: Size) -> None:
    rig.make_due()
    rig.wait_until_sending(0.01)
    time.sleep(_into_the_stream(rig, size))  # by the clock, into the stream of sends
    rig.worker.kill()
    assert rig.count() < size.reminders, "every reminder went out before the kill"
    rig.finish(size.timeout, size.settle)
    _check(rig.result("worker SIGKILL, by the clock", faults=1), duplicates_allowed=POOL)


def test_database_connections_killed_while_sending(rig: faults.Rig, size: Size) -> None:
    rig.make_due()
    rig.wait_until_sending(0.2)
    rounds = 0
    for _ in range(5):
        faults.terminate_other_sessions()
        rounds += 1
        time.sleep(size.pause)
        if rig.recorded() >= size.reminders:
            break
    rig.finish(size.timeout, size.settle)
    _check(rig.result(f"database connections killed ({rounds} rounds)", faults=rounds))


def test_a_redis_restart_while_sending(rig: faults.Rig, size: Size) -> None:
    rig.make_due()
    rig.wait_until_sending(0.3)
    rig.stop_redis()  # every queued message is lost with it
    assert rig.count() < size.reminders, "every reminder went out before Redis stopped"
    time.sleep(size.pause * 3)
    rig.start_redis()
    rig.finish(size.timeout, size.settle)
    _check(rig.result("Redis restarted", faults=1))
    # A routine reconnect is no ERROR (no gossip to restart; the first retries are warnings).
    assert rig.error_lines("worker") == []
    assert rig.error_lines("beat0") == []


def test_two_beats(running: faults.Rig, size: Size, rig: faults.Rig) -> None:
    second = rig.add_beat()
    try:
        log = rig.tmp / f"{second.name}.log"
        rig.wait_for(lambda: log.exists() and "Starting" in log.read_text(), 60, "the second beat")
        rig.make_due()
        rig.finish(size.timeout, size.settle)
    finally:
        rig.remove_beat(second)
    _check(rig.result("two beats", faults=1))


def test_the_mail_server_down_for_a_while(rig: faults.Rig, size: Size) -> None:
    rig.make_due()
    rig.wait_until_sending(0.3)
    rig.stop_sink()
    assert rig.count() < size.reminders, "every reminder went out before the mail server stopped"
    time.sleep(size.outage)
    rig.start_sink()
    back = time.time()
    rig.finish(size.timeout, size.settle)
    result = rig.result(f"SMTP down {size.outage:.0f} s", faults=1, since=back)
    _check(result)


def test_the_small_timings_are_shorter_than_production() -> None:
    """The small scenarios shorten the lease and the periods; production's are the settings' defaults."""
    defaults = faults.Timings()
    assert (defaults.lease, defaults.sweep, defaults.dispatch, defaults.retry) == (
        settings.MALLARD_REMINDER_LEASE_SECONDS,
        settings.MALLARD_REMINDER_SWEEP_SECONDS,
        settings.MALLARD_REMINDER_DISPATCH_SECONDS,
        settings.MALLARD_REMINDER_RETRY_SECONDS,
    )
    assert SMALL.timings.lease < defaults.lease
    assert timedelta(seconds=defaults.lease + defaults.sweep) <= timedelta(minutes=1)
