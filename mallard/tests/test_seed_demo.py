"""seed_demo makes the demo people once, however often it runs, and says how to sign in."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from mallard import demo
from mallard.models import CareRelationship, Role, User
from mallard.services import move_client


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_it_creates_the_demo_people_and_prints_every_login() -> None:
    out = seed()
    maya = User.objects.get(email="maya.okafor@example.com")
    assert maya.role == Role.THERAPIST
    clients = User.objects.filter(role=Role.CLIENT).order_by("email")
    assert [c.email for c in clients] == [
        "jordan.ellis@example.com",
        "priya.raman@example.com",
        "tomas.alvarez@example.com",
    ]
    assert all(care.therapist == maya for care in CareRelationship.objects.filter(client__in=clients))
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_staff
    assert admin.is_superuser
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 5
    assert authenticate(email="priya.raman@example.com", password=demo.DEMO_PASSWORD) is not None
    assert_prints_every_login(out)


@pytest.mark.django_db
def test_it_is_idempotent() -> None:
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first
    assert User.objects.count() == 5
    assert CareRelationship.objects.count() == 3


def assert_prints_every_login(out: str) -> None:
    assert "Demo data is ready." in out
    for email in (
        "maya.okafor@example.com",
        "jordan.ellis@example.com",
        "priya.raman@example.com",
        "tomas.alvarez@example.com",
        "admin@example.com",
    ):
        assert email in out
    assert out.count(f"password: {demo.DEMO_PASSWORD}") == 5
    assert "(at /admin/)" in out


@pytest.mark.django_db
def test_it_keeps_a_client_who_moved_to_another_therapist(other_therapist: User) -> None:
    # The people alone: the other apps' demo history doesn't change who is in whose care.
    demo.seed()
    jordan = User.objects.get(email="jordan.ellis@example.com")
    move_client(client=jordan, to_therapist=other_therapist)
    demo.seed()
    current = CareRelationship.objects.get(client=jordan, ended_at__isnull=True)
    assert current.therapist == other_therapist


@pytest.mark.django_db
def test_it_refuses_to_run_in_production(settings: Any) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(email="admin@example.com").exists()
