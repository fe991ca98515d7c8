"""View decorators for Mallard's roles."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from mallard.models import Role

View = Callable[..., HttpResponse]


def role_required(role: Role) -> Callable[[View], View]:
    """Signed in (else redirect to login) and of ``role`` (else 403)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request.user, "role", None) != role:
                raise PermissionDenied(f"This page is for {role.label.lower()}s.")
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


therapist_required = role_required(Role.THERAPIST)
client_required = role_required(Role.CLIENT)
