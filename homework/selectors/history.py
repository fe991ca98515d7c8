"""The client's own record: worksheet entries over time, and an assignment's recent occurrences."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Substr

from homework.models import Assignment, Entry, Occurrence, OneOffState, Recurrence, Skip
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
    """The assignment's occurrences open in the last four weeks, newest first, with log and entry,
    and each with ``skip_today``: the "not today" the client said to it on ``today`` (an unsaved
    ``Skip`` with its id, reason and note, read in the same query), or None.

    A one-off has one (or a few, when it was given a new due date): each is listed whenever it
    was due, so a one-off done, or overdue, long ago still shows its day."""
    rows = Occurrence.objects.filter(assignment=assignment, available_from__lte=today)
    if assignment.recurrence != Recurrence.ONCE:
        rows = rows.filter(due_date__gte=today - timedelta(days=ASSIGNMENT_HISTORY_DAYS - 1))
    # At most one skip per occurrence and day (``one_skip_per_occurrence_day``): no order needed.
    said_today = Skip.objects.filter(occurrence=OuterRef("pk"), day=today).order_by()
    annotated = list(
        rows.select_related("log", "entry")
        .annotate(
            skip_today_id=Subquery(said_today.values("pk")[:1]),
            skip_today_reason=Subquery(said_today.values("reason")[:1]),
            skip_today_note=Subquery(said_today.values("note")[:1]),
        )
        .order_by("-due_date", "slot")
    )
    occurrences: list[Occurrence] = []
    for occurrence in annotated:
        said = occurrence.skip_today_id
        occurrence.skip_today = (  # type: ignore[attr-defined]
            None
            if said is None
            else Skip(
                pk=said,
                occurrence_id=occurrence.pk,
                assignment_id=occurrence.assignment_id,
                client_id=occurrence.client_id,
                day=today,
                reason=occurrence.skip_today_reason,
                note=occurrence.skip_today_note or "",
            )
        )
        occurrences.append(occurrence)
    return occurrences


def undo_offers(
    occurrences: list[Occurrence],
    today: date,
    zone: tzinfo,
    *,
    recorded: tuple[int, datetime] | None,
    active: bool = True,
) -> set[int]:
    """The ids of those of ``occurrences`` (as ``assignment_occurrences`` read them) whose log
    "Undo" can take back, by the rules of ``services.undo_log``, with no query: logged on the
    client's ``today``, with no worksheet (``services.undo_problem``), and either never changed
    since it was made (undo deletes it: the day is open again) or changed last by the logging this
    device recorded (``recorded``: the occurrence and the log's ``updated_at`` then; undo puts
    back what it said before). A log from an earlier day, or changed since elsewhere, is changed
    with "Change" instead. Only an ``active`` assignment's day can be opened again."""
    offers = set()
    for occurrence in occurrences:
        log = getattr(occurrence, "log", None)
        if log is None or getattr(occurrence, "entry", None) is not None:
            continue
        if log.logged_at.astimezone(zone).date() != today:
            continue
        if log.updated_at == log.logged_at:  # never changed: undo deletes it
            if active:
                offers.add(occurrence.pk)
        elif recorded == (occurrence.pk, log.updated_at):  # undo puts back what it said
            offers.add(occurrence.pk)
    return offers


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
