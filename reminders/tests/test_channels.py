"""Channels: what the e-mail and the in-app notification say, and the channel registry."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from homework.models import Assignment
from homework.tests.conftest import make_assignment, today_occurrence
from mallard.models import User
from reminders import channels, tokens
from reminders.models import (
    Channel,
    Notification,
    Reminder,
    ReminderKind,
    ReminderPreferences,
)

pytestmark = pytest.mark.django_db

# Tuesday 12 May 2026, 10:00 in New York (carol's zone).
NOW = datetime(2026, 5, 12, 14, 0, tzinfo=UTC)
SECRET_TITLE = "Panic attack on the subway"


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def secret_assignment(therapist: User, client_user: User) -> Assignment:
    return make_assignment(therapist, client_user, title=SECRET_TITLE)


def _reminder(user: User, assignment: Assignment | None = None, **fields: Any) -> Reminder:
    values: dict[str, Any] = {
        "user": user,
        "occurrence": today_occurrence(assignment) if assignment else None,
        "kind": ReminderKind.OCCURRENCE,
        "channel": Channel.EMAIL,
        "due_at": NOW,
        "idempotency_key": f"channel-test:{user.pk}:{fields.get('kind', 'occurrence')}",
    }
    values.update(fields)
    return Reminder.objects.create(**values)


def _texts(message: mail.EmailMultiAlternatives) -> list[str]:
    html = str(message.alternatives[0][0])
    return [str(message.subject), str(message.body), html]


def test_the_occurrence_email_says_when_in_the_clients_zone_and_nothing_clinical(
    client_user: User, secret_assignment: Assignment
) -> None:
    reminder = _reminder(client_user, secret_assignment)

    message = channels.build_email(reminder)

    assert message.subject == "Your practice activity at 20:00"
    assert message.to == ["carol@example.com"]
    subject, text, html = _texts(message)
    for part in (text, html):
        assert "You have a practice activity planned for" in part
        assert "20:00" in part
        assert "http://localhost:8000/today/" in part
        assert "http://localhost:8000/reminders/" in part
    for part in (subject, text, html):
        assert SECRET_TITLE not in part
        assert "thought" not in part.lower()
    assert message.alternatives[0][1] == "text/html"


def test_the_email_links_snooze_and_unsubscribe_with_tokens_for_this_reminder_and_person(
    client_user: User, secret_assignment: Assignment
) -> None:
    reminder = _reminder(client_user, secret_assignment)
    context = channels.message_context(reminder)

    snooze_token = context["snooze_url"].rstrip("/").rsplit("/", 1)[-1]
    assert tokens.read_snooze_token(snooze_token).pk == reminder.pk
    unsubscribe_token = context["unsubscribe_url"].rstrip("/").rsplit("/", 1)[-1]
    assert tokens.read_unsubscribe_token(unsubscribe_token) == client_user
    message = channels.build_email(reminder)
    assert context["snooze_url"] in str(message.body)
    assert context["unsubscribe_url"] in str(message.body)


def test_the_email_carries_one_click_unsubscribe_headers_over_https(
    client_user: User, secret_assignment: Assignment, settings: Any
) -> None:
    settings.SITE_URL = "https://mallard.example.org"
    reminder = _reminder(client_user, secret_assignment)

    headers = channels.build_email(reminder).extra_headers

    assert headers["List-Unsubscribe"].startswith("<https://mallard.example.org/reminders/unsubscribe/")
    assert headers["List-Unsubscribe"].endswith("/>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers[channels.REMINDER_HEADER] == str(reminder.pk)
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["Message-ID"].endswith("@mallard.example.org>")


def _as_sent(message: mail.EmailMultiAlternatives) -> tuple[bytes, email.message.EmailMessage]:
    """The bytes Django's SMTP backend sends for ``message``, and what a mail client parses from them."""
    raw = message.message(policy=email.policy.SMTP).as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return raw, parsed


def test_the_email_as_sent_has_every_header_and_both_bodies(
    client_user: User, secret_assignment: Assignment, settings: Any
) -> None:
    settings.SITE_URL = "https://mallard.example.org"
    message = channels.build_email(_reminder(client_user, secret_assignment))

    raw, parsed = _as_sent(message)

    assert b"=?" not in raw  # nothing RFC 2047-encoded: mail providers ignore an encoded List-Unsubscribe
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends, as SMTP requires
    assert parsed["List-Unsubscribe"].strip() == message.extra_headers["List-Unsubscribe"]
    for name in ("List-Unsubscribe-Post", "Message-ID", "Auto-Submitted", channels.REMINDER_HEADER):
        assert parsed[name] == message.extra_headers[name]
    assert (parsed["Subject"], parsed["To"], parsed["From"]) == (
        "Your practice activity at 20:00", "carol@example.com", settings.DEFAULT_FROM_EMAIL
    )  # fmt: skip
    assert parsed["Date"].datetime == NOW
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert text is not None and html is not None
    assert text.get_content().replace("\r\n", "\n") == message.body
    assert html.get_content().replace("\r\n", "\n") == str(message.alternatives[0][0])


def test_an_email_with_a_non_ascii_header_is_written_by_django(
    client_user: User, secret_assignment: Assignment, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "Mallard Praxis Zoë <noreply@example.org>"
    message = channels.build_email(_reminder(client_user, secret_assignment))

    _, parsed = _as_sent(message)

    assert parsed["From"] == "Mallard Praxis Zoë <noreply@example.org>"
    text = parsed.get_body(("plain",))
    assert text is not None
    assert text.get_content().replace("\r\n", "\n") == message.body


def test_one_click_is_not_offered_over_plain_http(client_user: User, secret_assignment: Assignment) -> None:
    headers = channels.build_email(_reminder(client_user, secret_assignment)).extra_headers
    assert headers["List-Unsubscribe"].startswith("<http://localhost:8000/reminders/unsubscribe/")
    assert "List-Unsubscribe-Post" not in headers


def test_a_resent_email_keeps_the_same_message_id(client_user: User, secret_assignment: Assignment) -> None:
    reminder = _reminder(client_user, secret_assignment)
    first = channels.build_email(reminder).extra_headers["Message-ID"]
    assert channels.build_email(reminder).extra_headers["Message-ID"] == first
    other = _reminder(client_user, secret_assignment, idempotency_key="another")
    assert channels.build_email(other).extra_headers["Message-ID"] != first


def test_the_planned_time_is_the_clients_own_choice_for_the_assignment(
    client_user: User, secret_assignment: Assignment
) -> None:
    secret_assignment.client_time = time(7, 30)
    secret_assignment.save(update_fields=["client_time"])
    reminder = _reminder(client_user, secret_assignment)
    assert channels.build_email(reminder).subject == "Your practice activity at 07:30"


def test_without_a_planned_time_the_due_time_is_shown_on_the_clients_clock(
    therapist: User, client_user: User
) -> None:
    assignment = make_assignment(therapist, client_user, preferred_time=None)
    reminder = _reminder(client_user, assignment, due_at=datetime(2026, 5, 12, 22, 15, tzinfo=UTC))
    assert channels.planned_time(reminder) == "18:15"  # New York is UTC-4 in May


def test_the_weekly_summary_email_counts_practice_without_naming_it(
    client_user: User, secret_assignment: Assignment
) -> None:
    ReminderPreferences.objects.create(user=client_user, weekly_summary=True)
    reminder = _reminder(client_user, kind=ReminderKind.WEEKLY_SUMMARY)

    message = channels.build_email(reminder)

    assert message.subject == "Your week of practice in Mallard"
    subject, text, html = _texts(message)
    assert "Hello Carol Chen" in text
    assert "http://localhost:8000/homework/progress/" in text
    for part in (subject, text, html):
        assert SECRET_TITLE not in part
    assert '<th scope="row"' in html or "Nothing was planned" in html


def test_the_therapist_digest_counts_who_may_welcome_a_check_in_and_names_nobody(
    therapist: User, client_user: User, secret_assignment: Assignment
) -> None:
    Assignment.objects.filter(pk=secret_assignment.pk).update(created_at=NOW - timedelta(days=30))
    reminder = _reminder(therapist, kind=ReminderKind.THERAPIST_DIGEST)

    message = channels.build_email(reminder)

    assert message.subject == "Your weekly Mallard digest"
    subject, text, html = _texts(message)
    assert "One client may welcome a check-in" in text
    assert "No activity for a week: 1" in text
    assert "http://localhost:8000/caseload/" in text
    for part in (subject, text, html):
        assert SECRET_TITLE not in part
        assert "Carol" not in part


def test_names_in_the_html_email_are_escaped(client_user: User, secret_assignment: Assignment) -> None:
    User.objects.filter(pk=client_user.pk).update(display_name="<b>Carol</b>")
    client_user.refresh_from_db()
    _, text, html = _texts(channels.build_email(_reminder(client_user, secret_assignment)))
    assert "&lt;b&gt;Carol&lt;/b&gt;" in html
    assert "Hello <b>Carol</b>," in text  # plain text is not HTML


def test_the_email_channel_sends_through_the_default_mailer(
    client_user: User, secret_assignment: Assignment
) -> None:
    reminder = _reminder(client_user, secret_assignment)
    with channels.EmailChannel() as channel:
        channel.send(reminder)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers[channels.REMINDER_HEADER] == str(reminder.pk)


def test_the_email_channel_refuses_a_person_without_an_address(
    client_user: User, secret_assignment: Assignment
) -> None:
    User.objects.filter(pk=client_user.pk).update(email="")
    client_user.refresh_from_db()
    with pytest.raises(channels.DeliveryError), channels.EmailChannel() as channel:
        channel.send(_reminder(client_user, secret_assignment))
    assert mail.outbox == []


def test_the_in_app_channel_is_idempotent(client_user: User, secret_assignment: Assignment) -> None:
    reminder = _reminder(client_user, secret_assignment, channel=Channel.IN_APP)
    channel = channels.channel_for(Channel.IN_APP)
    channel.send(reminder)
    channel.send(reminder)
    notification = Notification.objects.get(reminder__isnull=False)
    assert notification.text == "You have a practice activity planned for 20:00."
    assert SECRET_TITLE not in notification.text


@pytest.mark.parametrize(
    ("kind", "text", "url"),
    [
        (ReminderKind.WEEKLY_SUMMARY, "Your weekly summary is ready.", "/homework/progress/"),
        (ReminderKind.THERAPIST_DIGEST, "Your weekly digest is ready.", "/caseload/"),
    ],
)
def test_in_app_digests_point_to_the_right_page(client_user: User, kind: str, text: str, url: str) -> None:
    assert channels.in_app_text(_reminder(client_user, kind=kind)) == (text, url)


def test_every_channel_value_has_an_implementation() -> None:
    for value in Channel.values:
        channel = channels.channel_for(value)
        assert callable(channel.send)
        channel.close()


def test_an_unknown_channel_is_a_delivery_error() -> None:
    with pytest.raises(channels.DeliveryError):
        channels.channel_for("carrier-pigeon")
