"""The reminder benchmark's SMTP sink: it speaks enough SMTP for Django's mailer and counts right."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.mail import EmailMessage, mailers

from bench import harness


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[tuple[int, Path, subprocess.Popen[bytes]]]:
    port = harness.free_port()
    report = tmp_path / "received.json"
    process = subprocess.Popen(  # noqa: S603 - this interpreter, our module
        [sys.executable, "-m", "bench.smtp_sink", "--port", str(port), "--report", str(report)],
        cwd=harness.BASE_DIR,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(b"listening")
    yield port, report, process
    if process.poll() is None:
        process.kill()
        process.wait()


def _stop(process: subprocess.Popen[bytes], report: Path) -> list[int]:
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    return json.loads(report.read_text())


def test_it_accepts_each_message_of_one_session_and_notes_its_reminder_id(
    sink: tuple[int, Path, subprocess.Popen[bytes]],
    settings: Any,
) -> None:
    port, report, process = sink
    # Configured as Mallard's settings configure the SMTP mailer (mallard/settings.py, MAILERS).
    options = {
        "host": "127.0.0.1",
        "port": port,
        "username": "",
        "password": "",
        "use_tls": False,
        "timeout": 15,
    }
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}
    }
    mailer = mailers.default
    messages = [
        EmailMessage(
            "Practice",
            "Line one\n.\n..\nLast line",
            to=["a@example.test"],
            headers={"X-Mallard-Reminder": "41"},
        ),
        EmailMessage("Practice", "", to=["b@example.test"], headers={"X-Mallard-Reminder": "42"}),
        EmailMessage("No header", "Body", to=["c@example.test"]),
    ]
    mailer.open()
    try:
        assert mailer.send_messages(messages) == 3
    finally:
        mailer.close()  # QUIT
    assert _stop(process, report) == [41, 42, 0]


def test_it_refuses_what_it_does_not_know_and_keeps_the_session(
    sink: tuple[int, Path, subprocess.Popen[bytes]],
) -> None:
    port, report, process = sink
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        reader = conn.makefile("rb")
        assert reader.readline().startswith(b"220 ")
        conn.sendall(b"VRFY someone\r\nNOOP\r\nQUIT\r\n")
        assert reader.readline().startswith(b"502 ")
        assert reader.readline() == b"250 OK\r\n"
        assert reader.readline().startswith(b"221 ")
    assert _stop(process, report) == []


def test_with_a_log_it_records_each_message_before_it_replies(tmp_path: Path) -> None:
    """The fault tests count from the log while the sink runs, and a killed sink keeps its record."""
    port, log = harness.free_port(), tmp_path / "received.log"
    command = [sys.executable, "-m", "bench.smtp_sink", "--port", str(port)]
    command += ["--report", str(tmp_path / "received.json"), "--log", str(log)]
    process = subprocess.Popen(command, cwd=harness.BASE_DIR, stdout=subprocess.PIPE)  # noqa: S603
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith(b"listening")
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            reader = conn.makefile("rb")
            assert reader.readline().startswith(b"220 ")
            conn.sendall(b"EHLO t\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nDATA\r\n")
            for _ in range(5):  # EHLO's two lines, MAIL, RCPT, DATA
                reader.readline()
            conn.sendall(b"X-Mallard-Reminder: 7\r\n\r\nHi\r\n.\r\n")
            assert reader.readline().startswith(b"250 ")
            ((reminder, at),) = [line.split() for line in log.read_text().splitlines()]
            assert reminder == "7"
            assert float(at) > 0
    finally:
        process.kill()  # no report on SIGKILL: the log is the record
        process.wait()
    assert log.read_text().startswith("7 ")
