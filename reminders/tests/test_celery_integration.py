"""Exactly one e-mail per reminder, with real Celery worker processes on real Redis and PostgreSQL.

Each test commits 1,000 due reminders to the test database, starts worker
processes with the same settings (pointed at the test database), and lets
them e-mail a local SMTP sink that records each message's
``X-Mallard-Reminder`` header the moment it accepts the message. Then it
breaks something: it SIGKILLs a worker mid-batch, restarts Redis (losing
every queued message), or runs two dispatchers at once. The workers run with
a 3-second lease; the sweeper (woken by the test, as beat would) and the
next dispatch finish the job, and the sink must have exactly 1,000 messages
for the 1,000 rows. ``test_faults.py`` runs the same faults with a beat,
a supervisor and the kill inside the send window.

They take about two minutes, and ``test_faults.py`` covers the same faults in
``make test`` with a beat and a supervisor, so they run with ``make chaos``
(``-m chaos``); skipped on SQLite or without Redis.
"""

from __future__ import annotations

import contextlib
import email
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import kombu
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from homework.library import load_builtin_library
from homework.models import Template
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.celery import app
from mallard.models import User
from reminders.channels import REMINDER_HEADER
from reminders.models import Channel, Reminder, ReminderKind, ReminderPreferences, ReminderStatus

REMINDERS = 1000
LEASE_SECONDS = 3
BASE_DIR = Path(settings.BASE_DIR)

pytestmark = [
    pytest.mark.celery_integration,
    pytest.mark.chaos,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis: set REDIS_URL"),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (worker processes must see committed rows): set DATABASE_URL",
    ),
]


# --- A local SMTP sink -------------------------------------------------------------------------------


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP for Django's backend. Records each message's reminder id when it accepts it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SmtpHandler)
        self.received: list[str] = []
        self._lock = threading.Lock()
        self.data_allowed = threading.Event()  # cleared: hold every session before its message body
        self.data_allowed.set()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def accept(self, data: bytes) -> None:
        reminder_id = email.message_from_bytes(data).get(REMINDER_HEADER, "missing")
        with self._lock:
            self.received.append(str(reminder_id))

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        self._reply("220 sink ESMTP")
        body: list[bytes] | None = None
        while line := self.rfile.readline():
            if body is not None:
                if line.rstrip(b"\r\n") == b".":
                    self.server.accept(b"".join(body))
                    body = None
                    self._reply("250 2.0.0 accepted")
                else:
                    body.append(line[1:] if line.startswith(b"..") else line)
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                self.wfile.flush()
            elif verb == b"DATA":
                self.server.data_allowed.wait(timeout=60)
                body = []
                self._reply("354 go ahead")
            elif verb == b"QUIT":
                self._reply("221 bye")
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self._reply("250 OK")


# --- Workers, brokers and the test database ---------------------------------------------------------


def _test_database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}{'@' if auth else ''}{host}{port}/{quote(db['NAME'])}"


WORKER_BOOT = """
import os, sys
from mallard.celery import app
queue = os.environ["MALLARD_TEST_QUEUE"]
app.conf.task_default_queue = queue
app.worker_main(["worker", "--pool=prefork", "--concurrency=2", "--loglevel=WARNING", "-Q", queue,
                 "--without-mingle", "--without-gossip", "--without-heartbeat", "--hostname", sys.argv[1]])
"""


class Harness:
    """Starts and kills worker processes; sends tasks; waits; cleans up."""

    def __init__(self, broker_url: str, sink: SmtpSink, tmp: Path) -> None:
        self.broker_url = broker_url
        self.queue = f"mallard-test-{uuid.uuid4().hex[:12]}"
        self.sink = sink
        self.tmp = tmp
        self.workers: list[subprocess.Popen[bytes]] = []

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "EMAIL_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="mallard.settings",
            DATABASE_URL=_test_database_url(),
            REDIS_URL=self.broker_url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.sink.port),
            EMAIL_USE_TLS="false",
            MALLARD_VAR_DIR=str(self.tmp / "var"),
            SITE_URL="https://mallard.test",
            LOG_LEVEL="WARNING",
            MALLARD_TEST_QUEUE=self.queue,
            MALLARD_REMINDER_LEASE_SECONDS=str(LEASE_SECONDS),
        )
        return env

    def start_worker(self) -> subprocess.Popen[bytes]:
        name = f"w{len(self.workers) + 1}@{self.queue}"
        log = (self.tmp / f"{name}.log").open("wb")
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", WORKER_BOOT, name],
            cwd=BASE_DIR,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL takes the pool children too
        )
        self.workers.append(worker)
        return worker

    @staticmethod
    def kill(worker: subprocess.Popen[bytes]) -> None:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

    def send_task(self, name: str, **kwargs: Any) -> None:
        with kombu.Connection(self.broker_url, connect_timeout=5) as conn:
            queue = kombu.Queue(self.queue, kombu.Exchange(self.queue, "direct"), routing_key=self.queue)
            queue(conn.default_channel).declare()
            app.send_task(name, kwargs=kwargs, queue=self.queue, connection=conn)

    def queued(self) -> int:
        try:
            return int(redis.Redis.from_url(self.broker_url).llen(self.queue))
        except redis.RedisError:
            return -1

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(self.tmp.glob("*.log")))

    def cleanup(self) -> None:
        for worker in self.workers:
            self.kill(worker)
        try:
            client = redis.Redis.from_url(self.broker_url)
            client.delete(self.queue, f"_kombu.binding.{self.queue}")
            for tag, raw in client.hgetall("unacked").items():
                if self.queue.encode() in raw:
                    client.hdel("unacked", tag)
                    client.zrem("unacked_index", tag)
        except redis.RedisError:
            pass
        _wait_for_other_sessions_to_end()


def _wait_for_other_sessions_to_end() -> None:
    """Killed workers' database sessions end asynchronously; the test database is flushed next."""
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


def _sent() -> int:
    return Reminder.objects.filter(status=ReminderStatus.SENT).count()


def _wait_until(condition: Callable[[], bool], timeout: float, what: str, harness: Harness) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}; sent={_sent()}\n{harness.logs()}")
        time.sleep(0.02)


def _wait_until_steady(harness: Harness, quiet: float = 0.5) -> None:
    last, since = _sent(), time.monotonic()
    while time.monotonic() - since < quiet:
        time.sleep(0.05)
        if (now := _sent()) != last:
            last, since = now, time.monotonic()


def _finish(harness: Harness, timeout: float = 150, *, supervise: bool = False) -> None:
    """Until every row is sent: let the queue drain, then sweep abandoned rows and dispatch again.

    With ``supervise``, a worker that makes no progress for 15 s after a new wake-up
    is replaced, as the process supervisor in docs/deployment.md restarts a worker
    whose broker connection did not come back.
    """
    deadline = time.monotonic() + timeout
    last, still_since, progress_at = -1, time.monotonic(), time.monotonic()
    while (sent := _sent()) < REMINDERS:
        if time.monotonic() > deadline:
            statuses = dict(Reminder.objects.values_list("status").annotate(n=Count("pk")).order_by())
            pytest.fail(f"Not all reminders were sent: {statuses}\n{harness.logs()}")
        if sent != last:
            last, still_since, progress_at = sent, time.monotonic(), time.monotonic()
        elif supervise and time.monotonic() - progress_at > 15:
            for worker in harness.workers:
                harness.kill(worker)
            harness.start_worker()
            progress_at = time.monotonic()
        elif time.monotonic() - still_since > 1.0 and harness.queued() in (0, -1):
            with contextlib.suppress(Exception):  # the broker may still be coming back
                harness.send_task("reminders.tasks.sweep_stuck_reminders")  # as beat does every few seconds
                harness.send_task("reminders.tasks.dispatch_due_reminders")
            still_since = time.monotonic()
        time.sleep(0.05)


# --- Fixtures -------------------------------------------------------------------------------------------


@pytest.fixture
def due_reminders(transactional_db: None, therapist: User, client_user: User) -> list[int]:
    """1,000 committed, due e-mail reminders for carol's occurrence today (which the policy allows).

    Transactional tests flush the tables the data migrations filled, so the built-in library is
    loaded again first.
    """
    load_builtin_library(Template)
    occurrence = today_occurrence(make_assignment(therapist, client_user))
    Reminder.objects.all().delete()  # the planner's own rows for the new assignment
    ReminderPreferences.objects.create(user=client_user)
    due_at = timezone.now() - timedelta(minutes=1)
    rows = Reminder.objects.bulk_create(
        Reminder(
            user=client_user,
            occurrence=occurrence,
            kind=ReminderKind.OCCURRENCE,
            channel=Channel.EMAIL,
            due_at=due_at,
            idempotency_key=f"integration:{n}",
        )
        for n in range(REMINDERS)
    )
    return [r.pk for r in rows]


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    server = SmtpSink()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    (tmp_path / "var").mkdir()
    return tmp_path


def _assert_exactly_once(sink: SmtpSink, ids: list[int]) -> None:
    received = list(sink.received)
    doubled = {i for i in received if received.count(i) > 1}
    assert not doubled, f"sent more than once: {sorted(doubled)[:20]}"
    assert len(received) == REMINDERS
    assert set(received) == {str(i) for i in ids}
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == REMINDERS


# --- The tests ----------------------------------------------------------------------------------------------


def test_a_worker_killed_mid_batch_loses_and_doubles_nothing(
    due_reminders: list[int], sink: SmtpSink, tmp: Path
) -> None:
    """SIGKILL while sends are in flight: their leases run out, and each row goes out once.

    The mail server stalls first (as a slow one does), so the sends in flight are killed mid-SMTP,
    before the server accepted them. ``test_faults.py`` kills the worker inside the send window
    too, where a message accepted but not yet recorded is sent again (docs/reminders.md,
    "Delivery guarantee").
    """
    harness = Harness(settings.REDIS_URL, sink, tmp)
    try:
        first = harness.start_worker()
        harness.send_task("reminders.tasks.dispatch_due_reminders")
        _wait_until(lambda: _sent() >= REMINDERS * 3 // 10, 90, "the first sends", harness)
        sink.data_allowed.clear()
        _wait_until_steady(harness)  # sends that already had their body accepted have committed
        in_flight = Reminder.objects.filter(status=ReminderStatus.SENDING).count()
        harness.kill(first)  # SIGKILL the worker and its pool children, mid-batch
        sink.data_allowed.set()
        assert _sent() < REMINDERS, "the worker finished before it could be killed"
        assert in_flight > 0

        harness.start_worker()
        _finish(harness)
    finally:
        sink.data_allowed.set()
        harness.cleanup()
    _assert_exactly_once(sink, due_reminders)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs the redis-server program")
def test_a_redis_restart_mid_run_loses_and_doubles_nothing(
    due_reminders: list[int], sink: SmtpSink, tmp: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--daemonize", "no", "--dir", str(tmp)]

    def start_redis() -> subprocess.Popen[bytes]:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                if client.ping():
                    return server
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    redis_server = start_redis()
    harness = Harness(f"redis://127.0.0.1:{port}/0", sink, tmp)
    try:
        harness.start_worker()
        harness.send_task("reminders.tasks.dispatch_due_reminders")
        _wait_until(lambda: _sent() >= REMINDERS * 3 // 10, 90, "the first sends", harness)
        redis_server.kill()  # every queued wake-up is lost with it (nothing is saved to disk)
        redis_server.wait(timeout=10)
        assert _sent() < REMINDERS, "the worker finished before Redis could be restarted"
        redis_server = start_redis()

        _finish(harness, supervise=True)
    finally:
        harness.cleanup()
        redis_server.kill()
        redis_server.wait(timeout=10)
    _assert_exactly_once(sink, due_reminders)


def test_two_dispatchers_at_once_still_send_each_reminder_once(
    due_reminders: list[int], sink: SmtpSink, tmp: Path
) -> None:
    harness = Harness(settings.REDIS_URL, sink, tmp)
    try:
        harness.start_worker()
        harness.start_worker()  # two workers, four processes: the two dispatch runs overlap
        _wait_until(
            lambda: redis.Redis.from_url(harness.broker_url).exists(f"_kombu.binding.{harness.queue}") > 0,
            30,
            "the workers",
            harness,
        )
        time.sleep(1.0)
        harness.send_task("reminders.tasks.dispatch_due_reminders")  # two beats, the same minute
        harness.send_task("reminders.tasks.dispatch_due_reminders")
        _wait_until(lambda: _sent() == REMINDERS, 120, "every reminder", harness)
        time.sleep(0.5)  # anything doubled would arrive now
    finally:
        harness.cleanup()
    _assert_exactly_once(sink, due_reminders)
    assert set(Reminder.objects.values_list("attempts", flat=True)) == {1}
