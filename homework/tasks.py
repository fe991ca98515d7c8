from __future__ import annotations

from celery import shared_task

from homework import services


@shared_task
def extend_occurrences() -> int:
    """Plan every active assignment's occurrences through the rolling horizon."""
    return services.extend_occurrences()
