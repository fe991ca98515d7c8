"""The Celery app. Tasks carry ids only and call services; the database holds the schedule."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mallard.settings")

app = Celery("mallard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "extend-homework-occurrences": {
        "task": "homework.tasks.extend_occurrences",
        "schedule": crontab(minute=5),
    },
    "clear-expired-sessions": {
        "task": "mallard.tasks.clear_expired_sessions",
        "schedule": crontab(minute=17, hour=3),
    },
}
