"""Scoped reads of sessions and reflections. Another person's row is a 404.

A therapist reaches the sessions of clients currently in their care (including
sessions a previous therapist held, so the history stays whole). A client
reaches their own sessions, and never the therapist's private notes: the
client-side querysets defer ``private_notes`` so they are not even loaded.

Private notes are their author's (docs/security.md, invitations and private notes). Another
therapist caring for the client reads them only where the author or staff shared them
(``NotesShare``), and only the author edits them. After the client moves on, the author keeps
read-only access to the sessions they led for the retention period after their care ended.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from mallard.access import clients_of, one_or_404
from mallard.models import User
from mallard.retention import retention_period
from measures.models import MeasureResponse
from sessions_app.models import ItemSource, NotesShare, ProposedAction, SessionStatus, TherapySession

CLIENT_HIDDEN_FIELDS = ("private_notes",)


def _session(queryset: QuerySet[TherapySession], pk: int) -> TherapySession:
    return one_or_404(queryset, pk, "No such session.")


# --- therapist side --------------------------------------------------------------------------


def sessions_for_therapist(therapist: User) -> QuerySet[TherapySession]:
    return TherapySession.objects.filter(client__in=clients_of(therapist))


def get_session_for_therapist(therapist: User, session_id: int) -> TherapySession:
    return _session(sessions_for_therapist(therapist).select_related("client", "therapist"), session_id)


def get_proposal_for_therapist(therapist: User, proposal_id: int) -> ProposedAction:
    """An action item from a session of one of the therapist's current clients, else 404.

    An item found only in another therapist's private notes is theirs too: a 404 unless shared.
    """
    proposal = (
        ProposedAction.objects.select_related("session__client", "assignment")
        .filter(session__client__in=clients_of(therapist), pk=proposal_id)
        .first()
    )
    if proposal is not None and from_notes_only(proposal) and not can_read_notes(therapist, proposal.session):
        proposal = None
    if proposal is None:
        raise Http404("No such action item.")
    return proposal


# --- private notes -------------------------------------------------------------------------


def _shares_with(reader: User, client_id: int) -> QuerySet[NotesShare]:
    return NotesShare.objects.filter(shared_with=reader, client_id=client_id)


def can_read_notes(viewer: User, session: TherapySession) -> bool:
    """Whether ``viewer`` may read the notes of ``session``: their author, or whom they were shared with."""
    if session.therapist_id == viewer.pk:
        return True
    return (
        _shares_with(viewer, session.client_id)
        .filter(Q(session=session) | Q(session__isnull=True), author_id=session.therapist_id)
        .exists()
    )


def can_edit_notes(viewer: User, session: TherapySession) -> bool:
    """Only the author edits private notes, whoever cares for the client now."""
    return session.therapist_id == viewer.pk


def readable_notes(viewer: User, client: User) -> Q:
    """The sessions of ``client`` whose private notes ``viewer`` may read, as a filter (two lookups,
    whatever the number of sessions)."""
    shares = list(_shares_with(viewer, client.pk).values_list("author_id", "session_id"))
    whole = [author for author, session in shares if session is None]
    single = [session for _, session in shares if session is not None]
    return Q(therapist=viewer) | Q(therapist_id__in=whole) | Q(pk__in=single)


def from_notes_only(proposal: ProposedAction) -> bool:
    """An action item whose words are found only in the private notes (not a summary or reflection)."""
    return proposal.source == ItemSource.NOTES and not proposal.also_in


def visible_proposals(
    viewer: User, session: TherapySession, proposals: list[ProposedAction]
) -> list[ProposedAction]:
    """``proposals`` without the items found only in notes ``viewer`` may not read."""
    if can_read_notes(viewer, session):
        return proposals
    return [proposal for proposal in proposals if not from_notes_only(proposal)]


def past_sessions_of_author(therapist: User) -> QuerySet[TherapySession]:
    """Sessions ``therapist`` led with clients no longer in their care, whose care ended within the
    retention period: the author reads their own notes on them, read-only."""
    since = timezone.now() - retention_period()
    return (
        TherapySession.objects.filter(
            therapist=therapist,
            client__care_relationships__therapist=therapist,
            client__care_relationships__ended_at__gte=since,
        )
        .exclude(client__in=clients_of(therapist))
        .distinct()
    )


def get_past_session_for_author(therapist: User, session_id: int) -> TherapySession:
    return _session(past_sessions_of_author(therapist).select_related("client"), session_id)


def notes_shares_of_author(author: User, session: TherapySession) -> QuerySet[NotesShare]:
    """The author's shares that cover ``session``'s notes: this session's, and all-sessions ones."""
    return (
        NotesShare.objects.filter(author=author, client_id=session.client_id)
        .filter(Q(session=session) | Q(session__isnull=True))
        .select_related("shared_with")
        .order_by("created_at", "pk")
    )


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
