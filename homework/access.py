"""Scoped reads of homework. Another person's row is a 404.

Clients reach their own rows. Therapists reach the rows of clients currently
in their care, never drafts, and never the content of private journal entries
(templates check ``entry.is_private``; ``therapist_can_read`` says so in code).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from homework.models import (
    Assignment,
    AssignmentStatus,
    Entry,
    Goal,
    Occurrence,
    ReplannedOccurrence,
    Template,
)
from mallard.access import clients_of, one_or_404
from mallard.models import User

# --- client side -----------------------------------------------------------------------------


def get_assignment_for_client(client: User, assignment_id: int) -> Assignment:
    return one_or_404(
        Assignment.objects.select_related("therapist", "goal").filter(client=client), assignment_id
    )


def get_occurrence_for_client(client: User, occurrence_id: int) -> Occurrence:
    return one_or_404(Occurrence.objects.select_related("assignment").filter(client=client), occurrence_id)


def get_replanned_occurrence_for_client(client: User, occurrence_id: int) -> ReplannedOccurrence:
    """The client's own occurrence ``occurrence_id`` that a change of schedule removed, else a 404
    (another client's, or an id that never was, looks the same: "not found")."""
    row = (
        ReplannedOccurrence.objects.select_related("assignment")
        .filter(assignment__client=client, old_id=occurrence_id)
        .first()
    )
    if row is None:
        raise Http404("Not found.")
    return row


def get_entry_for_client(client: User, entry_id: int) -> Entry:
    return one_or_404(
        Entry.objects.select_related("assignment", "occurrence").filter(client=client), entry_id
    )


def get_goal_for_client(client: User, goal_id: int) -> Goal:
    return one_or_404(Goal.objects.filter(client=client), goal_id)


def assignment_titles_for_client(client: User, assignment_ids: Iterable[int]) -> dict[int, str]:
    """The titles of those of ``assignment_ids`` that are the client's own (one query)."""
    rows = Assignment.objects.filter(client=client, pk__in=set(assignment_ids)).values_list("pk", "title")
    return dict(rows)


def has_unread_feedback(
    client: User, *, written_after: datetime | None = None, entry_ids: Collection[int] | None = None
) -> bool:
    """Whether the client has feedback they have not opened yet, written (or last changed) after
    ``written_after`` and on one of their entries ``entry_ids`` when given (one query). Removed
    feedback is empty, so it never counts."""
    unread = Entry.objects.filter(client=client, feedback_read_at__isnull=True).exclude(feedback="")
    if written_after is not None:
        unread = unread.filter(feedback_at__gt=written_after)
    if entry_ids is not None:
        unread = unread.filter(pk__in=list(entry_ids))
    return unread.exists()


def has_active_assignment(
    client: User,
    *,
    added_after: datetime | None = None,
    changed_after: datetime | None = None,
    assignment_ids: Collection[int] | None = None,
) -> bool:
    """Whether the client has an active assignment (not paused, completed, archived or deleted),
    added after ``added_after``, last changed after ``changed_after`` and among their assignments
    ``assignment_ids`` when given (one query)."""
    active = Assignment.objects.filter(client=client, status=AssignmentStatus.ACTIVE)
    if added_after is not None:
        active = active.filter(created_at__gt=added_after)
    if changed_after is not None:
        active = active.filter(updated_at__gt=changed_after)
    if assignment_ids is not None:
        active = active.filter(pk__in=list(assignment_ids))
    return active.exists()


def active_assignments_for_client(client: User) -> QuerySet[Assignment]:
    """The client's active assignments (not paused, completed or archived), whatever is due
    today, by title: "your homework right now". One query."""
    return Assignment.objects.filter(client=client, status=AssignmentStatus.ACTIVE).order_by("title", "pk")


# --- therapist side --------------------------------------------------------------------------


def assignments_for_therapist(therapist: User) -> QuerySet[Assignment]:
    return Assignment.objects.filter(client__in=clients_of(therapist))


def get_assignment_for_therapist(therapist: User, assignment_id: int) -> Assignment:
    return one_or_404(assignments_for_therapist(therapist).select_related("client", "goal"), assignment_id)


def entries_for_therapist(therapist: User) -> QuerySet[Entry]:
    """Submitted entries of the therapist's current clients (drafts stay the client's own)."""
    return Entry.objects.filter(client__in=clients_of(therapist), is_draft=False)


def get_entry_for_therapist(therapist: User, entry_id: int) -> Entry:
    return one_or_404(
        entries_for_therapist(therapist).select_related("client", "assignment", "occurrence"), entry_id
    )


def therapist_can_read(entry: Entry) -> bool:
    """Whether the therapist may see what the entry says (not only that it was done)."""
    return not entry.is_private


def get_goal_for_therapist(therapist: User, goal_id: int) -> Goal:
    return one_or_404(Goal.objects.filter(client__in=clients_of(therapist)).select_related("client"), goal_id)


def templates_for_therapist(therapist: User) -> QuerySet[Template]:
    """The built-in library and the therapist's own templates."""
    return Template.objects.filter(Q(owner__isnull=True) | Q(owner=therapist))


def get_template_for_therapist(therapist: User, template_id: int) -> Template:
    return one_or_404(templates_for_therapist(therapist), template_id)


def get_own_template(therapist: User, template_id: int) -> Template:
    return one_or_404(Template.objects.filter(owner=therapist), template_id)
