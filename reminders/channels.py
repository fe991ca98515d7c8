"""The ways a reminder reaches a person: one small interface and a registry.

A channel turns one ``Reminder`` row into a message and delivers it. It
raises when delivery fails; the dispatcher (``reminders.dispatch``) records
the failure and schedules a retry. Channels never change the row's status.

Messages carry no clinical content: "You have a practice activity planned
for 20:00", never what the activity is about. Email previews and lock screens
are seen by other people.

To add a channel (SMS, web push): add a value to ``models.Channel``, write a
class with ``render(reminder)``, ``deliver(message)`` and ``close()``, and register it in
``CHANNELS``. The scheduler and the dispatcher don't change.
"""

from __future__ import annotations

import email.policy
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from email.charset import QP, Charset
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import Policy
from email.utils import format_datetime
from typing import Any, Protocol, Self
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from reminders import digests, news, planning, tokens
from reminders.models import Channel, Notification, Reminder, ReminderKind

logger = logging.getLogger(__name__)

# What a channel reads besides the reminder row; the dispatcher loads it with the row.
MESSAGE_RELATED = ("user", "occurrence__assignment__reminder_setting")

# The header that names the reminder row an e-mail was sent for (support and tests use it).
REMINDER_HEADER = "X-Mallard-Reminder"


class DeliveryError(Exception):
    """The channel could not deliver the message; the dispatcher retries later."""


class DeliveryChannel(Protocol):
    """What the dispatcher needs from a channel."""

    def render(self, reminder: Reminder) -> Any:
        """Build the message, touching no row. Raise ``DeliveryError`` if it cannot be sent."""

    def deliver(self, message: Any) -> None:
        """Deliver a rendered message, or raise. Called outside any transaction."""

    def send(self, reminder: Reminder) -> None:
        """Render and deliver."""

    def close(self) -> None:
        """Release connections."""


class BaseChannel:
    """Shared behaviour: ``send`` renders and delivers; usable as a context manager that closes."""

    def render(self, reminder: Reminder) -> Any:  # pragma: no cover - every channel overrides it
        raise NotImplementedError

    def deliver(self, message: Any) -> None:  # pragma: no cover - every channel overrides it
        raise NotImplementedError

    def send(self, reminder: Reminder) -> None:
        self.deliver(self.render(reminder))

    def close(self) -> None:
        return None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- What the messages say --------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def planned_time(reminder: Reminder) -> str:
    """The planned time of day on the person's own clock, e.g. "20:00".

    The client's chosen reminder time (else the assignment's preferred time);
    if neither is set, the time the reminder is due.
    """
    at = planning.reminder_time(reminder.occurrence.assignment) if reminder.occurrence else None
    if at is None:
        at = reminder.due_at.astimezone(reminder.user.zone).time()
    return f"{at:%H:%M}"


# A questionnaire reminder never names it: lock screens and e-mail previews are seen by others.
MEASURE_TEXT = "You have a short check-in to fill in."


def unsubscribe_url(reminder: Reminder) -> str:
    return _absolute(reverse("reminders-unsubscribe", args=[tokens.unsubscribe_token(reminder.user)]))


def message_context(reminder: Reminder) -> dict[str, Any]:
    """The context of every template of a reminder: links, the name, and the kind's own parts."""
    user = reminder.user
    context: dict[str, Any] = {
        "name": user.display_name or "there",
        "site_url": settings.SITE_URL,
        "today_url": _absolute(reverse("homework-today")),
        "settings_url": _absolute(reverse("reminders-preferences")),
        "unsubscribe_url": unsubscribe_url(reminder),
    }
    if reminder.kind == ReminderKind.OCCURRENCE:
        context["planned_at"] = planned_time(reminder)
        context["snooze_url"] = _absolute(reverse("reminders-snooze", args=[tokens.snooze_token(reminder)]))
    elif reminder.kind == ReminderKind.MEASURE:
        pass  # the message names no questionnaire: it links to Today, where it is
    elif reminder.kind == ReminderKind.NEWS:
        what = news.news_of(reminder)
        context["headline"] = news.HEADLINES[what]
        context["subject"] = news.SUBJECTS[what]
        context["link"] = _absolute(news.email_link())
    else:
        context.update(digests.message_context(reminder))
    return context


def in_app_text(reminder: Reminder) -> tuple[str, str]:
    """The notification's text and link (a path on this site)."""
    if reminder.kind == ReminderKind.OCCURRENCE:
        text = f"You have a practice activity planned for {planned_time(reminder)}."
        return text, reverse("homework-today")
    if reminder.kind == ReminderKind.MEASURE:
        return MEASURE_TEXT, reverse("homework-today")
    if reminder.kind == ReminderKind.NEWS:
        return news.HEADLINES[news.news_of(reminder)], news.email_link()
    if reminder.kind == ReminderKind.THERAPIST_DIGEST:
        return "Your weekly digest is ready.", reverse("sessions-caseload")
    return "Your weekly summary is ready.", reverse("homework-progress")


def message_id(reminder: Reminder) -> str:
    """The same Message-ID every time this reminder is e-mailed.

    If a crash ever makes the dispatcher send a reminder twice (see
    docs/reminders.md, "Delivery guarantee"), many mail systems show the two
    copies as one.
    """
    digest = hashlib.sha256(reminder.idempotency_key.encode()).hexdigest()[:20]
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<reminder.{reminder.pk}.{digest}@{domain}>"


# Bodies are UTF-8, quoted-printable: readable in the message source and safe through 7-bit relays.
_UTF8_QP = Charset("utf-8")
_UTF8_QP.body_encoding = QP


class ReminderEmail(EmailMultiAlternatives):
    """A reminder e-mail (made by ``build_email``), written out by the standard library's MIME classes.

    Django writes a message with Python's modern e-mail API, which parses and
    re-folds every header: about 2.7 ms of CPU per reminder, half of what a
    whole send costs. A reminder is ASCII headers, a text body and an HTML
    alternative, which ``email.mime`` writes in about 0.7 ms. It also folds a
    long ``List-Unsubscribe`` only at whitespace, where the modern API turns it
    into RFC 2047 encoded words, which mail providers ignore in that header.
    A message with anything else (a non-ASCII header or address, copies,
    attachments) is written by Django as usual.
    """

    # A compat32 ``Message``, not an ``EmailMessage``: Django's mail backends only write it out.
    def message(self, *, policy: Policy | None = email.policy.default) -> Message:  # type: ignore[override]
        headers = {
            "Subject": str(self.subject),
            "From": str(self.from_email),
            "To": ", ".join(self.to),
            "Date": format_datetime(timezone.now()),
            **{name: str(value) for name, value in self.extra_headers.items()},
        }
        if self.cc or self.reply_to or self.attachments or not all(v.isascii() for v in headers.values()):
            return super().message(policy=policy)
        # compat32 writes ASCII headers as they are; the generator still refuses a header with a line break.
        mime_policy = email.policy.compat32.clone(linesep=(policy or email.policy.default).linesep)
        message = MIMEMultipart("alternative", policy=mime_policy)
        for name, value in headers.items():
            message[name] = value
        for content, mimetype in [(self.body, "text/plain"), *self.alternatives]:
            part = MIMENonMultipart(*mimetype.split("/"), policy=mime_policy)
            part.set_payload(str(content), _UTF8_QP)
            message.attach(part)
        return message


def build_email(reminder: Reminder) -> EmailMultiAlternatives:
    """The e-mail for a reminder: subject, text and HTML from ``templates/reminders/email/``."""
    context = message_context(reminder)
    template = f"reminders/email/{reminder.kind}"
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}_body.txt", context)
    html = render_to_string(f"{template}_body.html", context)
    unsubscribe = context["unsubscribe_url"]
    headers = {
        REMINDER_HEADER: str(reminder.pk),
        "Message-ID": message_id(reminder),
        "Auto-Submitted": "auto-generated",
        "List-Unsubscribe": f"<{unsubscribe}>",
    }
    if unsubscribe.startswith("https://"):
        # RFC 8058 one-click unsubscribe: only over HTTPS (production always has it).
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = ReminderEmail(subject=subject, body=text, to=[reminder.user.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


# --- The channels --------------------------------------------------------------------------------


class EmailChannel(BaseChannel):
    """E-mail through Django's default mailer.

    ``render`` builds the whole message before the dispatcher claims the row;
    ``deliver`` is then only the SMTP exchange. The connection is opened on the
    first ``deliver`` and closed (QUIT) by ``close`` at the end of the batch.
    """

    def __init__(self) -> None:
        self._mailer: BaseEmailBackend | None = None

    def render(self, reminder: Reminder) -> EmailMultiAlternatives:
        if not reminder.user.email:
            raise DeliveryError("The person has no e-mail address.")
        return build_email(reminder)

    def deliver(self, message: EmailMultiAlternatives) -> None:
        if self._mailer is None:
            self._mailer = mailers.default
            self._mailer.open()
        if self._mailer.send_messages([message]) != 1:
            raise DeliveryError("The mail server did not accept the message.")

    def close(self) -> None:
        mailer, self._mailer = self._mailer, None
        if mailer is None:
            return
        try:
            mailer.close()
        except Exception:  # the message is already accepted and recorded; a failed QUIT changes nothing
            logger.warning("Closing the mail connection failed", exc_info=True)


@dataclass(frozen=True)
class InAppMessage:
    reminder: Reminder
    text: str
    url: str


class InAppChannel(BaseChannel):
    """A ``Notification`` row. Its one-to-one link to the reminder makes it idempotent."""

    def render(self, reminder: Reminder) -> InAppMessage:
        text, url = in_app_text(reminder)
        return InAppMessage(reminder, text, url)

    def deliver(self, message: InAppMessage) -> None:
        reminder = message.reminder
        Notification.objects.get_or_create(
            reminder=reminder,
            defaults={"user_id": reminder.user_id, "text": message.text, "url": message.url},
        )


CHANNELS: dict[str, Callable[[], DeliveryChannel]] = {
    Channel.EMAIL: EmailChannel,
    Channel.IN_APP: InAppChannel,
}


def channel_for(name: str) -> DeliveryChannel:
    """A fresh channel object for a ``Channel`` value. Raises ``DeliveryError`` for an unknown one."""
    try:
        factory = CHANNELS[name]
    except KeyError:
        raise DeliveryError(f"No channel is registered for {name!r}.") from None
    return factory()
