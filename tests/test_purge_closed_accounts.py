"""The retention rule: a closed account is deleted, with every row about it, once its period ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from homework.models import Assignment, Entry, Goal, Log, Occurrence
from mallard import tasks
from mallard.celery import app as celery_app
from mallard.models import AuditEntry, CareRelationship, Invitation, Role, User
from mallard.retention import close_account, purge_closed_accounts, reopen_account
from mallard.tests.helpers import make_invitation
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow
from reminders.models import Notification, Reminder, ReminderPreferences
from sessions_app.models import ProposedAction, Reflection, TherapySession
from tests import record_builders as rb

pytestmark = pytest.mark.django_db

CLOSED_AT = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)
RETENTION = timedelta(days=2557)


@pytest.fixture
def closed(therapist: User, client_user: User) -> User:
    with time_machine.travel(CLOSED_AT - timedelta(days=30), tick=False):
        rb.make_record(therapist, client_user, size=2)
        make_invitation(therapist, "carol@example.com", accepted_at=timezone.now(), accepted_by=client_user)
    with time_machine.travel(CLOSED_AT, tick=False):
        close_account(client=client_user)
    return client_user


def rows_about(user_id: int) -> dict[str, int]:
    return {
        "care": CareRelationship.objects.filter(client_id=user_id).count(),
        "invitations": Invitation.objects.filter(email="carol@example.com").count(),
        "assignments": Assignment.objects.filter(client_id=user_id).count(),
        "occurrences": Occurrence.objects.filter(client_id=user_id).count(),
        "logs": Log.objects.filter(client_id=user_id).count(),
        "entries": Entry.objects.filter(client_id=user_id).count(),
        "goals": Goal.objects.filter(client_id=user_id).count(),
        "sessions": TherapySession.objects.filter(client_id=user_id).count(),
        "reflections": Reflection.objects.filter(client_id=user_id).count(),
        "action_items": ProposedAction.objects.filter(session__client_id=user_id).count(),
        "reminders": Reminder.objects.filter(user_id=user_id).count(),
        "notifications": Notification.objects.filter(user_id=user_id).count(),
        "preferences": ReminderPreferences.objects.filter(user_id=user_id).count(),
        "measure_plans": MeasurePlan.objects.filter(client_id=user_id).count(),
        "measure_windows": MeasureWindow.objects.filter(client_id=user_id).count(),
        "measure_responses": MeasureResponse.objects.filter(client_id=user_id).count(),
    }


def test_a_client_still_in_retention_is_untouched(closed: User) -> None:
    before = rows_about(closed.pk)

    with time_machine.travel(CLOSED_AT + RETENTION - timedelta(minutes=1), tick=False):
        report = purge_closed_accounts()

    assert report.purged == []
    assert User.objects.filter(pk=closed.pk).exists()
    assert rows_about(closed.pk) == before
    assert all(before.values())


def test_after_the_period_the_person_and_every_row_about_them_are_deleted(
    closed: User, therapist: User, other_client: User
) -> None:
    audit_rows = AuditEntry.objects.count()

    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(hours=1), tick=False):
        report = purge_closed_accounts()

    assert [user_id for user_id, _, _ in report.purged] == [closed.pk]
    assert report.rows > 50
    assert not User.objects.filter(pk=closed.pk).exists()
    assert set(rows_about(closed.pk).values()) == {0}
    # The therapist and other people stay; the audit trail keeps its rows (ids only).
    assert User.objects.filter(pk__in=[therapist.pk, other_client.pk]).count() == 2
    assert AuditEntry.objects.count() >= audit_rows


def test_running_twice_is_safe(closed: User) -> None:
    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(days=1), tick=False):
        first = purge_closed_accounts()
        second = purge_closed_accounts()

    assert len(first.purged) == 1
    assert second.purged == []
    assert second.skipped == []


def test_open_accounts_are_never_purged(client_user: User, therapist: User) -> None:
    with time_machine.travel(datetime.now(tz=UTC) + RETENTION * 2, tick=False):
        report = purge_closed_accounts()

    assert report.purged == []
    assert User.objects.filter(pk__in=[client_user.pk, therapist.pk]).count() == 2


def test_a_reopened_account_is_never_purged(closed: User) -> None:
    with time_machine.travel(CLOSED_AT + timedelta(days=3), tick=False):
        reopen_account(client=closed)

    with time_machine.travel(CLOSED_AT + RETENTION * 2, tick=False):
        report = purge_closed_accounts()

    assert report.purged == []
    assert User.objects.filter(pk=closed.pk, closed_at__isnull=True, is_active=True).exists()


def test_an_active_account_is_never_purged_whatever_its_closed_at_says(closed: User) -> None:
    """Defence in depth: an account made active again by hand, without ``reopen_account``."""
    User.objects.filter(pk=closed.pk).update(is_active=True)

    with time_machine.travel(CLOSED_AT + RETENTION * 2, tick=False):
        report = purge_closed_accounts()

    assert report.purged == []
    assert User.objects.filter(pk=closed.pk).exists()


def test_an_account_others_still_depend_on_is_skipped_not_broken(therapist: User, client_user: User) -> None:
    """A therapist's row cannot go while their sessions protect it; the purge reports it and goes on."""
    rb.make_record(therapist, client_user)
    User.objects.filter(pk=therapist.pk).update(closed_at=CLOSED_AT, is_active=False)

    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(days=1), tick=False):
        report = purge_closed_accounts()

    assert report.purged == []
    assert report.skipped == [(therapist.pk, "other rows still refer to this person")]
    assert User.objects.filter(pk=therapist.pk).exists()


def test_nothing_about_a_client_protects_their_row() -> None:
    """Every foreign key to a person either cascades, is set to null or keeps a bare id, except
    the ones naming the therapist (a therapist's account is not purged this way)."""
    therapist_side = {
        ("mallard", "carerelationship", "therapist"),
        ("homework", "assignment", "therapist"),
        ("measures", "measureplan", "therapist"),
        ("sessions_app", "therapysession", "therapist"),
    }
    protecting = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.concrete or not field.is_relation or field.related_model is not User:
                continue
            assert isinstance(field, models.ForeignKey)
            on_delete = field.remote_field.on_delete
            unconstrained = on_delete is models.DO_NOTHING and not getattr(field, "db_constraint", True)
            if on_delete in (models.PROTECT, models.RESTRICT) or (
                on_delete is models.DO_NOTHING and not unconstrained
            ):
                protecting.add((model._meta.app_label, model._meta.model_name, field.name))
    assert protecting == therapist_side


def test_the_dry_run_lists_what_it_would_delete_and_deletes_nothing(closed: User) -> None:
    out = StringIO()
    before = rows_about(closed.pk)

    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(days=1), tick=False):
        call_command("purge_closed_accounts", "--dry-run", stdout=out)

    text = out.getvalue()
    assert f"Would delete account #{closed.pk} (closed 2027-01-10):" in text
    assert "Would delete 1 closed accounts" in text
    assert User.objects.filter(pk=closed.pk).exists()
    assert rows_about(closed.pk) == before


def test_the_command_deletes_and_reports(closed: User) -> None:
    out = StringIO()

    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(days=1), tick=False):
        call_command("purge_closed_accounts", stdout=out)
        call_command("purge_closed_accounts", stdout=out)

    text = out.getvalue()
    assert f"Deleted account #{closed.pk} (closed 2027-01-10):" in text
    assert "No closed account is past its 2557-day retention period." in text
    assert not User.objects.filter(pk=closed.pk).exists()


def test_the_retention_period_is_a_setting(closed: User, settings: Any) -> None:
    settings.MALLARD_RECORD_RETENTION_DAYS = 30

    with time_machine.travel(CLOSED_AT + timedelta(days=29), tick=False):
        assert purge_closed_accounts().purged == []
    with time_machine.travel(CLOSED_AT + timedelta(days=31), tick=False):
        assert len(purge_closed_accounts().purged) == 1


def test_the_daily_task_calls_the_same_purge(closed: User) -> None:
    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(days=1), tick=False):
        assert tasks.purge_closed_accounts.apply().get() == 1
        assert tasks.purge_closed_accounts.apply().get() == 0

    assert not User.objects.filter(pk=closed.pk).exists()


def test_the_purge_is_scheduled_daily() -> None:
    entry = celery_app.conf.beat_schedule["purge-closed-accounts"]

    assert entry["task"] == "mallard.tasks.purge_closed_accounts"
    assert entry["schedule"].hour == {3}
    assert entry["schedule"].minute == {40}


def test_a_purged_client_leaves_their_therapist_intact(closed: User, therapist: User) -> None:
    with time_machine.travel(CLOSED_AT + RETENTION + timedelta(days=1), tick=False):
        purge_closed_accounts()

    therapist.refresh_from_db()
    assert therapist.role == Role.THERAPIST
    assert not CareRelationship.objects.filter(therapist=therapist).exists()
