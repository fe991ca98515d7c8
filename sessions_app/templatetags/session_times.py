"""Times on someone else's clock, said as theirs: "05:15 for Priya, New York".

Therapist pages show times in the therapist's zone (the middleware activates the viewer's zone).
A time a client reads differently is said once more, beside it, with whose clock it is on, so
neither a narrow screen nor a screen reader ever meets a bare "05:15" under a heading it can't see.
"""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from mallard.lib.timezones import place_name
from mallard.models import User

register = template.Library()


@register.simple_tag
def their_time(starts_at: datetime, person: User, ends_at: datetime | None = None) -> str:
    """``starts_at`` (to ``ends_at``) on ``person``'s clock, with their first name and place, such
    as "05:15-06:05 for Priya, New York" (with an en dash), or "Mon 14 Dec, 23:15 for Priya, Los
    Angeles" when their day is not the viewer's. Empty when their clock reads what the viewer's does."""
    mine, theirs = timezone.localtime(starts_at), starts_at.astimezone(person.zone)
    if mine.replace(tzinfo=None) == theirs.replace(tzinfo=None):
        return ""
    when = f"{theirs:%H:%M}"
    if ends_at is not None:
        when += f"–{ends_at.astimezone(person.zone):%H:%M}"
    if theirs.date() != mine.date():
        when = f"{date_format(theirs, 'D j M')}, {when}"
    name = (person.display_name.split() or [person.email])[0]
    return f"{when} for {name}, {place_name(person.time_zone)}"
