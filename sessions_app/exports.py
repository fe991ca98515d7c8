"""The sessions section of a client's export (see ``mallard/exports.py``).

The client's export holds their sessions with the summaries written for them,
their reflections, and the action items found in text they can read (the
summary and their own reflection). It never holds the therapist's private
notes, nor items found in them: the client-side queryset does not even load
the notes (``sessions_app.access.sessions_for_client``). A therapist's export
holds what the session pages show the therapist, notes included.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Q

from mallard.exports import Fact, Item, Part, Words, facts, for_client, record
from mallard.models import User
from sessions_app.access import CLIENT_HIDDEN_FIELDS, readable_notes, sessions_for_client
from sessions_app.models import (
    AgreementDecision,
    Decision,
    ItemSource,
    ItemStatus,
    ProposedAction,
    Reflection,
    SessionStatus,
    TherapySession,
)

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


def sessions_report(data: dict[str, Any], *, words: Words, own: bool) -> list[Part]:
    """Each session with its summary, the reflection on it, its action items and what was agreed."""
    reflections = {row["session_id"]: row for row in data["reflections"]}
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in data["action_items"]:
        items[row["session_id"]].append(row)
    decisions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in data["agreement_decisions"]:
        decisions[row["session_id"]].append(row)
    sessions = []
    for row in data["sessions"]:
        reflection = reflections.get(row["id"], {})
        sessions.append(
            Item(
                title=f"{words.moment(row['starts_at'])}, with {row['therapist_name']}",
                facts=(
                    *facts(
                        ("Status", SessionStatus(row["status"]).label),
                        ("Length", f"{row['duration_minutes']} minutes"),
                        ("Summary", row["summary"]),
                        ("Therapist's private notes", row.get("private_notes")),
                        ("What stood out", reflection.get("stood_out")),
                        (
                            "What I want to practise" if own else "What they want to practise",
                            reflection.get("want_to_practise"),
                        ),
                        ("Questions for next time", reflection.get("questions")),
                    ),
                    *(
                        Fact(
                            f"Action item ({ItemSource(item['source']).label.lower()})",
                            f"{item['text']} ({ItemStatus(item['status']).label.lower()})",
                        )
                        for item in items[row["id"]]
                    ),
                    *(
                        Fact(
                            "Agreed",
                            Decision(decision["decision"]).label
                            + (f": {decision['detail']}" if decision["detail"] else ""),
                        )
                        for decision in decisions[row["id"]]
                    ),
                ),
            )
        )
    return [Part("Sessions", tuple(sessions), empty="No sessions yet.")]
