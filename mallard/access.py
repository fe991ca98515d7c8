"""Reads of people's data, each scoped to the user asking.

Views fetch user-owned rows only through these functions; another user's
row is a 404, never a 403, so that ids do not leak what exists.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.http import Http404

from mallard.models import CareRelationship, Invitation, Role, User


def one_or_404[M: Model](queryset: QuerySet[M], pk: int, message: str = "Not found.") -> M:
    """The row ``pk`` within an already-scoped queryset, else a 404 (never a 403: ids don't leak)."""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404(message)
    return row


def clients_of(therapist: User) -> QuerySet[User]:
    """The therapist's current clients, alphabetically."""
    return User.objects.filter(
        role=Role.CLIENT,
        care_relationships__therapist=therapist,
        care_relationships__ended_at__isnull=True,
    ).order_by("display_name", "email")


def get_client_for_therapist(therapist: User, client_id: int) -> User:
    return one_or_404(clients_of(therapist), client_id, "No such client.")


def current_care(client: User) -> CareRelationship | None:
    return (
        CareRelationship.objects.select_related("therapist")
        .filter(client=client, ended_at__isnull=True)
        .first()
    )


def open_invitations_of(therapist: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        therapist=therapist, accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("-created_at")


def get_invitation_for_therapist(therapist: User, invitation_id: int) -> Invitation:
    return one_or_404(Invitation.objects.filter(therapist=therapist), invitation_id, "No such invitation.")


def current_caseload(therapist: User) -> QuerySet[CareRelationship]:
    """The therapist's current care relationships, with the client, alphabetically."""
    return (
        CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=True)
        .select_related("client")
        .order_by("client__display_name", "client__email")
    )
