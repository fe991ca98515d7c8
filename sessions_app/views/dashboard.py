# Temporary: replaced by the real views (the owner of this module overwrites it).
from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mallard.access import current_caseload, open_invitations_of
from mallard.decorators import therapist_required
from mallard.types import AuthenticatedHttpRequest


@therapist_required
@require_safe
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    caseload = current_caseload(request.user)
    if query:
        caseload = caseload.filter(
            Q(client__display_name__icontains=query) | Q(client__email__icontains=query)
        )
    context = {"caseload": caseload, "invitations": open_invitations_of(request.user), "query": query}
    return render(request, "sessions_app/caseload.html", context)


def client_overview(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404


def pre_session_summary(request, **kwargs):  # type: ignore[no-untyped-def]
    raise Http404
