"""Reads of questionnaire rows, each scoped to the person asking: another person's row is a 404."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet, Window

from mallard.access import clients_of, one_or_404, record_clients_of
from mallard.models import User
from measures.models import MeasurePlan, MeasureResponse, MeasureWindow


def plans_for_therapist(therapist: User) -> QuerySet[MeasurePlan]:
    """The plans of the therapist's current clients (whoever set them up)."""
    return MeasurePlan.objects.filter(client__in=clients_of(therapist))


def get_plan_for_therapist(therapist: User, client: User, plan_id: int) -> MeasurePlan:
    """One of ``client``'s plans; ``client`` comes from ``get_client_for_therapist``. An extra ask
    ("Ask once now") is not a plan the therapist changes or stops by itself: it goes with its
    questionnaire's plan, so it is not found here."""
    return one_or_404(
        plans_for_therapist(therapist).filter(client=client, extra=False),
        plan_id,
        "No such questionnaire plan.",
    )


def get_window_for_client(client: User, window_id: int) -> MeasureWindow:
    return one_or_404(
        MeasureWindow.objects.filter(client=client).select_related("plan"),
        window_id,
        "No such questionnaire.",
    )


def get_response_for_client(client: User, response_id: int) -> MeasureResponse:
    return one_or_404(MeasureResponse.objects.filter(client=client), response_id, "No such questionnaire.")


# A client can correct a questionnaire for this long after sending it (see ``can_correct``).
CORRECTION_DAYS = 7


def correctable_until(response: MeasureResponse) -> datetime:
    return response.submitted_at + timedelta(days=CORRECTION_DAYS)


def can_correct(response: MeasureResponse, now: datetime) -> bool:
    """Whether the client may still correct ``response``: it was sent less than ``CORRECTION_DAYS``
    ago, nothing corrects it yet, and it is their latest answer to that questionnaire (a
    correction counts, so a correction can itself be corrected while it is the latest). One query."""
    if now >= correctable_until(response):
        return False
    later = MeasureResponse.objects.filter(
        client_id=response.client_id, instrument=response.instrument
    ).filter(Q(submitted_at__gt=response.submitted_at) | Q(corrects=response))
    return not later.exclude(pk=response.pk).exists()


def corrections_for_therapist(therapist: User, client: User, limit: int = 20) -> QuerySet[MeasureResponse]:
    """``client``'s newest corrections, each with the response it corrects; ``client`` comes from
    ``get_client_for_therapist``."""
    return (
        MeasureResponse.objects.filter(client__in=clients_of(therapist), corrects__isnull=False)
        .filter(client=client)
        .select_related("corrects")
        .order_by("-submitted_at", "-pk")[:limit]
    )


# The questionnaires page lists at most this many of a client's answers, newest first.
ANSWERS_SHOWN = 20


def answers_for_therapist(
    therapist: User, client: User, limit: int = ANSWERS_SHOWN
) -> tuple[list[MeasureResponse], int]:
    """``client``'s ``limit`` newest responses, each with the response that corrects it (if any)
    and whoever reviewed its item 9, and how many responses they have in all (one query, whatever
    the number); ``client`` comes from ``get_client_for_therapist``."""
    rows: list[MeasureResponse] = list(
        MeasureResponse.objects.filter(client__in=clients_of(therapist), client=client)
        .annotate(answer_count=Window(Count("pk")))
        .select_related("correction", "item9_reviewed_by")
        .order_by("-submitted_at", "-pk")[:limit]
    )
    count: int = getattr(rows[0], "answer_count", 0) if rows else 0
    return rows, count


def responses_for_therapist(therapist: User) -> QuerySet[MeasureResponse]:
    """The responses of the clients whose record the therapist may read
    (``mallard.access.record_clients_of``): their current clients, and those who closed their
    account while in their care (until it is purged). A client moved to another therapist is the
    new therapist's, no longer the former one's."""
    return MeasureResponse.objects.filter(client__in=record_clients_of(therapist))


def get_response_for_therapist(therapist: User, client_id: int, response_id: int) -> MeasureResponse:
    """One of client ``client_id``'s responses, with the client, the response it corrects, the one
    that corrects it and whoever reviewed its item 9 (one query)."""
    return one_or_404(
        responses_for_therapist(therapist)
        .filter(client_id=client_id)
        .select_related("client", "corrects", "correction", "item9_reviewed_by"),
        response_id,
        "No such questionnaire.",
    )
