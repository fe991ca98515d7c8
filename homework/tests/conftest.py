"""Homework fixtures on top of the personas in the root conftest.py."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from homework import services
from homework.models import Assignment, Kind, Occurrence, Recurrence, Template
from mallard.models import User


def make_assignment(
    therapist: User,
    client: User,
    kind: str = Kind.THOUGHT_RECORD,
    *,
    start: date | None = None,
    **fields: Any,
) -> Assignment:
    """An active assignment made from the built-in template of ``kind``, planned through the horizon."""
    template = Template.objects.filter(kind=kind, owner__isnull=True).order_by("pk").first()
    assert template is not None, f"no built-in template of kind {kind}"
    spec = {name: getattr(template, name) for name in services.SPEC_FIELDS}
    spec.update(
        start_date=start or services.client_today(client),
        recurrence=Recurrence.DAILY,
        preferred_time=time(20, 0),
    )
    spec.update(fields)
    return services.assign_homework(therapist=therapist, client=client, template=template, **spec)


def today_occurrence(assignment: Assignment) -> Occurrence:
    today = services.client_today(assignment.client)
    return Occurrence.objects.get(assignment=assignment, due_date=today, slot=1)


@pytest.fixture
def assignment(therapist: User, client_user: User) -> Assignment:
    return make_assignment(therapist, client_user, Kind.THOUGHT_RECORD)


@pytest.fixture
def other_assignment(other_therapist: User, other_client: User) -> Assignment:
    return make_assignment(other_therapist, other_client, Kind.JOURNAL)
