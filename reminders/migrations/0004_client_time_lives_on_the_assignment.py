"""The client's own time moves to ``homework.Assignment.client_time``.

Today (homework) and the calendar feed must show the time the client chose for
their reminders, and homework cannot read reminders' rows (apps depend one way).
Copy each chosen time onto its assignment, then drop the column here.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.models import OuterRef, Subquery


def copy_times(apps: Any, schema_editor: Any) -> None:
    Assignment = apps.get_model("homework", "Assignment")
    AssignmentReminder = apps.get_model("reminders", "AssignmentReminder")
    chosen = AssignmentReminder.objects.filter(assignment=OuterRef("pk"), time_of_day__isnull=False)
    Assignment.objects.filter(reminder_setting__time_of_day__isnull=False).update(
        client_time=Subquery(chosen.values("time_of_day")[:1])
    )


def copy_back(apps: Any, schema_editor: Any) -> None:
    Assignment = apps.get_model("homework", "Assignment")
    AssignmentReminder = apps.get_model("reminders", "AssignmentReminder")
    for assignment_id, at in Assignment.objects.filter(client_time__isnull=False).values_list(
        "pk", "client_time"
    ):
        AssignmentReminder.objects.update_or_create(assignment_id=assignment_id, defaults={"time_of_day": at})


class Migration(migrations.Migration):
    dependencies = [
        ("homework", "0007_assignment_client_time"),
        ("reminders", "0003_find_rows_being_sent_by_id"),
    ]

    operations = [
        migrations.RunPython(copy_times, copy_back),
        migrations.RemoveField(model_name="assignmentreminder", name="time_of_day"),
    ]
