"""The authenticated floor: the least work a signed-in page can do."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


@login_required
@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    """Reads ``request.user`` (which loads the session and the person) and answers with their id."""
    return HttpResponse(str(request.user.pk), content_type="text/plain")
