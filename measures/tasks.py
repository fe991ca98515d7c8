from __future__ import annotations

from celery import shared_task

from measures import services


@shared_task
def extend_windows() -> int:
    """Write the windows of every running "every N weeks" questionnaire plan through the horizon."""
    return services.extend_windows()
