"""Scoped reads of sessions and reflections. Another person's row is a 404.

A therapist reaches the sessions of clients currently in their care (including
sessions a previous therapist held, so the history stays whole). A client
reaches their own sessions, and never the therapist's private notes: the
client-side querysets defer ``private_notes`` so they are not even loaded.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from mallard.access import clients_of, one_or_404
from mallard.models import User
from measures.models import MeasureResponse
from sessions_app.models import ProposedAction, SessionStatus, TherapySession

CLIENT_HIDDEN_FIELDS = ("private_notes",)


def _session(queryset: QuerySet[TherapySession], pk: int) -> TherapySession:
    return one_or_404(queryset, pk, "No such session.")


# --- therapist side --------------------------------------------------------------------------


def sessions_for_therapist(therapist: User) -> QuerySet[TherapySession]:
    return TherapySession.objects.filter(client__in=clients_of(therapist))


def get_session_for_therapist(therapist: User, session_id: int) -> TherapySession:
    return _session(sessions_for_therapist(therapist).select_related("client", "therapist"), session_id)


def get_proposal_for_therapist(therapist: User, proposal_id: int) -> ProposedAction:
    """An action item from a session of one of the therapist's current clients, else 404."""
    proposal = (
        ProposedAction.objects.select_related("session__client", "assignment")
        .filter(session__client__in=clients_of(therapist), pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404("No such action item.")
    return proposal


# --- client side -----------------------------------------------------------------------------


def sessions_for_client(client: User) -> QuerySet[TherapySession]:
    """The client's own sessions, without the therapist's private notes."""
    return TherapySession.objects.filter(client=client).defer(*CLIENT_HIDDEN_FIELDS)


def get_session_for_client(client: User, session_id: int) -> TherapySession:
    return _session(sessions_for_client(client).select_related("therapist"), session_id)


def get_held_session_for_client(client: User, session_id: int) -> TherapySession:
    """A held session of the client's own: the only kind they can reflect on."""
    return _session(
        sessions_for_client(client).filter(status=SessionStatus.HELD).select_related("therapist"), session_id
    )


# --- questionnaires ---------------------------------------------------------------------------


def get_item9_response_for_therapist(therapist: User, client: User, response_id: int) -> MeasureResponse:
    """A PHQ-9 response of ``client`` (already scoped to the therapist) with item 9 above 0, else 404."""
    return one_or_404(
        MeasureResponse.objects.filter(client=client, item9_positive=True).select_related("client"),
        response_id,
        "No such questionnaire.",
    )
