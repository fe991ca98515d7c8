from __future__ import annotations

from django.http import HttpRequest

from mallard.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is known to be signed in (behind ``login_required``)."""

    user: User
