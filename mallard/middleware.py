"""Request-wide behaviour: one structured log line per request, and the viewer's time zone."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

logger = logging.getLogger("mallard.request")

Handler = Callable[[HttpRequest], HttpResponse]


def request_log_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        match = request.resolver_match
        # The route pattern, not the path: paths can carry invitation and unsubscribe tokens.
        logger.info(
            "request",
            extra={
                "method": request.method,
                "route": match.route if match else "<unresolved>",
                "view": match.view_name if match else "",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": getattr(request.user, "pk", None) if hasattr(request, "user") else None,
            },
        )
        return response

    return middleware


def user_time_zone_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[..., HttpResponse]:
    """Show every date and time in the signed-in person's own time zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        zone = getattr(request.user, "zone", None) if hasattr(request, "user") else None
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware
