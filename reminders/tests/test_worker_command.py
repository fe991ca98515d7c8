"""The worker is started the same way everywhere the project says how: no gossip, mingle or heartbeat.

With gossip on, every routine reconnect to Redis logs an ERROR ("Error on restarting Gossip"). The
fault tests (``test_faults.py``) start the worker with the command read from docs/deployment.md.
"""

from __future__ import annotations

import logging
import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
QUIET = {"--without-gossip", "--without-mingle", "--without-heartbeat"}


def worker_commands(text: str) -> list[list[str]]:
    """Every ``celery -A mallard worker ...`` command in a text, as arguments from ``celery`` on."""
    found = re.findall(r"celery -A mallard worker[^`\n&]*", text)
    return [shlex.split(command.replace("\\", " ")) for command in found]


def deployed_worker_command() -> list[str]:
    """The worker command of docs/deployment.md's process table (the fault tests start this)."""
    commands = worker_commands((BASE_DIR / "docs" / "deployment.md").read_text())
    return commands[0]


def test_the_documented_worker_commands_leave_out_gossip_mingle_and_heartbeat() -> None:
    for doc in ("deployment.md", "reminders.md"):
        commands = worker_commands((BASE_DIR / "docs" / doc).read_text())
        assert commands, doc
        for command in commands:
            assert set(command) >= QUIET, (doc, command)


def test_make_run_starts_the_worker_with_the_same_options_as_the_deployment() -> None:
    makefile = (BASE_DIR / "Makefile").read_text().replace("\\\n", " ")
    (run,) = worker_commands(makefile)
    deployed = deployed_worker_command()
    # make run adds what only development wants: the embedded beat and a single process.
    assert set(deployed) <= set(run)
    assert set(run) - set(deployed) <= {"--beat", "--concurrency", "1"}


def test_every_documented_worker_command_is_the_same() -> None:
    deployment = worker_commands((BASE_DIR / "docs" / "deployment.md").read_text())
    reminders = worker_commands((BASE_DIR / "docs" / "reminders.md").read_text())
    assert len({tuple(command) for command in deployment + reminders}) == 1


def test_the_first_tries_of_a_broker_reconnect_are_warnings_and_a_long_outage_is_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import mallard.celery  # noqa: F401 - installs the filter

    consumer = logging.getLogger("celery.worker.consumer.consumer")
    message = "consumer: Cannot connect to %s: %s.\nTrying again in %.2f seconds... (%s/%s)\n"
    with caplog.at_level(logging.WARNING):
        consumer.error(message, "redis://127.0.0.1:6379/0", "Connection refused", 2.0, 1, 100)
        consumer.error(message, "redis://127.0.0.1:6379/0", "Connection refused", 30.0, 11, 100)
        logging.getLogger("celery.beat").error(
            "beat: Connection error: %s. Trying again in %s seconds...", "x", 2
        )
        logging.getLogger("celery.beat").error(
            "Message Error: %s",
            "Couldn't apply scheduled task sweep: Error 111 connecting to 127.0.0.1:6379.",
        )
        consumer.error("Something else went wrong")
    assert [r.levelname for r in caplog.records] == ["WARNING", "ERROR", "WARNING", "WARNING", "ERROR"]


def test_a_worker_that_starts_queues_a_sweep_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker restarted after a crash takes back expired leases without waiting for beat."""
    from mallard import celery

    sent: list[str] = []
    monkeypatch.setattr(celery.app, "send_task", lambda name, *args, **kwargs: sent.append(name))
    celery.worker_ready.send(sender=None)
    assert sent == ["reminders.tasks.sweep_stuck_reminders"]
