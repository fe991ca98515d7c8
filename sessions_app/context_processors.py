"""Template context for every page: whether a client's navigation links to their own scores."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mallard.models import Role
from sessions_app.selectors.scores import scores_visible_to_client
from sessions_app.services import scores_visible_key

# The answer is kept in the cache until the therapist changes it (``services.set_scores_visible``
# forgets it), so a client's pages don't read the setting on every request.
CACHE_SECONDS = 3600


def _visible(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated or getattr(user, "role", "") != Role.CLIENT:
        return False
    key = scores_visible_key(user.pk)
    visible = cache.get(key)
    if visible is None:
        visible = scores_visible_to_client(user)
        cache.set(key, visible, CACHE_SECONDS)
    return bool(visible)


def score_link(request: HttpRequest) -> dict[str, Any]:
    """``show_scores_link``: lazy, so a page that doesn't print it runs nothing; for a client, one
    cached answer (a query only when the cache has none)."""
    return {"show_scores_link": SimpleLazyObject(lambda: _visible(request))}
