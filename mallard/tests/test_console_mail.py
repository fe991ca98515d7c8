"""In development, e-mail printed to the terminal keeps its links whole, so they can be copied."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

from mallard.console_mail import EmailBackend

REPO = Path(__file__).resolve().parents[2]
LINK = "http://localhost:8000/accounts/confirm-email/" + "MzQ:1vXyZa:" + "k" * 90 + "/"


def invitation() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Mallard: Zoë Ávila invited you",
        body=f"Hello Jordan,\n\nZoë Ávila invited you to Mallard. Join here:\n\n{LINK}\n\nSee you soon.\n",
        from_email="Mallard <noreply@localhost>",
        to=["jordan@example.com"],
        bcc=["audit@example.com"],
    )
    message.attach_alternative(f'<p>Zoë Ávila invited you. <a href="{LINK}">Join</a></p>', "text/html")
    return message


def printed(message: EmailMultiAlternatives, backend: type = EmailBackend) -> str:
    stream = io.StringIO()
    assert backend(stream=stream).send_messages([message]) == 1
    return stream.getvalue()


def test_a_long_link_prints_whole_on_one_line() -> None:
    output = printed(invitation())
    assert LINK in output.splitlines()
    assert "=\n" not in output
    assert "=3D" not in output


def test_djangos_own_console_backend_breaks_it() -> None:
    """Why Mallard has its own: the raw message is quoted-printable."""
    assert LINK not in printed(invitation(), DjangoConsoleBackend).splitlines()


def test_it_prints_the_headers_and_the_text_decoded() -> None:
    output = printed(invitation())
    lines = output.splitlines()
    assert "Subject: Mallard: Zoë Ávila invited you" in lines
    assert "From: Mallard <noreply@localhost>" in lines
    assert "To: jordan@example.com" in lines
    assert "Bcc: audit@example.com" in lines
    assert "Zoë Ávila invited you to Mallard. Join here:" in lines
    assert lines[-1] == "-" * 79


def test_the_html_and_attachments_are_only_named() -> None:
    message = invitation()
    message.attach("week.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    output = printed(message)
    assert "<p>" not in output
    assert "[alternative: text/html," in output
    assert "[attachment 'week.ics': text/calendar, 30 bytes, not shown]" in output
    assert "BEGIN:VCALENDAR" not in output


def test_an_html_only_message_says_so() -> None:
    message = EmailMultiAlternatives("Hello", "<p>Hi</p>", "a@example.com", ["b@example.com"])
    message.content_subtype = "html"
    output = printed(message)
    assert "(no plain-text part)" in output
    assert "<p>Hi</p>" not in output


def test_development_uses_it_by_default() -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_ENV", "EMAIL_HOST", "EMAIL_FILE_PATH", "DJANGO_SETTINGS_MODULE")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "mallard.settings"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.MAILERS['default']['BACKEND'])",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "mallard.console_mail.EmailBackend"
