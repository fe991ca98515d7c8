"""In development, a reminder e-mail printed to the terminal shows its text and whole links.

``ReminderEmail`` writes its message with the older ``email.mime`` classes; the console printer
must read that shape as well as Django's own (``mallard/tests/test_console_mail.py``).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from homework.tests.conftest import make_assignment, today_occurrence
from mallard.console_mail import EmailBackend
from mallard.models import User
from reminders import channels
from reminders.models import Channel, Reminder, ReminderKind

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_reminder_prints_its_text_with_the_snooze_and_unsubscribe_links_whole(
    therapist: User, client_user: User
) -> None:
    reminder = Reminder.objects.create(
        user=client_user,
        occurrence=today_occurrence(make_assignment(therapist, client_user)),
        kind=ReminderKind.OCCURRENCE,
        channel=Channel.EMAIL,
        due_at=NOW,
        idempotency_key=f"console-test:{client_user.pk}",
    )
    context = channels.message_context(reminder)
    message = channels.build_email(reminder)
    stream = io.StringIO()

    assert EmailBackend(stream=stream).send_messages([message]) == 1

    lines = stream.getvalue().splitlines()
    assert f"Subject: {message.subject}" in lines
    assert "To: carol@example.com" in lines
    assert "(no plain-text part)" not in lines
    text = str(message.body).rstrip("\n").splitlines()
    start = lines.index(text[0])
    assert lines[start : start + len(text)] == text
    assert any(context["snooze_url"] in line for line in lines)
    assert any(context["unsubscribe_url"] in line for line in lines)
    assert "=3D" not in stream.getvalue()
    assert [line for line in lines if line.startswith("[")] == [
        f"[alternative: text/html, {len(str(message.alternatives[0][0]).encode())} bytes, not shown]"
    ]
