"""Migration reminders/0004 moves each client's chosen time onto its assignment, and back."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reminders", "0003_find_rows_being_sent_by_id"), ("homework", "0007_assignment_client_time")]
AFTER = [("reminders", "0004_client_time_lives_on_the_assignment")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_chosen_times_move_to_the_assignment(therapist, client_user) -> None:
    apps = _migrate(BEFORE)
    Assignment = apps.get_model("homework", "Assignment")
    AssignmentReminder = apps.get_model("reminders", "AssignmentReminder")
    spec = {"kind": "journal", "title": "T", "estimated_minutes": 10, "start_date": date(2026, 5, 1)}
    own = Assignment.objects.create(therapist_id=therapist.pk, client_id=client_user.pk, **spec)
    follows = Assignment.objects.create(therapist_id=therapist.pk, client_id=client_user.pk, **spec)
    AssignmentReminder.objects.create(assignment=own, enabled=False, time_of_day=time(18, 30))
    AssignmentReminder.objects.create(assignment=follows, time_of_day=None)

    apps = _migrate(AFTER)
    Assignment = apps.get_model("homework", "Assignment")
    assert Assignment.objects.get(pk=own.pk).client_time == time(18, 30)
    assert Assignment.objects.get(pk=follows.pk).client_time is None
    assert not apps.get_model("reminders", "AssignmentReminder").objects.get(assignment_id=own.pk).enabled

    apps = _migrate(BEFORE)
    AssignmentReminder = apps.get_model("reminders", "AssignmentReminder")
    assert AssignmentReminder.objects.get(assignment_id=own.pk).time_of_day == time(18, 30)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # back to the latest
