"""Reads for "New feedback on ...": the client's entries whose latest feedback they have not opened."""

from __future__ import annotations

from django.db.models import F, QuerySet

from homework.models import Entry
from mallard.models import User

# Today lists at most this many; the rest are on the history page.
SHOWN = 5


def unread_feedback(client: User, *, limit: int = SHOWN) -> list[Entry]:
    """The client's entries with feedback not yet read, newest feedback first (one query): each
    with only its id, and what the notice prints, the assignment's ``title`` and the occurrence's
    ``due_date`` (annotations, cheaper to build than the two related models)."""
    rows: QuerySet[Entry] = (
        Entry.objects.filter(client=client, feedback_read_at__isnull=True, feedback_at__isnull=False)
        .exclude(feedback="")
        .annotate(title=F("assignment__title"), due_date=F("occurrence__due_date"))
        .only("pk")
        .order_by("-feedback_at", "-pk")
    )
    return list(rows[:limit])
