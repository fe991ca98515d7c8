"""The client's own record: worksheet entries over time, and an assignment's recent occurrences."""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from django.db.models import QuerySet
from django.db.models.functions import Substr

from homework.models import Assignment, Entry, Occurrence, OneOffState, Recurrence
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
    """The assignment's occurrences open in the last four weeks, newest first, with log and entry.

    A one-off has one (or a few, when it was given a new due date): each is listed whenever it
    was due, so a one-off done, or overdue, long ago still shows its day."""
    rows = Occurrence.objects.filter(assignment=assignment, available_from__lte=today)
    if assignment.recurrence != Recurrence.ONCE:
        rows = rows.filter(due_date__gte=today - timedelta(days=ASSIGNMENT_HISTORY_DAYS - 1))
    return list(rows.select_related("log", "entry").order_by("-due_date", "slot"))


def one_off_state(
    assignment: Assignment, occurrences: list[Occurrence], today: date, zone: tzinfo
) -> OneOffState | None:
    """A one-off's state (``Assignment.one_off_state``) from its occurrences as
    ``assignment_occurrences`` read them, with no query of its own; None for a recurring one."""
    own = next((o for o in occurrences if o.due_date == assignment.due_day and o.slot == 1), None)
    log = None if own is None else getattr(own, "log", None)
    if log is None:
        return assignment.one_off_state(today)
    return assignment.one_off_state(
        today, log_status=log.status, logged_at=log.logged_at, reason=log.reason, zone=zone
    )
