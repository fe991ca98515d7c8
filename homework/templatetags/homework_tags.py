"""Template filters for homework's rows, shared with the pages that list them."""

from __future__ import annotations

from datetime import date

from django import template

from homework.models import Log
from mallard.models import User

register = template.Library()


@register.filter
def late_day(log: Log, client: User) -> date | None:
    """``Log.late_day`` on ``client``'s calendar: the day a "not done" or a note logged later was
    for, or None when it was logged on its own day. Reads ``log.occurrence``: select it."""
    return log.late_day(client.zone)
