"""Homework's section of a client's export (see ``mallard/exports.py``).

The client's own export holds every assignment, occurrence, log, worksheet
entry (drafts and private journal entries included), goal and rating. A
therapist's export holds what the therapist's pages show: no drafts, and for a
private journal entry only that it was done (``homework.access.therapist_can_read``),
never what it or its log note says.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from homework.access import therapist_can_read
from homework.models import ENTRY_MODELS, Assignment, Entry, Goal, Kind, Log, Occurrence, ThoughtRecord
from mallard.exports import for_client, record
from mallard.models import User

# Derived from the entry's own fields for search; not information in its own right.
ENTRY_EXCLUDE = ("search_text",)
# What a therapist's export keeps of an entry they may not read.
PRIVATE_ENTRY_FIELDS = (
    "id",
    "kind",
    "assignment_id",
    "occurrence_id",
    "is_draft",
    "is_private",
    "created_at",
    "updated_at",
    "submitted_at",
    "feedback",
    "feedback_at",
    "feedback_by_id",
    "feedback_read_at",
)


def _entry_row(entry: Entry, *, readable: bool) -> dict[str, Any]:
    row = record(entry, exclude=ENTRY_EXCLUDE)
    if not readable:
        return {key: row[key] for key in PRIVATE_ENTRY_FIELDS}
    if isinstance(entry, ThoughtRecord):
        row["moods"] = [record(mood, exclude=("record",)) for mood in entry.moods.all()]
        row["automatic_thoughts"] = [record(thought, exclude=("record",)) for thought in entry.thoughts.all()]
    return row


def _entries(client: User, *, own: bool) -> tuple[dict[str, list[dict[str, Any]]], set[int]]:
    """Entries by kind (one query per kind, two more for thought records' moods and thoughts),
    and the occurrences whose entry the viewer may not read."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    hidden: set[int] = set()
    for kind, model in ENTRY_MODELS.items():
        rows: QuerySet[Any] = (
            ThoughtRecord.objects.prefetch_related("moods", "thoughts")
            if kind == Kind.THOUGHT_RECORD
            else model.objects.all()
        )
        rows = rows.filter(client=client).order_by("created_at", "pk")
        if not own:
            rows = rows.filter(is_draft=False)
        by_kind[kind] = []
        for entry in rows:
            readable = own or therapist_can_read(entry)
            if not readable:
                hidden.add(entry.occurrence_id)
            by_kind[kind].append(_entry_row(entry, readable=readable))
    return by_kind, hidden


def homework_section(client: User, *, viewer: User) -> dict[str, Any]:
    own = for_client(client, viewer)
    entries, hidden_occurrences = _entries(client, own=own)
    logs = []
    for log in Log.objects.filter(client=client).order_by("logged_at", "pk"):
        row = record(log)
        if log.occurrence_id in hidden_occurrences:
            row["note"] = None
        logs.append(row)
    goals = Goal.objects.filter(client=client).prefetch_related("ratings").order_by("created_at", "pk")
    return {
        "assignments": [
            record(a) for a in Assignment.objects.filter(client=client).order_by("created_at", "pk")
        ],
        "occurrences": [
            record(o) for o in Occurrence.objects.filter(client=client).order_by("due_date", "slot", "pk")
        ],
        "logs": logs,
        "entries": entries,
        "goals": [
            record(goal, extra={"ratings": [record(r, exclude=("goal",)) for r in goal.ratings.all()]})
            for goal in goals
        ],
    }
