"""Name the homework of notifications written before 0008.

Notifications about news from the therapist written before migration 0008 have no kind of news and
no assignment, so the list can only show their generic words. Their link says what they are about:
news about an assignment linked to ``/homework/<assignment id>/``, feedback to
``/homework/entries/<entry id>/`` (the URL patterns ``homework-assignment`` and ``homework-entry`` of
that time). This fills in both, from the stored words and link, only where the assignment (and for
feedback the entry) belongs to the notification's own person: a link that names someone else's
record, or one that matches nothing, leaves the notification as it was. Reversing it does nothing.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import migrations

# The words each kind of news was stored with (``reminders.news.HEADLINES`` when 0008 was written).
NEWS_BY_TEXT = {
    "Your therapist added something to practise.": "assigned",
    "Your therapist changed something you practise.": "changed",
    "Your therapist left feedback on something you wrote.": "feedback",
}
# The paths those notifications linked to, with or without a prefix (a script name) before them.
ASSIGNMENT_PATH = re.compile(r"(?:^|/)homework/(\d+)/$")
ENTRY_PATH = re.compile(r"(?:^|/)homework/entries/(\d+)/$")
BATCH = 1000


def _linked(news: str, url: str) -> tuple[str, int] | None:
    """What a notification's link names: ("assignment" or "entry", its id), or None."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return None  # they were always paths on this site
    pattern, kind = (ENTRY_PATH, "entry") if news == "feedback" else (ASSIGNMENT_PATH, "assignment")
    found = pattern.search(path)
    return (kind, int(found.group(1))) if found else None


def name_the_homework(apps: Any, schema_editor: Any) -> None:
    Notification = apps.get_model("reminders", "Notification")
    Assignment = apps.get_model("homework", "Assignment")
    Entry = apps.get_model("homework", "Entry")
    earlier = Notification.objects.filter(assignment__isnull=True, news="", text__in=list(NEWS_BY_TEXT))
    last_pk = 0
    while True:
        rows = list(
            earlier.filter(pk__gt=last_pk).order_by("pk").only("pk", "user_id", "text", "url")[:BATCH]
        )
        if not rows:
            return
        last_pk = rows[-1].pk
        linked = {row.pk: _linked(NEWS_BY_TEXT[row.text], row.url) for row in rows}
        assignment_ids = {ref[1] for ref in linked.values() if ref and ref[0] == "assignment"}
        entry_ids = {ref[1] for ref in linked.values() if ref and ref[0] == "entry"}
        # Whose each record is: an assignment's client; an entry's client and its assignment's.
        assignments = dict(Assignment.objects.filter(pk__in=assignment_ids).values_list("pk", "client_id"))
        entries = {
            pk: (client_id, assignment_id, assignment_client_id)
            for pk, client_id, assignment_id, assignment_client_id in Entry.objects.filter(
                pk__in=entry_ids
            ).values_list("pk", "client_id", "assignment_id", "assignment__client_id")
        }
        changed = []
        for row in rows:
            ref = linked[row.pk]
            if ref is None:
                continue
            kind, pk = ref
            if kind == "assignment" and assignments.get(pk) == row.user_id:
                row.assignment_id = pk
            elif kind == "entry" and pk in entries:
                client_id, assignment_id, assignment_client_id = entries[pk]
                if client_id != row.user_id or assignment_client_id != row.user_id:
                    continue
                row.assignment_id = assignment_id
            else:
                continue
            row.news = NEWS_BY_TEXT[row.text]
            changed.append(row)
        Notification.objects.bulk_update(changed, ["assignment", "news"])


class Migration(migrations.Migration):
    dependencies = [
        ("homework", "0011_questions_for_the_next_session"),
        ("reminders", "0008_notifications_name_what_they_are_about"),
    ]

    operations = [
        migrations.RunPython(name_the_homework, migrations.RunPython.noop, elidable=True),
    ]
