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
