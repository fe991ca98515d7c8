"""Builders and fixtures shared by the action-item tests (test_actions_*.py)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from homework.models import Kind, Template
from mallard.models import User
from sessions_app.models import ItemSource, ItemStatus, ProposedAction, SessionStatus, TherapySession

AssertMaxQueries = Callable[..., AbstractContextManager[Any]]

NOTES = """Session 5. Mood 5/10.

Homework:
- Thought record when anxious at work
- Paced breathing 5 min twice daily
"""
SUMMARY = "Thanks for today. You agreed to read the leaflet on worry."


def make_session(therapist: User, client: User, **fields: Any) -> TherapySession:
    fields.setdefault("status", SessionStatus.HELD)
    return TherapySession.objects.create(
        therapist=therapist, client=client, starts_at=timezone.now() - timedelta(days=1), **fields
    )


def make_proposal(
    session: TherapySession,
    text: str = "Paced breathing 5 min twice daily",
    kind: str = Kind.RELAXATION,
    *,
    status: str = ItemStatus.PROPOSED,
    source: str = ItemSource.NOTES,
    **fields: Any,
) -> ProposedAction:
    if status != ItemStatus.PROPOSED:
        fields.setdefault("decided_at", timezone.now())
    return ProposedAction.objects.create(
        session=session, source=source, text=text, kind=kind, start=0, end=len(text), status=status, **fields
    )


def first_builtin(kind: str) -> Template:
    template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
    assert template is not None
    return template


def assignment_post(template: Template, **overrides: Any) -> dict[str, Any]:
    """A valid POST for the confirm page, starting from ``template``."""
    data: dict[str, Any] = {
        "template": template.pk,
        "title": template.title,
        "instructions": "Paced breathing 5 min twice daily\n\n" + template.instructions,
        "rationale": template.rationale,
        "estimated_minutes": template.estimated_minutes,
        "smaller_version": template.smaller_version,
        "recurrence": "daily",
        "prompt": template.prompt,
        "technique": template.technique,
        "resource_title": template.resource_title,
        "resource_url": template.resource_url,
        "resource_text": template.resource_text,
        "skill": template.skill,
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


@pytest.fixture(name="session")
def session_fixture(therapist: User, client_user: User) -> TherapySession:
    return make_session(therapist, client_user, private_notes=NOTES, summary=SUMMARY)


@pytest.fixture(name="other_session")
def other_session_fixture(other_therapist: User, other_client: User) -> TherapySession:
    return make_session(other_therapist, other_client, private_notes=NOTES)


@pytest.fixture(name="proposal")
def proposal_fixture(session: TherapySession) -> ProposedAction:
    return make_proposal(session)


@pytest.fixture(name="other_proposal")
def other_proposal_fixture(other_session: TherapySession) -> ProposedAction:
    return make_proposal(other_session)
