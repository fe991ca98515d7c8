"""Plain-text e-mails are plain text: a name such as O'Brien reaches the reader as typed.

HTML escaping belongs to the HTML part only. Every ``email/*.txt`` template is checked, so a new
one cannot bring the escaping back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from mallard import emails
from mallard.models import User
from mallard.tests.helpers import make_invitation

NAME = "Siobhán O'Brien & <Co>"
ESCAPED = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;")

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
TEXT_TEMPLATES = sorted(str(path.relative_to(TEMPLATES_DIR)) for path in TEMPLATES_DIR.glob("**/email/*.txt"))


class AnyValue(dict[str, Any]):
    """A template context that answers every variable with text that HTML escaping would change."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        if key.endswith("zone"):
            return "UTC"
        if key in {"lines"}:
            return [NAME]
        if key in {"rows"}:
            return [(NAME, 1)]
        if key.endswith("_days"):
            return 2557
        if key.endswith("_at") or key.endswith("_day") or key.endswith("_until"):
            return datetime(2026, 3, 1, 12, tzinfo=UTC)
        return NAME


def test_there_are_plain_text_templates_to_check() -> None:
    assert "mallard/email/invitation_body.txt" in TEXT_TEMPLATES
    assert "mallard/email/invitation_subject.txt" in TEXT_TEMPLATES


@pytest.mark.parametrize("template", TEXT_TEMPLATES)
def test_it_renders_every_plain_text_template_unescaped(template: str) -> None:
    text = render_to_string(template, AnyValue())
    for entity in ESCAPED:
        assert entity not in text, f"{template} HTML-escapes its text"


def test_the_invitation_text_says_obrien_and_the_html_part_stays_escaped(
    therapist: User, django_capture_on_commit_callbacks: Any
) -> None:
    therapist.display_name = "Dr Aoife O'Brien"
    therapist.save(update_fields=["display_name"])
    invitation = make_invitation(therapist, name="Ciarán O'Brien <b>")
    emails.send_invitation(invitation, "a-token")
    message = mail.outbox[0]
    assert "Hello Ciarán O'Brien <b>," in message.body
    assert "Dr Aoife O'Brien has invited you" in message.body
    assert isinstance(message, EmailMultiAlternatives)
    html = str(message.alternatives[0][0])
    assert "Ciarán O&#x27;Brien &lt;b&gt;" in html
    assert "<b>" not in html.replace("<body", "")


def test_the_account_closed_text_says_obrien(db: None) -> None:
    from conftest import make_user
    from mallard.models import Role

    person = make_user("ob@example.com", "Niamh O'Brien", Role.CLIENT)
    emails.send_account_closed(person, None)
    assert "Hello Niamh O'Brien," in mail.outbox[0].body
