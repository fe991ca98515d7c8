from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from mallard.access import current_care
from mallard.decorators import client_required
from mallard.types import AuthenticatedHttpRequest


@client_required
@require_safe
def today(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The client's landing page: what to practise today."""
    context = {"care": current_care(request.user), "local_now": request.user.local_now()}
    return render(request, "homework/today.html", context)
