"""Reads of questionnaire rows, each scoped to the person asking: another person's row is a 404."""

from __future__ import annotations

from django.db.models import QuerySet

from mallard.access import clients_of, one_or_404
from mallard.models import User
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow


def plans_for_therapist(therapist: User) -> QuerySet[MeasurePlan]:
    """The plans of the therapist's current clients (whoever set them up)."""
    return MeasurePlan.objects.filter(client__in=clients_of(therapist))


def get_plan_for_therapist(therapist: User, client: User, plan_id: int) -> MeasurePlan:
    """One of ``client``'s plans; ``client`` comes from ``get_client_for_therapist``."""
    return one_or_404(
        plans_for_therapist(therapist).filter(client=client), plan_id, "No such questionnaire plan."
    )


def get_window_for_client(client: User, window_id: int) -> MeasureWindow:
    return one_or_404(
        MeasureWindow.objects.filter(client=client).select_related("plan"),
        window_id,
        "No such questionnaire.",
    )


def get_response_for_client(client: User, response_id: int) -> MeasureResponse:
    return one_or_404(MeasureResponse.objects.filter(client=client), response_id, "No such questionnaire.")
