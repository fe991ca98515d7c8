"""Builders and fixtures shared by the session and reflection tests."""

from __future__ import annotations

import html
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest
from django.utils import timezone

from mallard.models import User
from sessions_app import action_items
from sessions_app.models import Reflection, SessionStatus, TherapySession

AssertMaxQueries = Callable[..., AbstractContextManager[Any]]

SECRET_MARKER = "PRIVATE-NOTE-MARKER"
SECRET_NOTE = f"{SECRET_MARKER}: Carol's <avoidance> & shame; consider attachment themes"
SHARED_SUMMARY = "We practised paced breathing together."


def make_session(
    therapist: User,
    client: User,
    *,
    starts_at: datetime | None = None,
    days: float = 0,
    status: str = SessionStatus.SCHEDULED,
    **fields: Any,
) -> TherapySession:
    """A session row straight in the database (services are tested on their own)."""
    now = timezone.now()
    return TherapySession.objects.create(
        therapist=therapist,
        client=client,
        starts_at=starts_at or now + timedelta(days=days),
        status=status,
        **fields,
    )


def held_session(therapist: User, client: User, *, days: float = -2, **fields: Any) -> TherapySession:
    fields.setdefault("private_notes", SECRET_NOTE)
    fields.setdefault("summary", SHARED_SUMMARY)
    return make_session(therapist, client, days=days, status=SessionStatus.HELD, **fields)


def assert_no_private_notes(response: Any) -> None:
    """Neither the HTML source nor the text a person reads carries the therapist's private notes."""
    source = response.content.decode()
    rendered = _visible_text(source)
    for text in (source, rendered):
        assert SECRET_MARKER not in text
        assert "attachment themes" not in text
    assert html.escape(SECRET_NOTE) not in source


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _visible_text(source: str) -> str:
    parser = _TextOnly()
    parser.feed(source)
    return " ".join(parser.parts)


def make_reflection(session: TherapySession, **fields: Any) -> Reflection:
    fields.setdefault("stood_out", "The breathing helped.")
    return Reflection.objects.create(session=session, client=session.client, **fields)


@pytest.fixture
def refreshed(monkeypatch: pytest.MonkeyPatch) -> list[TherapySession]:
    """Records each session whose proposals were refreshed."""
    calls: list[TherapySession] = []
    monkeypatch.setattr(action_items, "refresh_proposals", calls.append)
    return calls
