"""Template context for every page: the signed-in person's unread notification count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from reminders.inbox import unread_count

CACHE_ATTRIBUTE = "_mallard_unread_notifications"


def _count_for(request: HttpRequest) -> int:
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        user = request.user
        cached = unread_count(user) if user.is_authenticated else 0
        setattr(request, CACHE_ATTRIBUTE, cached)
    return cached


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """``unread_notifications``: lazy, so a page that doesn't show it runs no query;
    evaluated at most once per request, as one COUNT, and 0 without a query when signed out."""
    return {"unread_notifications": SimpleLazyObject(lambda: _count_for(request))}
