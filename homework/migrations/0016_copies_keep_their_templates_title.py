"""A therapist's copy of a template keeps the template's title: the title is what a client sees.

Copies made before were titled "<title> (my version)". A copy whose title is still exactly that
(never edited since) gets its template's title back; the library tells copies apart by
``copied_from`` ("Your copy"). Assignments already made keep the title they were given.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

SUFFIX = " (my version)"


def drop_the_suffix(apps: Any, schema_editor: Any) -> None:
    Template = apps.get_model("homework", "Template")
    # A copy of a copy takes its title from a copy changed in the pass before: repeat until none is.
    while True:
        copies = Template.objects.filter(
            owner__isnull=False, copied_from__isnull=False, title__endswith=SUFFIX
        ).select_related("copied_from")
        changed = []
        for copy in copies:
            if copy.title == f"{copy.copied_from.title}{SUFFIX}"[:200]:
                copy.title = copy.copied_from.title
                changed.append(copy)
        if not changed:
            return
        Template.objects.bulk_update(changed, ["title"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("homework", "0015_past_days_a_new_schedule_left_out")]

    operations = [migrations.RunPython(drop_the_suffix, migrations.RunPython.noop)]
