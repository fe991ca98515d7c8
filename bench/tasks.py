"""The reminder benchmark's floor: a task that does nothing, run by the same worker as the sends."""

from __future__ import annotations

from celery import shared_task


@shared_task
def noop(number: int) -> int:
    """Takes an id, like every Mallard task, and does no work with it."""
    return number
