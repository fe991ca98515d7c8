"""Reads for "New feedback on ...": the client's entries whose latest feedback they have not opened."""

from __future__ import annotations

from django.db.models import F, QuerySet

from homework.models import Entry
from mallard.models import User

# Today lists at most this many; the rest are on the history page.
SHOWN = 5


def unread_feedback(client: User, *, limit: int = SHOWN) -> list[Entry]:
    """The client's entries with feedback not yet read, newest feedback first (one query): each
    with only its id and ``updated_at`` (the day it was written, as "Your entries" shows it), and
    the assignment's ``title`` (an annotation, cheaper to build than the related model)."""
    rows: QuerySet[Entry] = (
        Entry.objects.filter(client=client, feedback_read_at__isnull=True, feedback_at__isnull=False)
        .exclude(feedback="")
        .annotate(title=F("assignment__title"))
        .only("pk", "updated_at")
        .order_by("-feedback_at", "-pk")
    )
    return list(rows[:limit])
