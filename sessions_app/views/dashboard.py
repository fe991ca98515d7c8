"""The therapist's workspace: the caseload dashboard, a client's overview and the pre-session summary."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mallard.access import get_client_for_therapist
from mallard.audit import record_access, record_client_list_access
from mallard.decorators import therapist_required
from mallard.lib.text import search_query
from mallard.types import AuthenticatedHttpRequest
from sessions_app import access
from sessions_app.selectors.agreements import agreed_since
from sessions_app.selectors.caseload import caseload as build_caseload
from sessions_app.selectors.overview import client_overview as build_overview
from sessions_app.selectors.summary import pre_session_summary as build_summary

QUERY_LIMIT = 100


@therapist_required
@require_safe
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = build_caseload(
        request.user,
        query=search_query(request.GET.get("q", ""), QUERY_LIMIT),
        sort=request.GET.get("sort"),
        direction=request.GET.get("dir"),
    )
    # Each row sums up a client's recent logs: one row per client shown, in one INSERT.
    record_client_list_access(request, [row.client for row in page.rows if row.client is not None])
    return render(request, "sessions_app/caseload.html", {"page": page, "query": page.query})


@therapist_required
@require_safe
def client_overview(request: AuthenticatedHttpRequest, client_id: int) -> HttpResponse:
    client = get_client_for_therapist(request.user, client_id)
    page = build_overview(request.user, client)
    record_access(request, [client], client=client)
    return render(request, "sessions_app/dashboard/overview.html", {"client": client, "page": page})


@therapist_required
@require_safe
def pre_session_summary(request: AuthenticatedHttpRequest, session_id: int) -> HttpResponse:
    session = access.get_session_for_therapist(request.user, session_id)
    summary = build_summary(session)
    agreements = agreed_since(session, summary.previous)
    # The summary draws on the whole record (homework, goals, the last reflection) around one session.
    record_access(request, [session, session.client], client=session.client)
    context = {"client": session.client, "summary": summary, "agreements": agreements}
    return render(request, "sessions_app/dashboard/summary.html", context)
