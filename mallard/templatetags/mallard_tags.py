from __future__ import annotations

from django import template
from django.http import HttpRequest

from mallard.adapter import invitation_in_session
from mallard.models import Invitation

register = template.Library()


@register.simple_tag
def signup_invitation(request: HttpRequest) -> Invitation | None:
    """The invitation this browser is signing up through, if any."""
    return invitation_in_session(request)


@register.simple_tag
def idle_timeout_seconds(user: object) -> int:
    """How long this person may leave Mallard untouched before it signs them out."""
    from mallard.middleware import idle_timeout_for

    return idle_timeout_for(user)


@register.filter
def as_minutes(seconds: int) -> str:
    """``1800`` -> ``30 minutes``."""
    from mallard.middleware import describe_minutes

    return describe_minutes(int(seconds))


@register.simple_tag
def has_second_factor(user: object) -> bool:
    """Whether the signed-in person has an authenticator app or security key (cached)."""
    from mallard.mfa import has_enrolled

    return bool(getattr(user, "is_authenticated", False)) and has_enrolled(user)  # type: ignore[arg-type]
