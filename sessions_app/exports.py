"""The sessions section of a client's export (see ``mallard/exports.py``).

The client's export holds their sessions with the summaries written for them,
their reflections, and the action items found in text they can read (the
summary and their own reflection). It never holds the therapist's private
notes, nor items found in them: the client-side queryset does not even load
the notes (``sessions_app.access.sessions_for_client``). A therapist's export
holds what the session pages show the therapist, notes included.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from mallard.exports import for_client, record
from mallard.models import User
from sessions_app.access import CLIENT_HIDDEN_FIELDS, readable_notes, sessions_for_client
from sessions_app.models import AgreementDecision, ItemSource, ProposedAction, Reflection, TherapySession

SESSION_FIELDS = (
    "id",
    "therapist_id",
    "starts_at",
    "duration_minutes",
    "status",
    "summary",
    "private_notes",
    "created_at",
    "updated_at",
)


def sessions_section(client: User, *, viewer: User) -> dict[str, Any]:
    own = for_client(client, viewer)
    if own:
        sessions = sessions_for_client(client)
        fields = tuple(name for name in SESSION_FIELDS if name not in CLIENT_HIDDEN_FIELDS)
        items = ProposedAction.objects.filter(
            session__client=client, source__in=[ItemSource.SUMMARY, ItemSource.REFLECTION]
        )
        readable: set[int] | None = None
    else:
        sessions = TherapySession.objects.filter(client=client)
        fields = SESSION_FIELDS
        readable = set(sessions.filter(readable_notes(viewer, client)).values_list("pk", flat=True))
        items = ProposedAction.objects.filter(session__client=client).exclude(
            ~Q(session_id__in=readable), source=ItemSource.NOTES, also_in=""
        )
    rows = []
    for session in sessions.select_related("therapist").order_by("starts_at", "pk"):
        row = {name: getattr(session, name) for name in fields}
        if readable is not None and session.pk not in readable:
            row["private_notes"] = None
        row["therapist_name"] = session.therapist.display_name
        rows.append(row)
    reflections = Reflection.objects.filter(client=client).order_by("created_at", "pk")
    return {
        "sessions": rows,
        "reflections": [record(reflection) for reflection in reflections],
        "action_items": [record(item) for item in items.order_by("session_id", "source", "start", "pk")],
        "agreement_decisions": [
            record(decision)
            for decision in AgreementDecision.objects.filter(session__client=client).order_by(
                "decided_at", "pk"
            )
        ],
    }
