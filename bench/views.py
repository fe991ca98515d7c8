"""The floors: the least work a signed-in page can do."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe


@login_required
@require_safe
def floor(request: HttpRequest) -> HttpResponse:
    """Reads ``request.user`` (which loads the session and the person) and answers with their id.

    Served behind Mallard's middleware (``bench.settings``: Mallard's floor) and behind
    Django's session and authentication middleware only (``bench.bare_settings``: the bare floor).
    """
    return HttpResponse(str(request.user.pk), content_type="text/plain")


@require_safe
def ready(request: HttpRequest) -> HttpResponse:
    """The bare floor's answer to the benchmark waiting for gunicorn to start."""
    return HttpResponse("ok", content_type="text/plain")
