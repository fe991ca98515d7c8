"""The development e-mail backend: each e-mail printed to the terminal as a person would read it.

Django's console backend prints the raw MIME message. Its text is quoted-printable or base64,
so a long link is cut by ``=`` line breaks and cannot be copied into a browser. This backend
prints the headers a reader needs and the decoded plain-text part, with every line whole. The
HTML alternative and attachments are only named, never printed.

Django builds a message with the modern ``email.message.EmailMessage``; a reminder e-mail
(``reminders.channels.ReminderEmail``) is written with the older ``email.mime`` classes, a
compat32 ``Message`` that has no ``get_body``. Such a message is read back through the modern
API first, so every shape Mallard sends prints its text.
"""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage as MIMEMessage
from email.message import Message

from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

HEADERS = ("Subject", "From", "To", "Cc", "Reply-To", "Date")
RULE = "-" * 79


class EmailBackend(DjangoConsoleBackend):
    def write_message(self, message: EmailMessage) -> None:
        self.stream.write(render(message))
        self.stream.write(f"\n{RULE}\n")


def render(message: EmailMessage) -> str:
    """The headers, a blank line, the plain-text body decoded, then a line for each other part."""
    mime = _modern(message.message())
    lines = [f"{name}: {mime[name]}" for name in HEADERS if mime[name]]
    if message.bcc:
        lines.append(f"Bcc: {', '.join(message.bcc)}")
    lines.append("")
    body = mime.get_body(preferencelist=("plain",))
    lines.append(body.get_content().rstrip("\n") if body is not None else "(no plain-text part)")
    others = [part for part in _leaves(mime) if part is not body]
    if others:
        lines.append("")
        lines.extend(_summary(part) for part in others)
    return "\n".join(lines)


def _modern(mime: Message) -> MIMEMessage:
    """The message as a modern ``EmailMessage``, parsed from its bytes when it is a compat32 one."""
    if isinstance(mime, MIMEMessage):
        return mime
    return email.message_from_bytes(mime.as_bytes(), policy=email.policy.default)


def _leaves(mime: Message) -> list[Message]:
    return [part for part in mime.walk() if not part.is_multipart()]


def _summary(part: Message) -> str:
    payload = part.get_payload(decode=True)
    size = len(payload) if isinstance(payload, bytes) else 0
    name = part.get_filename()
    what = f"attachment {name!r}" if name else "alternative"
    return f"[{what}: {part.get_content_type()}, {size} bytes, not shown]"
