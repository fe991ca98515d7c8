"""Care relationships in the admin: whose care it is stays as recorded, ends and starts go through
Mallard's services (audit trail, apps told), and a second current therapist is refused in words."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from conftest import make_user
from mallard.models import AuditEntry, CareRelationship, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client


def _care(client_user: User) -> CareRelationship:
    care = CareRelationship.objects.get(client=client_user, ended_at__isnull=True)
    CareRelationship.objects.filter(pk=care.pk).update(started_at=timezone.now() - timedelta(days=30))
    care.refresh_from_db()
    return care


def _when(moment: Any, name: str) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {f"{name}_0": local.strftime("%Y-%m-%d"), f"{name}_1": local.strftime("%H:%M:%S")}


def _care_rows(client: User) -> list[tuple[int, tuple[str, ...]]]:
    rows = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(CareRelationship), client=client
    ).order_by("pk")
    return [(row.action, tuple(sorted(row.changes or {}))) for row in rows]


def test_therapist_and_client_cannot_be_rewritten_on_saved_care(
    admin_client: Client, therapist: User, client_user: User, other_therapist: User, other_client: User
) -> None:
    care = _care(client_user)
    page = admin_client.get(f"/admin/mallard/carerelationship/{care.pk}/change/").content.decode()
    assert 'name="therapist"' not in page
    assert 'name="client"' not in page
    response = admin_client.post(
        f"/admin/mallard/carerelationship/{care.pk}/change/",
        {"therapist": other_therapist.pk, "client": other_client.pk, **_when(care.started_at, "started_at")},
    )
    assert response.status_code == 302
    care.refresh_from_db()
    assert (care.therapist_id, care.client_id) == (therapist.pk, client_user.pk)


def test_the_user_pages_care_rows_keep_their_therapist(
    admin_client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    care = _care(client_user)
    data = {
        "email": client_user.email,
        "display_name": client_user.display_name,
        "role": "client",
        "time_zone": client_user.time_zone,
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "care_relationships-TOTAL_FORMS": "1",
        "care_relationships-INITIAL_FORMS": "1",
        "care_relationships-0-id": str(care.pk),
        "care_relationships-0-client": str(client_user.pk),
        "care_relationships-0-therapist": str(other_therapist.pk),
        **{f"care_relationships-0-{k}": v for k, v in _when(care.started_at, "started_at").items()},
    }
    response = admin_client.post(f"/admin/mallard/user/{client_user.pk}/change/", data)
    assert response.status_code == 302
    care.refresh_from_db()
    assert care.therapist_id == therapist.pk


def test_ending_care_in_the_admin_is_in_the_audit_trail_with_the_staff_member(
    admin_client: Client, staff: User, client_user: User
) -> None:
    care = _care(client_user)
    ended = timezone.now() - timedelta(minutes=5)
    response = admin_client.post(
        f"/admin/mallard/carerelationship/{care.pk}/change/",
        {**_when(care.started_at, "started_at"), **_when(ended, "ended_at")},
    )
    assert response.status_code == 302
    assert _care_rows(client_user) == [(AuditEntry.Action.UPDATE, ("ended_at",))]
    row = AuditEntry.objects.get(client=client_user, object_pk=str(care.pk))
    assert row.actor_id == staff.pk
    assert row.view_name == "admin:mallard_carerelationship_change"


def test_adding_care_in_the_admin_is_in_the_audit_trail(
    admin_client: Client, therapist: User, staff: User
) -> None:
    newcomer = make_user("nia@example.com", "Nia Novak", Role.CLIENT)
    response = admin_client.post(
        "/admin/mallard/carerelationship/add/",
        {"client": newcomer.pk, "therapist": therapist.pk, **_when(timezone.now(), "started_at")},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CareRelationship.objects.get(client=newcomer).therapist_id == therapist.pk
    assert _care_rows(newcomer) == [(AuditEntry.Action.CREATE, ("client", "started_at", "therapist"))]


def test_adding_care_on_the_add_user_page_is_in_the_audit_trail(
    admin_client: Client, therapist: User
) -> None:
    data = {
        "email": "nia@example.com",
        "display_name": "Nia Novak",
        "role": "client",
        "time_zone": "Europe/London",
        "usable_password": "false",
        "care_relationships-TOTAL_FORMS": "1",
        "care_relationships-INITIAL_FORMS": "0",
        "care_relationships-0-therapist": str(therapist.pk),
        **{f"care_relationships-0-{k}": v for k, v in _when(timezone.now(), "started_at").items()},
    }
    response = admin_client.post("/admin/mallard/user/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    newcomer = User.objects.get(email="nia@example.com")
    assert CareRelationship.objects.get(client=newcomer).therapist_id == therapist.pk
    assert _care_rows(newcomer) == [(AuditEntry.Action.CREATE, ("client", "started_at", "therapist"))]


def test_a_second_current_therapist_is_refused_naming_the_current_one(
    admin_client: Client, therapist: User, client_user: User, other_therapist: User
) -> None:
    response = admin_client.post(
        "/admin/mallard/carerelationship/add/",
        {"client": client_user.pk, "therapist": other_therapist.pk, **_when(timezone.now(), "started_at")},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Constraint" not in page
    errors = response.context["adminform"].form.non_field_errors()
    assert errors == [
        f"{client_user.display_name} is in the care of {therapist.display_name} already, and a client "
        f"has one current therapist at a time. To move them, first set Ended at on their care with "
        f"{therapist.display_name}, then add this one; to move all of a therapist's clients, use Hand "
        "over clients on the therapist's user page."
    ]
    assert CareRelationship.objects.filter(client=client_user).count() == 1
