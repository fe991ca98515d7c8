"""Template filters of the questionnaires, for pages of the apps above ``measures``."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

from measures.access import CORRECTION_DAYS

register = template.Library()


@register.filter
def still_correctable(submitted_at: datetime) -> bool:
    """Whether answers sent at ``submitted_at`` are within their time for a correction. Only the
    client's latest answers to a questionnaire can be corrected: the page decides which those are."""
    return timezone.now() < submitted_at + timedelta(days=CORRECTION_DAYS)
