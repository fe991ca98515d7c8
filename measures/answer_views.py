"""The therapist's page of one questionnaire response: each question in the client's words and
the answer chosen, PHQ-9 item 9 among them. Read only; each view is recorded in the audit trail."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mallard.audit import record_access
from mallard.decorators import therapist_required
from mallard.types import AuthenticatedHttpRequest
from measures import access
from measures.answers import answer_sheet


@therapist_required
@require_safe
def response_answers(request: AuthenticatedHttpRequest, client_id: int, response_id: int) -> HttpResponse:
    """One response, item by item (current clients, and those who closed their account in the
    therapist's care: ``access.get_response_for_therapist``)."""
    response = access.get_response_for_therapist(request.user, client_id, response_id)
    client = response.client
    sheet = answer_sheet(response)
    record_access(request, [response], client=client)
    context = {"client": client, "sheet": sheet, "response": response, "current": client.closed_at is None}
    return render(request, "measures/response.html", context)
