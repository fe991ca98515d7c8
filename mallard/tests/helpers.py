"""Small builders shared by Mallard's tests."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

from django.utils import timezone

from mallard.models import Invitation, User, hash_token

ERIN_TOKEN = "erin-token"


def make_invitation(
    therapist: User, email: str = "erin@example.com", *, token: str = ERIN_TOKEN, **fields: Any
) -> Invitation:
    """An open invitation whose link is ``/invitations/accept/<token>/``."""
    now = timezone.now()
    fields.setdefault("name", "Erin Evans")
    fields.setdefault("expires_at", now + timedelta(days=14))
    return Invitation.objects.create(therapist=therapist, email=email, token_hash=hash_token(token), **fields)


def accept_url(token: str = ERIN_TOKEN) -> str:
    return f"/invitations/accept/{token}/"


def field_error(response: Any, field: str) -> str:
    """The first error shown beside ``field`` on a crispy-forms page, as the person reads it."""
    content = response.content.decode()
    match = re.search(rf'<(?:span|p) id="error_1_id_{field}"><strong>(.*?)</strong>', content, re.S)
    assert match is not None, f"no error is shown beside {field}"
    return html.unescape(match.group(1))


def field_value(response: Any, field: str) -> str | None:
    """The value an ``<input name=field>`` carries back to the person, if any."""
    content = response.content.decode()
    tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', content)
    assert tag is not None, f"no input named {field}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else None
