from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from mallard import retention


@shared_task
def clear_expired_sessions() -> int:
    """Delete expired sign-in sessions every night so the table does not grow forever."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def purge_closed_accounts() -> int:
    """Delete closed accounts past their record retention period (the daily purge). Idempotent."""
    return len(retention.purge_closed_accounts().purged)
