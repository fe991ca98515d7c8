"""A rig of real processes for the reminder fault tests (``test_faults.py``).

It starts, each in a process of its own:

- a Redis server of its own (so a test can restart it, losing every queued message);
- the recording SMTP sink ``bench.smtp_sink``, which appends "<reminder id> <time>" to a log
  file the moment it accepts a message (before its reply), so a test can count as it sends;
- one Celery worker and one (or two) beats, with the commands of docs/deployment.md, each under
  a small supervisor loop that starts it again when it dies, as systemd's ``Restart=always`` does.

Everything points at pytest's PostgreSQL test database. ``Rig.result`` reads the sink's log and
says what was expected, sent, lost and duplicated, how long the whole took, and how late the
latest reminder was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

import redis
from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from reminders.models import Reminder, ReminderStatus
from reminders.tests.test_worker_command import deployed_worker_command

BASE_DIR = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
BEAT_COMMAND = ["celery", "-A", "mallard", "beat", "--loglevel", "INFO"]
# The idempotency keys of a scenario's own reminders. Only those are counted: the planner, which
# runs in the same processes, may plan the client's coming days meanwhile, rows not yet due.
KEY_PREFIX = "fault:"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}{'@' if auth else ''}{host}{port}/{quote(db['NAME'])}"


@dataclass
class Timings:
    """The reminder settings the processes run with (production's defaults, or short ones)."""

    lease: int = 45
    sweep: int = 15
    dispatch: int = 15
    retry: int = 15

    def env(self) -> dict[str, str]:
        return {
            "MALLARD_REMINDER_LEASE_SECONDS": str(self.lease),
            "MALLARD_REMINDER_SWEEP_SECONDS": str(self.sweep),
            "MALLARD_REMINDER_DISPATCH_SECONDS": str(self.dispatch),
            "MALLARD_REMINDER_RETRY_SECONDS": str(self.retry),
        }


@dataclass
class Result:
    scenario: str
    expected: int
    sent: int
    lost: int
    duplicated: int
    seconds_to_complete: float
    latest_seconds: float  # the latest reminder's delay after its due time (or the relay's return)
    faults: int
    notes: str = ""

    def row(self) -> str:
        return (
            f"| {self.scenario} | {self.expected} | {self.sent} | {self.lost} | {self.duplicated} "
            f"| {self.seconds_to_complete:.1f} s | {self.latest_seconds:.1f} s | {self.notes} |"
        )


class Supervised:
    """One command kept running: started again (after a short pause) whenever it exits."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.command, self.env, self.log = name, command, env, log
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stopping.is_set():
            with self._lock, self.log.open("ab") as out:
                self.process = subprocess.Popen(  # noqa: S603 - our own virtualenv's celery
                    self.command,
                    cwd=BASE_DIR,
                    env=self.env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own process group: a kill takes its pool too
                )
                self.starts += 1
            self.process.wait()
            self._stopping.wait(0.2)

    def kill(self) -> None:
        """SIGKILL the whole process group, as the kernel's OOM killer or a lost machine would."""
        with self._lock:
            process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

    def stop(self) -> None:
        self._stopping.set()
        self.kill()
        self._thread.join(15)


@dataclass
class Rig:
    tmp: Path
    timings: Timings
    expected: int
    beats: int = 1
    due_at: float = 0.0
    start_line: int = 0  # the sink log's lines before the current scenario
    processes: list[Supervised] = field(default_factory=list)
    make_due: Callable[[], None] = lambda: None  # set by each scenario's fixture

    def __post_init__(self) -> None:
        self.redis_port = free_port()
        self.smtp_port = free_port()
        self.sink_log = self.tmp / "sink.log"
        self.sink_log.touch()
        self.redis_server: subprocess.Popen[bytes] | None = None
        self.sink: subprocess.Popen[bytes] | None = None

    # --- Processes ---------------------------------------------------------------------------

    @property
    def broker_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def env(self, var: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "EMAIL_", "MALLARD_"))}
        (self.tmp / var).mkdir(exist_ok=True)
        env.update(
            self.timings.env(),
            PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
            DJANGO_SETTINGS_MODULE="mallard.settings",
            DATABASE_URL=test_database_url(),
            REDIS_URL=self.broker_url,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.smtp_port),
            EMAIL_USE_TLS="false",
            MALLARD_VAR_DIR=str(self.tmp / var),
            SITE_URL="https://mallard.test",
            LOG_LEVEL="INFO",
        )
        return env

    def start_redis(self) -> None:
        command = ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--daemonize", "no", "--dir", str(self.tmp)]
        self.redis_server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        client = redis.Redis(port=self.redis_port)
        for _ in range(200):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop_redis(self) -> None:
        if self.redis_server is not None:
            self.redis_server.kill()  # nothing is saved to disk: every queued message is lost
            self.redis_server.wait(10)
            self.redis_server = None

    def start_sink(self) -> None:
        command = [sys.executable, "-m", "bench.smtp_sink", "--port", str(self.smtp_port)]
        command += ["--report", str(self.tmp / "sink.json"), "--log", str(self.sink_log)]
        self.sink = subprocess.Popen(command, cwd=BASE_DIR, stdout=subprocess.PIPE)  # noqa: S603
        assert self.sink.stdout is not None
        if not self.sink.stdout.readline().startswith(b"listening"):
            raise RuntimeError("the SMTP sink did not start")

    def stop_sink(self) -> None:
        if self.sink is not None:
            self.sink.kill()
            self.sink.wait(10)
            self.sink = None

    def start(self) -> None:
        self.start_redis()
        self.start_sink()
        worker = [str(BIN / "celery"), *deployed_worker_command()[1:]]
        self.worker = Supervised("worker", worker, self.env("var"), self.tmp / "worker.log")
        self.processes.append(self.worker)
        for _ in range(self.beats):
            self.add_beat()
        self.wait_for(self.worker_ready, 90, "the worker to start")

    def add_beat(self) -> Supervised:
        n = sum(1 for p in self.processes if p.name.startswith("beat"))
        command = [str(BIN / "celery"), *BEAT_COMMAND[1:]]
        beat = Supervised(f"beat{n}", command, self.env(f"var-beat{n}"), self.tmp / f"beat{n}.log")
        self.processes.append(beat)
        return beat

    def remove_beat(self, beat: Supervised) -> None:
        beat.stop()
        self.processes.remove(beat)

    def worker_ready(self) -> bool:
        """Whether a worker answers a ping over the broker (remote control stays on)."""
        from celery import Celery

        probe = Celery(broker=self.broker_url, set_as_current=False)  # the test's own app stays current
        try:
            return bool(probe.control.ping(timeout=0.5))
        except Exception:  # the broker is still coming back
            return False
        finally:
            probe.close()

    def begin(self) -> None:
        """A new scenario: the worker is up, and only messages from now on count."""
        self.wait_for(self.worker_ready, 90, "the worker to start")
        self.start_line = len(self._lines())

    def stop(self) -> None:
        for process in self.processes:
            process.stop()
        self.stop_sink()
        self.stop_redis()
        _wait_for_other_sessions_to_end()

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n" + p.read_text(errors="replace")[-4000:] for p in sorted(self.tmp.glob("*.log"))
        )

    def error_lines(self, name: str) -> list[str]:
        lines = (self.tmp / f"{name}.log").read_text(errors="replace").splitlines()
        return [line for line in lines if '"level": "error"' in line or '"level": "critical"' in line]

    # --- Watching -------------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        return self.sink_log.read_text().splitlines()

    def received(self) -> list[tuple[int, float]]:
        rows = []
        for line in self._lines()[self.start_line :]:
            reminder, _, at = line.partition(" ")
            if at:
                rows.append((int(reminder), float(at)))
        return rows

    def count(self) -> int:
        return len(self.received())

    def recorded(self) -> int:
        return self.scenario_rows().filter(status=ReminderStatus.SENT).count()

    @staticmethod
    def scenario_rows() -> QuerySet[Reminder]:
        return Reminder.objects.filter(idempotency_key__startswith=KEY_PREFIX)

    def wait_for(self, condition: object, timeout: float, what: str) -> None:
        assert callable(condition)
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"Timed out waiting for {what}; sink={self.count()}\n{self.logs()}")
            time.sleep(0.02)

    def wait_until_sending(self, share: float, timeout: float = 120) -> None:
        """Until the sink has accepted ``share`` of the expected messages: the send window is open."""
        target = max(1, int(self.expected * share))
        self.wait_for(lambda: self.count() >= target, timeout, f"{target} messages")

    def finish(self, timeout: float, settle: float) -> None:
        """Until every row is recorded sent and the sink has them all, then ``settle`` s for stragglers."""
        deadline = time.monotonic() + timeout
        while self.recorded() < self.expected or len({r for r, _ in self.received()}) < self.expected:
            if time.monotonic() > deadline:
                statuses = Counter(Reminder.objects.values_list("status", flat=True))
                raise AssertionError(f"Not every reminder was sent in time: {dict(statuses)}\n{self.logs()}")
            time.sleep(0.1)
        time.sleep(settle)

    def result(self, scenario: str, *, faults: int, since: float | None = None, notes: str = "") -> Result:
        received = self.received()
        ids = [reminder for reminder, _ in received]
        first: dict[int, float] = {}
        for reminder, at in received:
            first.setdefault(reminder, at)
        expected = set(self.scenario_rows().values_list("pk", flat=True))
        start = max(self.due_at, since or 0.0)
        return Result(
            scenario=scenario,
            expected=len(expected),
            sent=len(set(ids) & expected),
            lost=len(expected - set(ids)),
            duplicated=len(ids) - len(set(ids)),
            seconds_to_complete=(max(first.values()) - self.due_at) if first else 0.0,
            latest_seconds=max((at - start for at in first.values()), default=0.0),
            faults=faults,
            notes=notes,
        )


def _wait_for_other_sessions_to_end() -> None:
    """Killed workers' database sessions end asynchronously; the test database is flushed next."""
    deadline = time.monotonic() + 15
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


def terminate_other_sessions() -> int:
    """``pg_terminate_backend`` on every other session of the test database: the workers' connections."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return int(cursor.fetchone()[0])


def record(result: Result) -> None:
    """Append the result to var/chaos/results.jsonl (``make chaos`` prints them as a table)."""
    folder = Path(settings.VAR_DIR) / "chaos"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "results.jsonl").open("a") as out:
        out.write(json.dumps(asdict(result)) + "\n")
    print("\n" + result.row())


def worker_command_line() -> str:
    return shlex.join(deployed_worker_command())
