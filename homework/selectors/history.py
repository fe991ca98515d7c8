"""The client's own record: worksheet entries over time, and an assignment's recent occurrences."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet
from django.db.models.functions import Substr

from homework.models import Assignment, Entry, Occurrence
from mallard.models import User

EXCERPT_CHARS = 160
ASSIGNMENT_HISTORY_DAYS = 28


def entries_for_history(client: User, *, q: str = "", kind: str = "") -> QuerySet[Entry]:
    """The client's entries, drafts included, newest first, with what each row shows joined in.

    Only the start of the searchable text is loaded (as ``excerpt``), never the whole of it.
    """
    entries = Entry.objects.filter(client=client)
    if q:
        entries = entries.filter(search_text__icontains=q)
    if kind:
        entries = entries.filter(kind=kind)
    return (
        entries.select_related("assignment", "occurrence__log")
        .defer("search_text")
        .annotate(excerpt=Substr("search_text", 1, EXCERPT_CHARS))
        .order_by("-updated_at", "-pk")
    )


def assignment_occurrences(assignment: Assignment, today: date) -> list[Occurrence]:
    """The assignment's occurrences open in the last four weeks, newest first, with log and entry."""
    return list(
        Occurrence.objects.filter(
            assignment=assignment,
            available_from__lte=today,
            due_date__gte=today - timedelta(days=ASSIGNMENT_HISTORY_DAYS - 1),
        )
        .select_related("log", "entry")
        .order_by("-due_date", "slot")
    )
