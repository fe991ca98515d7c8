"""The audit trail is append-only: Mallard never changes or deletes a row, and PostgreSQL refuses to."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from homework import services
from mallard.models import AuditEntry, AuditTrailIsAppendOnly, User
from sessions_app.tests.sessions_helpers import held_session

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")


@pytest.fixture
def row(therapist: User, client_user: User) -> AuditEntry:
    goal = services.create_goal(client=client_user, created_by=therapist, text="Walk daily")
    return AuditEntry.objects.get(object_id=goal.pk)


def test_a_written_row_cannot_be_saved_again(row: AuditEntry) -> None:
    row.view_name = "forged"
    with pytest.raises(AuditTrailIsAppendOnly):
        row.save()
    assert AuditEntry.objects.get(pk=row.pk).view_name == "task"


def test_a_row_cannot_be_deleted(row: AuditEntry) -> None:
    with pytest.raises(AuditTrailIsAppendOnly):
        row.delete()
    assert AuditEntry.objects.filter(pk=row.pk).exists()


@on_postgresql
def test_postgresql_rejects_an_update_that_bypasses_the_model(row: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=row.pk).update(view_name="forged")
    assert AuditEntry.objects.get(pk=row.pk).view_name == "task"


@on_postgresql
def test_postgresql_rejects_a_delete_that_bypasses_the_model(row: AuditEntry) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=row.pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM mallard_auditentry")
    assert AuditEntry.objects.filter(pk=row.pk).exists()


def test_deleting_the_people_leaves_the_rows_untouched(therapist: User, client_user: User) -> None:
    """The client and actor columns are plain ids: removing an account neither rewrites nor removes rows."""
    session = held_session(therapist, client_user)
    services.create_goal(client=client_user, created_by=client_user, text="Walk daily")
    before = list(AuditEntry.objects.order_by("pk").values_list("pk", "actor_id", "client_id"))
    assert before
    client_id = client_user.pk
    client_user.delete()  # cascades to the client's goals and sessions, which records their deletion
    after = list(AuditEntry.objects.order_by("pk").values_list("pk", "actor_id", "client_id"))
    assert after[: len(before)] == before
    assert {client for _, _, client in after} == {client_id}
    assert AuditEntry.objects.filter(object_id=session.pk, action=AuditEntry.Action.DELETE).exists()
