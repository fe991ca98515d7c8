"""Questionnaire scores: the therapist marks an item 9 answer reviewed and chooses whether the client
sees their own scores; the client reads their scores in plain words."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from mallard.access import get_client_for_therapist
from mallard.decorators import client_required, therapist_required
from mallard.links import undo_tag
from mallard.types import AuthenticatedHttpRequest
from measures.scoring import RELIABLE_CHANGE
from sessions_app import access, services
from sessions_app.selectors import scores as selectors

# Where a therapist's form sends them back to, by the ``back`` field; anything else: the caseload.
# "answers" is the page of the one response the form is about (``measures-response``).
BACK = {"overview": "sessions-client-overview", "summary": "sessions-summary", "answers": "measures-response"}
VISIBILITY = {"on": True, "off": False}


def _back(
    request: AuthenticatedHttpRequest,
    client_id: int,
    back: str | None = None,
    *,
    response_id: int | None = None,
) -> HttpResponse:
    back = request.POST.get("back", "") if back is None else back
    if back == "overview":
        return redirect(reverse(BACK["overview"], args=[client_id]) + "#questionnaires-heading")
    if back == "answers" and response_id is not None:
        return redirect(BACK["answers"], client_id, response_id)
    return redirect("sessions-caseload")


@therapist_required
@require_POST
def item9_reviewed(request: AuthenticatedHttpRequest, client_id: int, response_id: int) -> HttpResponse:
    client = get_client_for_therapist(request.user, client_id)
    response = access.get_item9_response_for_therapist(request.user, client, response_id)
    marked = services.review_item9(therapist=request.user, response=response)
    name = client.display_name or client.email
    if marked:
        back = request.POST.get("back") if request.POST.get("back") in ("overview", "answers") else ""
        undo = reverse("sessions-item9-unreviewed", args=[client.pk, response.pk])
        messages.success(
            request,
            f"{name}'s item 9 answer is marked reviewed.",
            extra_tags=undo_tag(f"{undo}?back={back}" if back else undo),
        )
    else:
        messages.info(request, f"{name}'s item 9 answer was already marked reviewed.")
    return _back(request, client.pk, response_id=response.pk)


@therapist_required
@require_POST
def item9_unreviewed(request: AuthenticatedHttpRequest, client_id: int, response_id: int) -> HttpResponse:
    """Undo a review marked by mistake (the "Undo" beside the message that confirmed it)."""
    client = get_client_for_therapist(request.user, client_id)
    response = access.get_item9_response_for_therapist(request.user, client, response_id)
    name = client.display_name or client.email
    if services.undo_item9_review(therapist=request.user, response=response):
        messages.success(request, f"Undone: {name}'s item 9 answer is waiting for review again.")
    else:
        messages.info(
            request, f"{name}'s item 9 answer is not marked reviewed by you, so nothing was undone."
        )
    return _back(request, client.pk, request.GET.get("back", ""), response_id=response.pk)


@therapist_required
@require_POST
def scores_visibility(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_therapist(request.user, client_id)
    choice = request.POST.get("visible", "")
    name = client.display_name or client.email
    if choice not in VISIBILITY:
        messages.error(request, "Choose whether the client sees their scores: on or off.")
        return _back(request, client.pk)
    services.set_scores_visible(client=client, visible=VISIBILITY[choice])
    if VISIBILITY[choice]:
        messages.success(request, f"{name} can now see their own questionnaire scores.")
    else:
        messages.success(request, f"{name} no longer sees their questionnaire scores.")
    return _back(request, client.pk)


@client_required
@require_safe
def my_scores(request: AuthenticatedHttpRequest) -> HttpResponse:
    client = request.user
    if not selectors.scores_visible_to_client(client):
        # The page exists but is off for this client: say so, rather than "not found".
        return render(request, "sessions_app/scores/mine_off.html")
    trends = list(selectors.trends(client).values())
    context = {"trends": trends, "reliable": RELIABLE_CHANGE}
    return render(request, "sessions_app/scores/mine.html", context)
