"""Reads of people's data, each scoped to the user asking.

Views fetch user-owned rows only through these functions; another user's
row is a 404, never a 403, so that ids do not leak what exists.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from mallard.models import CareRelationship, Invitation, Role, User


def clients_of(therapist: User) -> QuerySet[User]:
    """The therapist's current clients, alphabetically."""
    return User.objects.filter(
        role=Role.CLIENT,
        care_relationships__therapist=therapist,
        care_relationships__ended_at__isnull=True,
    ).order_by("display_name", "email")


def get_client_for_therapist(therapist: User, client_id: int) -> User:
    client = clients_of(therapist).filter(pk=client_id).first()
    if client is None:
        raise Http404("No such client.")
    return client


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
    invitation = Invitation.objects.filter(therapist=therapist, pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


def current_caseload(therapist: User) -> QuerySet[CareRelationship]:
    """The therapist's current care relationships, with the client, alphabetically."""
    return (
        CareRelationship.objects.filter(therapist=therapist, ended_at__isnull=True)
        .select_related("client")
        .order_by("client__display_name", "client__email")
    )
